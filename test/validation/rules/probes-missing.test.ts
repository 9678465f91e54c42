import rule from '../../../lib/validation/rules/probes-missing';
import { deployment, pod } from '../fixtures/pss-pods';
import { ruleTester } from '../rule-tester';

const probe = { httpGet: { path: '/healthz', port: 8080 } };

ruleTester(rule, {
  valid: [
    deployment({ initContainers: [{ name: 'init', image: 'x' }], containers: [{ name: 'app', image: 'x', readinessProbe: probe, livenessProbe: probe }] }),
    { name: 'bare Pod', object: pod({ containers: [{ name: 'app', image: 'x' }] }) },
    { name: 'Job', object: { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'app', image: 'x' }] } } } } },
  ],
  invalid: [
    { object: deployment({ containers: [{ name: 'app', image: 'x', livenessProbe: probe }, { name: 'side', image: 'y' }] }),
      errors: [
        { path: 'spec.template.spec.containers[0]', message: 'container "app" has no readinessProbe' },
        { path: 'spec.template.spec.containers[1]', message: 'container "side" has no readinessProbe and no livenessProbe' },
      ] },
  ],
});
