import rule from '../../../lib/validation/rules/admission-webhook-configuration';
import { ruleTester } from '../rule-tester';

// Every case labelled by kube-apiserver v1.28.15 (dry-run create, strict field validation).
const A = 'admissionregistration.k8s.io/v1';
const hook = (extra: Record<string, unknown> = {}) => ({ name: 'v.example.com', clientConfig: { service: { namespace: 'ns', name: 'svc' } }, sideEffects: 'None', admissionReviewVersions: ['v1'], ...extra });
const vwc = (...webhooks: unknown[]) => ({ apiVersion: A, kind: 'ValidatingWebhookConfiguration', metadata: { name: 'w' }, webhooks });
const mwc = (...webhooks: unknown[]) => ({ apiVersion: A, kind: 'MutatingWebhookConfiguration', metadata: { name: 'w' }, webhooks });

ruleTester(rule, {
  valid: [
    vwc(hook()),
    mwc(hook({ clientConfig: { url: 'https://x.example.com/v' } })),
    { name: 'a cluster-scoped rule', object: vwc(hook({ rules: [{ operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'], scope: 'Cluster' }] })) },
  ],
  invalid: [
    { name: 'two-segment name', object: vwc(hook({ name: 'noqualify' })), errors: [{ path: 'webhooks[0].name', message: 'Invalid value: "noqualify": should be a domain with at least three segments separated by dots' }] },
    { name: 'duplicate names', object: vwc(hook(), hook()), errors: [{ path: 'webhooks[1].name', message: 'Duplicate value: "v.example.com"' }] },
    { name: 'sideEffects Unknown (v1beta1 only)', object: vwc(hook({ sideEffects: 'Unknown' })), errors: [{ path: 'webhooks[0].sideEffects', message: 'Unsupported value: "Unknown": supported values: "None", "NoneOnDryRun"' }] },
    { name: 'no review versions', object: vwc(hook({ admissionReviewVersions: [] })), errors: [{ path: 'webhooks[0].admissionReviewVersions', message: 'Required value: must specify one of v1, v1beta1' }] },
    { name: 'unknown review version', object: vwc(hook({ admissionReviewVersions: ['v2'] })), errors: [{ path: 'webhooks[0].admissionReviewVersions', message: 'Invalid value: []string{"v2"}: must include at least one of v1, v1beta1' }] },
    { name: 'neither url nor service', object: vwc(hook({ clientConfig: {} })), errors: [{ path: 'webhooks[0].clientConfig', message: 'Required value: exactly one of url or service is required' }] },
    { name: 'both url and service', object: vwc(hook({ clientConfig: { url: 'https://x.example.com/v', service: { namespace: 'ns', name: 'svc' } } })), errors: [{ path: 'webhooks[0].clientConfig', message: 'Required value: exactly one of url or service is required' }] },
    { name: 'http url', object: vwc(hook({ clientConfig: { url: 'http://x.example.com/v' } })), errors: [{ path: 'webhooks[0].clientConfig.url', message: 'Invalid value: "http": \'https\' is the only allowed URL scheme; desired format: https://host[/path]' }] },
    { name: 'url fragment', object: vwc(hook({ clientConfig: { url: 'https://x.example.com/v#frag' } })), errors: [{ path: 'webhooks[0].clientConfig.url', message: 'Invalid value: "frag": fragments are not permitted in the URL' }] },
    { name: 'timeout', object: vwc(hook({ timeoutSeconds: 31 })), errors: [{ path: 'webhooks[0].timeoutSeconds', message: 'Invalid value: 31: the timeout value must be between 1 and 30 seconds' }] },
    {
      name: "'*' with other operations",
      object: vwc(hook({ rules: [{ operations: ['CREATE', '*'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods/*', '*/status'] }] })),
      errors: [{ path: 'webhooks[0].rules[0].operations', message: 'Invalid value: []admissionregistration.OperationType{"CREATE", "*"}: if \'*\' is present, must not specify other operations' }],
    },
    { name: 'service path', object: vwc(hook({ clientConfig: { service: { namespace: 'ns', name: 'svc', path: 'noslash' } } })), errors: [{ path: 'webhooks[0].clientConfig.service.path', message: 'Invalid value: "noslash": must start with a \'/\'' }] },
    { name: 'service port', object: vwc(hook({ clientConfig: { service: { namespace: 'ns', name: 'svc', port: 70000 } } })), errors: [{ path: 'webhooks[0].clientConfig.service.port', message: 'Invalid value: 70000: port is not valid: must be between 1 and 65535, inclusive' }] },
    {
      // The server: `compilation failed: ERROR: <input>:1:4: Syntax error: mismatched input '+' ...` (cel-go's detail).
      name: 'a matchCondition that does not compile, and a duplicate name',
      object: mwc(hook({ matchConditions: [{ name: 'a', expression: 'true' }, { name: 'a', expression: 'x ++' }] })),
      errors: [
        { path: 'webhooks[0].matchConditions[1].expression', message: /^Invalid value: "x \+\+": compilation failed: / },
        { path: 'webhooks[0].matchConditions[1].name', message: 'Duplicate value: "a"' },
      ],
    },
  ],
});
