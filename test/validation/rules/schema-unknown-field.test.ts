import rule from '../../../lib/validation/rules/schema-unknown-field';
import { ruleTester } from '../rule-tester';

const pod = (container: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'app', image: 'nginx', ...container }], ...extra },
});

ruleTester(rule, {
  valid: [
    pod({ imagePullPolicy: 'Always', ports: [{ containerPort: 80 }] }),
    { name: 'status and JSON keys that differ from TypeScript names', object: { ...pod({}, { hostIPC: false, hostPID: false, setHostnameAsFQDN: false }), status: { phase: 'Running' } } },
    { name: 'custom resources without a CRD schema are not walked', object: { apiVersion: 'example.com/v1', kind: 'Widget', spec: { anything: 1 } } },
    { name: 'map keys are free', object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { 'app.kubernetes.io/name': 'x' } }, data: { imagePullPolicyy: 'x' } } },
  ],
  invalid: [
    {
      name: 'typo in a container field',
      object: pod({ imagePullPolicyy: 'Always' }),
      errors: [{ path: 'spec.containers[0].imagePullPolicyy', message: 'unknown field "spec.containers[0].imagePullPolicyy"' }],
    },
    {
      name: 'field at the wrong level, in a Deployment template',
      object: {
        apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' },
        spec: { selector: { matchLabels: { a: 'b' } }, replica: 2, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i', port: 80 }] } } },
      },
      errors: [
        { path: 'spec.replica', message: 'unknown field "spec.replica"' },
        { path: 'spec.template.spec.containers[0].port', message: 'unknown field "spec.template.spec.containers[0].port"' },
      ],
    },
    {
      name: 'keys match case-sensitively, like sigs.k8s.io/json',
      object: pod({}, { hostIpc: true }),
      errors: [{ path: 'spec.hostIpc', message: 'unknown field "spec.hostIpc"' }],
    },
    {
      name: 'a field added after 1.28 (appArmorProfile, 1.30)',
      object: pod({}, { securityContext: { appArmorProfile: { type: 'RuntimeDefault' } } }),
      errors: [{ path: 'spec.securityContext.appArmorProfile', message: 'unknown field "spec.securityContext.appArmorProfile"' }],
    },
    {
      name: '__proto__ is a plain unknown key',
      object: JSON.parse('{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"},"__proto__":{"x":1}}'),
      errors: [{ path: '__proto__', message: 'unknown field "__proto__"' }],
    },
  ],
});

test('the fix suggests the closest field name', () => {
  const { runRule } = jest.requireActual('../rule-tester') as typeof import('../rule-tester');
  const [f] = runRule(rule, [{ object: pod({ imagePullPolicyy: 'Always' }) }]);
  expect(f?.fix).toBe('Did you mean "imagePullPolicy"? Remove or rename the field.');
});
