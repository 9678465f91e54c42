import rule from '../../../lib/validation/rules/tolerations';
import { ruleTester } from '../rule-tester';
import { oneContainer, pod } from '../fixtures/pod-spec';

ruleTester(rule, {
  valid: [pod(oneContainer({}, { tolerations: [{ operator: 'Exists' }, { key: 'k', operator: 'Equal', value: 'v', effect: 'NoExecute', tolerationSeconds: 30 }, { key: 'k', value: 'v', effect: 'NoSchedule' }] }))],
  invalid: [
    { object: pod(oneContainer({}, { tolerations: [{ key: 'example-key', operator: 'Gt', value: '100', effect: 'NoSchedule' }] })), errors: [{ path: 'spec.tolerations[0].operator', message: 'Unsupported value: "Gt": supported values: "Equal", "Exists"' }] },
    { object: pod(oneContainer({}, { tolerations: [{ operator: 'Equal', value: 'v' }] })), errors: [{ path: 'spec.tolerations[0].operator', message: 'Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"' }] },
    { object: pod(oneContainer({}, { tolerations: [{ key: 'k', operator: 'Exists', value: 'v', effect: 'NoSchedule', tolerationSeconds: 5 }] })), errors: [{ path: 'spec.tolerations[0].effect', message: "Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set" }, { path: 'spec.tolerations[0].operator', message: /value must be empty when `operator` is 'Exists'$/ }] },
  ],
});
