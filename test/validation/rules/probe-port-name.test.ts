import { validate } from '../../../lib/validation/engine';
import probePortName from '../../../lib/validation/rules/probe-port-name';
import { portDeclared } from '../../../lib/validation/util/probe-ports';
import { ruleTester } from '../rule-tester';
import { deployment, oneContainer, pod } from '../fixtures/pod-spec';

const ports = [{ name: 'http', containerPort: 8080 }];

ruleTester(probePortName, {
  valid: [
    pod(oneContainer({ ports, readinessProbe: { httpGet: { path: '/', port: 'http' } } })),
    pod(oneContainer({ ports, livenessProbe: { tcpSocket: { port: 9999 } } })), // numbers are probe-port-undeclared's
    pod(oneContainer({ ports, livenessProbe: { tcpSocket: { port: '8080' } } })), // the kubelet reads digits as a number
  ],
  invalid: [
    {
      name: 'the issue\'s htp',
      object: pod(oneContainer({ ports, readinessProbe: { httpGet: { path: '/', port: 'htp' } } })),
      errors: [{ path: 'spec.containers[0].readinessProbe.httpGet.port', message: 'readinessProbe.httpGet.port "htp" is not the name of a port of container "app" (its named ports: http); the kubelet cannot resolve it, so the check fails every time' }],
    },
    {
      name: 'a lifecycle hook in a pod template, on a container without named ports',
      object: deployment(oneContainer({ lifecycle: { preStop: { httpGet: { path: '/drain', port: 'admin' } } } })),
      errors: [{ path: 'spec.template.spec.containers[0].lifecycle.preStop.httpGet.port', message: 'lifecycle.preStop.httpGet.port "admin" is not the name of a port of container "app" (it names no port); the kubelet cannot resolve it, so the check fails every time' }],
    },
  ],
});

test('one function decides, for the constructs and the engine alike', () => {
  expect(portDeclared('http', [{ name: 'http', number: 80 }])).toBe(true);
  expect(portDeclared(80, [{ name: 'http', number: 80 }])).toBe(true);
  expect(portDeclared('80', [{ number: 80 }])).toBe(true);
  expect(portDeclared('htp', [{ name: 'http', number: 80 }])).toBe(false);
  expect(portDeclared(81, [{ name: 'http', number: 80 }])).toBe(false);
});

test('the never-runs checks are errors of podwright\'s own rules, reported by default', () => {
  const obj = pod(oneContainer({ image: 'ghcr.io/Acme/Web:1.4.2', ports, readinessProbe: { httpGet: { path: '/', port: 'htp' } } }));
  const errors = validate([{ object: obj }]).findings.filter((f) => f.severity === 'error' && f.layer === 'practice').map((f) => f.ruleId);
  expect(errors).toEqual(expect.arrayContaining(['image-reference', 'probe-port-name']));
});
