import rule from '../../../lib/validation/rules/validating-admission-policy-binding';
import { ruleTester } from '../rule-tester';

// Every case labelled by kube-apiserver v1.28.15 with admissionregistration.k8s.io/v1beta1
// enabled (dry-run create, strict field validation).
const binding = (spec: Record<string, unknown>) => ({ apiVersion: 'admissionregistration.k8s.io/v1beta1', kind: 'ValidatingAdmissionPolicyBinding', metadata: { name: 'b' }, spec });

ruleTester(rule, {
  valid: [
    binding({ policyName: 'p', validationActions: ['Deny'] }),
    binding({ policyName: 'p', validationActions: ['Audit', 'Warn'], paramRef: { name: 'x', parameterNotFoundAction: 'Deny' } }),
  ],
  invalid: [
    { name: 'no policy', object: binding({ validationActions: ['Deny'] }), errors: [{ path: 'spec.policyName', message: 'Required value' }] },
    { name: 'no actions', object: binding({ policyName: 'p' }), errors: [{ path: 'spec.validationActions', message: 'Required value: at least one validation action is required' }] },
    {
      name: 'Deny and Warn',
      object: binding({ policyName: 'p', validationActions: ['Deny', 'Warn'] }),
      errors: [{ path: 'spec.validationActions', message: 'Invalid value: []admissionregistration.ValidationAction{"Deny", "Warn"}: must not contain both Deny and Warn (repeating the same validation failure information in the API response and headers serves no purpose)' }],
    },
    { name: 'duplicate', object: binding({ policyName: 'p', validationActions: ['Audit', 'Audit'] }), errors: [{ path: 'spec.validationActions[1]', message: 'Duplicate value: "Audit"' }] },
    { name: 'unknown action', object: binding({ policyName: 'p', validationActions: ['Block'] }), errors: [{ path: 'spec.validationActions[0]', message: 'Unsupported value: "Block": supported values: "Audit", "Deny", "Warn"' }] },
    {
      name: 'paramRef with name and selector',
      object: binding({ policyName: 'p', validationActions: ['Deny'], paramRef: { name: 'x', selector: {} } }),
      errors: [
        { path: 'spec.paramRef.name', message: 'Forbidden: name and selector are mutually exclusive' },
        { path: 'spec.paramRef.selector', message: 'Forbidden: name and selector are mutually exclusive' },
        { path: 'spec.paramRef.parameterNotFoundAction', message: 'Required value' },
      ],
    },
  ],
});
