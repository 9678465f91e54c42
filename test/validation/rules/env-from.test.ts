import rule from '../../../lib/validation/rules/env-from';
import { ruleTester } from '../rule-tester';
import { oneContainer, pod } from '../fixtures/pod-spec';

ruleTester(rule, {
  valid: [pod(oneContainer({ envFrom: [{ configMapRef: { name: 'c' } }, { prefix: 'S_', secretRef: { name: 's' } }] }))],
  invalid: [
    { object: pod(oneContainer({ envFrom: [{ configMapRef: { name: 'c' }, secretRef: { name: 's' } }] })), errors: [{ path: 'spec.containers[0].envFrom', message: 'Invalid value: "": may not have more than one field specified at a time' }] },
    { object: pod(oneContainer({ envFrom: [{ prefix: '1x' }] })), errors: [{ path: 'spec.containers[0].envFrom[0].prefix', message: /must not start with a digit/ }, { path: 'spec.containers[0].envFrom', message: 'Invalid value: "": must specify one of: `configMapRef` or `secretRef`' }] },
  ],
});
