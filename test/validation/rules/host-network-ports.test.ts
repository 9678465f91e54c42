import rule from '../../../lib/validation/rules/host-network-ports';
import { ruleTester } from '../rule-tester';
import { oneContainer, pod } from '../fixtures/pod-spec';

ruleTester(rule, {
  valid: [pod(oneContainer({ ports: [{ containerPort: 80 }, { containerPort: 81, hostPort: 81 }] }, { hostNetwork: true })), pod(oneContainer({ ports: [{ containerPort: 80, hostPort: 8080 }] }))],
  invalid: [
    { object: pod(oneContainer({ ports: [{ containerPort: 80, hostPort: 8080 }] }, { hostNetwork: true })), errors: [{ path: 'spec.containers[0].ports[0].containerPort', message: 'Invalid value: 80: must match `hostPort` when `hostNetwork` is true' }] },
  ],
});
