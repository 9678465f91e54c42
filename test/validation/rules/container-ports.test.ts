import rule from '../../../lib/validation/rules/container-ports';
import { ruleTester } from '../rule-tester';
import { oneContainer, pod } from '../fixtures/pod-spec';

ruleTester(rule, {
  valid: [pod(oneContainer({ ports: [{ containerPort: 80, name: 'http' }, { containerPort: 53, protocol: 'UDP', hostPort: 0 }] }))],
  invalid: [
    { object: pod(oneContainer({ ports: [{ containerPort: 70000 }] })), errors: [{ path: 'spec.containers[0].ports[0].containerPort', message: 'Invalid value: 70000: must be between 1 and 65535, inclusive' }] },
    { object: pod(oneContainer({ ports: [{ containerPort: 80, name: 'http' }, { containerPort: 81, name: 'http' }] })), errors: [{ path: 'spec.containers[0].ports[1].name', message: 'Duplicate value: "http"' }] },
    { object: pod(oneContainer({ ports: [{ containerPort: 80, name: 'http-metrics-1234' }] })), errors: [{ path: 'spec.containers[0].ports[0].name', message: 'Invalid value: "http-metrics-1234": must be no more than 15 characters' }] },
    { object: pod(oneContainer({ ports: [{ containerPort: 80, protocol: 'HTTP', hostPort: 70000 }] })), errors: [{ path: 'spec.containers[0].ports[0].hostPort', message: 'Invalid value: 70000: must be between 1 and 65535, inclusive' }, { path: 'spec.containers[0].ports[0].protocol', message: 'Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"' }] },
  ],
});
