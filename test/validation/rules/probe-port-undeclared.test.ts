import probePortUndeclared from '../../../lib/validation/rules/probe-port-undeclared';
import { ruleTester } from '../rule-tester';
import { oneContainer, pod } from '../fixtures/pod-spec';

const ports = [{ name: 'http', containerPort: 8080 }];

ruleTester(probePortUndeclared, {
  valid: [
    pod(oneContainer({ ports, livenessProbe: { tcpSocket: { port: 8080 } } })),
    pod(oneContainer({ livenessProbe: { tcpSocket: { port: 8080 } } })), // no ports declared: not checked
  ],
  invalid: [{
    object: pod(oneContainer({ ports, startupProbe: { grpc: { port: 8008 } } })),
    errors: [{ path: 'spec.containers[0].startupProbe.grpc.port', message: 'startupProbe.grpc.port 8008 is not a port container "app" declares (8080)' }],
  }],
});

