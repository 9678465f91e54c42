import rule from '../../../lib/validation/rules/host-port-conflict';
import { ruleTester } from '../rule-tester';
import { ctr, pod } from '../fixtures/pod-spec';

ruleTester(rule, {
  valid: [
    pod({ containers: [ctr('a', { ports: [{ containerPort: 80 }] }), ctr('b', { ports: [{ containerPort: 80 }] })] }),
    pod({ containers: [ctr('a', { ports: [{ containerPort: 80, hostPort: 80 }] }), ctr('b', { ports: [{ containerPort: 80, hostPort: 80, protocol: 'UDP' }] })] }),
  ],
  invalid: [
    { object: pod({ containers: [ctr('a', { ports: [{ containerPort: 80, hostPort: 8080 }] }), ctr('b', { ports: [{ containerPort: 81, hostPort: 8080, protocol: 'TCP' }] })] }), errors: [{ path: 'spec.containers[1].ports[0].hostPort', message: 'Duplicate value: "/TCP/8080"' }] },
    { name: 'init containers are checked one by one, reported at index 0 like the server', object: pod({ containers: [ctr('a')], initContainers: [ctr('i'), ctr('j', { ports: [{ containerPort: 1, hostPort: 9 }, { containerPort: 2, hostPort: 9 }] })] }), errors: [{ path: 'spec.initContainers[0].ports[1].hostPort', message: 'Duplicate value: "/TCP/9"' }] },
  ],
});
