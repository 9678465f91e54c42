import rule from '../../../lib/validation/rules/native-sidecar-needs-feature-gate';
import { ruleTester } from '../rule-tester';
import { ctr, deployment, pod } from '../fixtures/pod-spec';

ruleTester(rule, {
  valid: [pod({ containers: [ctr('a')], initContainers: [ctr('i')] }), { config: { k8sVersion: '1.29' }, object: pod({ containers: [ctr('a')], initContainers: [ctr('s', { restartPolicy: 'Always' })] }) }],
  invalid: [
    { object: deployment({ containers: [ctr('a')], initContainers: [ctr('s', { restartPolicy: 'Always' })] }), errors: [{ path: 'spec.template.spec.initContainers[0].restartPolicy', message: /dropped by a 1.28 API server unless the SidecarContainers feature gate is on; init container "s"/ }] },
  ],
});
