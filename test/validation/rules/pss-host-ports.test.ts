import rule from '../../../lib/validation/rules/pss-host-ports';
import { goodContainer, pod, restrictedSpec } from '../fixtures/pss-pods';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    pod(restrictedSpec({ containers: [goodContainer('app', { ports: [{ containerPort: 80 }, { containerPort: 81, hostPort: 0 }] })] })),
  ],
  invalid: [
    { object: pod(restrictedSpec({ containers: [goodContainer('app', { ports: [{ containerPort: 80 }, { containerPort: 8080, hostPort: 8080 }] })] })),
      errors: [{ path: 'spec.containers[0].ports[1].hostPort', message: 'hostPort (container "app" uses hostPort 8080)' }] },
    { name: 'ports listed as sorted strings',
      object: pod(restrictedSpec({ containers: [
        goodContainer('a', { ports: [{ containerPort: 80, hostPort: 9000 }] }),
        goodContainer('b', { ports: [{ containerPort: 81, hostPort: 10000 }] }),
      ] })),
      errors: [{ path: 'spec', message: 'hostPort (containers "a", "b" use hostPorts 10000, 9000)' }] },
  ],
});
