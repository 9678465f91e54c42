import rule from '../../../lib/validation/rules/service-node-port-range';
import { ruleTester } from '../rule-tester';
import { service } from '../fixtures/objects-2b';

const RANGE = 'provided port is not in the valid range. The range of valid ports is 30000-32767';

ruleTester(rule, {
  valid: [
    service({ type: 'NodePort', ports: [{ port: 80, nodePort: 30000 }] }),
    service({ type: 'LoadBalancer', ports: [{ port: 80, nodePort: 32767 }], externalTrafficPolicy: 'Local', healthCheckNodePort: 31000 }),
    { name: 'no nodePort: the server picks one', object: service({ type: 'NodePort' }) },
    { name: 'ClusterIP Services get no node ports (service-spec forbids the field)', object: service({ ports: [{ port: 80, nodePort: 80 }] }) },
    { name: 'healthCheckNodePort is only allocated for LoadBalancer + Local', object: service({ type: 'LoadBalancer', healthCheckNodePort: 80 }) },
  ],
  invalid: [
    { object: service({ type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] }), errors: [{ path: 'spec.ports[0].nodePort', message: `Invalid value: 80: ${RANGE}` }] },
    {
      name: 'the allocator stops at its first failure',
      object: service({ type: 'LoadBalancer', allocateLoadBalancerNodePorts: false, ports: [{ name: 'a', port: 80 }, { name: 'b', port: 81, nodePort: 8081 }, { name: 'c', port: 82, nodePort: 8082 }] }),
      errors: [{ path: 'spec.ports[1].nodePort', message: `Invalid value: 8081: ${RANGE}` }],
    },
    {
      name: 'ports sharing a number share the first requested nodePort',
      object: service({ type: 'NodePort', ports: [{ name: 'tcp', port: 53 }, { name: 'udp', port: 53, protocol: 'UDP', nodePort: 53 }] }),
      errors: [{ path: 'spec.ports[0].nodePort', message: `Invalid value: 53: ${RANGE}` }],
    },
    {
      object: service({ type: 'LoadBalancer', externalTrafficPolicy: 'Local', healthCheckNodePort: 10256 }),
      errors: [{ path: 'spec.healthCheckNodePort', message: `Internal error occurred: failed to allocate requested HealthCheck NodePort 10256: ${RANGE}` }],
    },
  ],
});
