import rule from '../../../lib/validation/rules/container-port-conflict';
import { deployment, pod } from '../fixtures/pss-pods';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    pod({ containers: [{ name: 'a', image: 'x', ports: [{ containerPort: 80 }] }, { name: 'b', image: 'y', ports: [{ containerPort: 81 }] }] }),
    { name: 'same port, different protocol', object: pod({ containers: [{ name: 'a', image: 'x', ports: [{ containerPort: 53 }] }, { name: 'b', image: 'y', ports: [{ containerPort: 53, protocol: 'UDP' }] }] }) },
    { name: 'an ordinary init container runs before', object: pod({ initContainers: [{ name: 'i', image: 'x', ports: [{ containerPort: 80 }] }], containers: [{ name: 'a', image: 'x', ports: [{ containerPort: 80 }] }] }) },
  ],
  invalid: [
    { object: pod({ containers: [{ name: 'a', image: 'x', ports: [{ containerPort: 8080 }] }, { name: 'b', image: 'y', ports: [{ containerPort: 9090 }, { containerPort: 8080, protocol: 'TCP' }] }] }),
      errors: [{ path: 'spec.containers[1].ports[1].containerPort',
        message: 'containerPort 8080/TCP of container "b" is also declared by container "a" (spec.containers[0].ports[0]); the containers share the pod\'s network namespace, so only one of them can bind it' }] },
    { name: 'native sidecar', object: deployment({ initContainers: [{ name: 'proxy', image: 'x', restartPolicy: 'Always', ports: [{ containerPort: 15001 }] }], containers: [{ name: 'app', image: 'y', ports: [{ containerPort: 15001 }] }] }),
      errors: [{ path: 'spec.template.spec.containers[0].ports[0].containerPort', message: /also declared by container "proxy" \(spec.template.spec.initContainers\[0\].ports\[0\]\)/ }] },
  ],
});
