import rule from '../../../lib/validation/rules/container-restart-policy';
import { ruleTester } from '../rule-tester';
import { ctr, oneContainer, pod } from '../fixtures/pod-spec';

ruleTester(rule, {
  valid: [pod({ containers: [ctr('a')], initContainers: [ctr('s', { restartPolicy: 'Always' })] }), pod({ containers: [ctr('a')], initContainers: [ctr('s', { restartPolicy: 'OnFailure' })] })],
  invalid: [
    { object: pod(oneContainer({ restartPolicy: 'Always' })), errors: [{ path: 'spec.containers[0].restartPolicy', message: 'Forbidden: may not be set for non-init containers' }] },
    { config: { k8sVersion: '1.29' }, object: pod({ containers: [ctr('a')], initContainers: [ctr('s', { restartPolicy: 'OnFailure' })] }), errors: [{ path: 'spec.initContainers[0].restartPolicy', message: 'Unsupported value: "OnFailure": supported values: "Always"' }] },
  ],
});
