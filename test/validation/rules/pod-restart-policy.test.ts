import rule from '../../../lib/validation/rules/pod-restart-policy';
import { ruleTester } from '../rule-tester';
import { oneContainer, pod } from '../fixtures/pod-spec';

ruleTester(rule, {
  valid: [pod(oneContainer({}, { restartPolicy: 'OnFailure', activeDeadlineSeconds: 60 }))],
  invalid: [
    { object: pod(oneContainer({}, { restartPolicy: 'Sometimes' })), errors: [{ path: 'spec.restartPolicy', message: 'Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"' }] },
    { object: pod(oneContainer({}, { activeDeadlineSeconds: 0 })), errors: [{ path: 'spec.activeDeadlineSeconds', message: 'Invalid value: 0: must be between 1 and 2147483647, inclusive' }] },
  ],
});
