import rule from '../../../lib/validation/rules/init-container-probes';
import { ruleTester } from '../rule-tester';
import { ctr, deployment, pod } from '../fixtures/pod-spec';

ruleTester(rule, {
  valid: [
    pod({ containers: [ctr('a', { livenessProbe: { exec: { command: ['x'] } } })], initContainers: [ctr('i')] }),
    { config: { k8sVersion: '1.29' }, object: pod({ containers: [ctr('a')], initContainers: [ctr('s', { restartPolicy: 'Always', readinessProbe: { exec: { command: ['x'] } } })] }) },
  ],
  invalid: [
    { object: deployment({ containers: [ctr('a')], initContainers: [ctr('i', { lifecycle: {}, startupProbe: {} })] }), errors: [{ path: 'spec.template.spec.initContainers[0].lifecycle', message: 'Forbidden: may not be set for init containers without restartPolicy=Always' }, { path: 'spec.template.spec.initContainers[0].startupProbe', message: 'Forbidden: may not be set for init containers without restartPolicy=Always' }] },
    { name: 'on 1.28 restartPolicy is dropped', object: pod({ containers: [ctr('a')], initContainers: [ctr('s', { restartPolicy: 'Always', readinessProbe: {} })] }), errors: [{ path: 'spec.initContainers[0].readinessProbe', message: /^Forbidden: may not be set for init containers without restartPolicy=Always \(on 1.28/ }] },
  ],
});
