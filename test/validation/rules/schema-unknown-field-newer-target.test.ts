import rule from '../../../lib/validation/rules/schema-unknown-field-newer-target';
import unknownField from '../../../lib/validation/rules/schema-unknown-field';
import { ruleTester, runRule } from '../rule-tester';

const pod = (spec: Record<string, unknown>) => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }], ...spec },
});
const at132 = { k8sVersion: '1.32' };

ruleTester(rule, {
  valid: [
    { name: 'a 1.28 field, target 1.32', object: pod({ hostPID: false }), config: at132 },
    { name: 'an unknown field at target 1.28 is the job of the error rule', object: pod({ resources: { limits: { cpu: '1' } } }) },
  ],
  invalid: [
    {
      name: 'pod-level resources (1.32) with target 1.32',
      object: pod({ resources: { limits: { cpu: '1' } } }),
      config: at132,
      errors: [{ path: 'spec.resources', message: 'unknown field "spec.resources": not in the Kubernetes 1.28 schema podwright carries; a typo, or a field added after 1.28 that your target 1.32 may accept' }],
    },
  ],
});

test('at 1.28 the same field is an error of schema-unknown-field, at 1.29+ a warning of this rule only', () => {
  const object = pod({ resources: { limits: { cpu: '1' } } });
  expect(runRule(unknownField, [{ object }]).map((f) => f.severity)).toEqual(['error']);
  expect(runRule(unknownField, [{ object }], at132)).toEqual([]);
  expect(runRule(rule, [{ object }], at132).map((f) => f.severity)).toEqual(['warning']);
});
