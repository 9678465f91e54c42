import rule from '../../../lib/validation/rules/probe-handler';
import { ruleTester } from '../rule-tester';
import { ctr, oneContainer, pod } from '../fixtures/pod-spec';

ruleTester(rule, {
  valid: [pod(oneContainer({ livenessProbe: { httpGet: { path: '/', port: 'http' } }, readinessProbe: { tcpSocket: { port: 80 }, successThreshold: 3 }, lifecycle: { preStop: { exec: { command: ['x'] } } } }))],
  invalid: [
    { object: pod(oneContainer({ livenessProbe: { periodSeconds: 5 } })), errors: [{ path: 'spec.containers[0].livenessProbe', message: 'Required value: must specify a handler type' }] },
    { object: pod(oneContainer({ readinessProbe: { exec: { command: ['x'] }, httpGet: { port: 80 } } })), errors: [{ path: 'spec.containers[0].readinessProbe.httpGet', message: 'Forbidden: may not specify more than 1 handler type' }] },
    { object: pod(oneContainer({ startupProbe: { tcpSocket: { port: 80 }, successThreshold: 2, timeoutSeconds: -1 } })), errors: [{ path: 'spec.containers[0].startupProbe.timeoutSeconds', message: 'Invalid value: -1: must be greater than or equal to 0' }, { path: 'spec.containers[0].startupProbe.successThreshold', message: 'Invalid value: 2: must be 1' }] },
    { name: 'native sidecar probes are checked from 1.29', config: { k8sVersion: '1.29' }, object: pod({ containers: [ctr('a')], initContainers: [ctr('s', { restartPolicy: 'Always', livenessProbe: {} })] }), errors: [{ path: 'spec.initContainers[0].livenessProbe', message: 'Required value: must specify a handler type' }] },
  ],
});
