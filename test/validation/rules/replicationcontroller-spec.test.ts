import rule from '../../../lib/validation/rules/replicationcontroller-spec';
import { ruleTester } from '../rule-tester';
import { template } from '../fixtures/objects-2b';

function rc(spec: Record<string, unknown>): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'nginx' }, spec };
}

ruleTester(rule, {
  valid: [
    rc({ replicas: 3, selector: { app: 'web' }, template: template() }),
    { name: 'selector defaults to the template labels', object: rc({ template: template() }) },
    rc({ replicas: 0, minReadySeconds: 0, selector: { app: 'web' }, template: template({ app: 'web', tier: 'front' }, { restartPolicy: 'Always' }) }),
  ],
  invalid: [
    { object: rc({ selector: { app: 'web' } }), errors: [{ path: 'spec.template', message: 'Required value' }] },
    {
      name: 'no selector and no labels',
      object: rc({ template: { spec: { containers: [{ name: 'app', image: 'nginx' }] } } }),
      errors: [{ path: 'spec.selector', message: 'Required value' }],
    },
    {
      object: rc({ selector: { app: 'db' }, replicas: -1, minReadySeconds: -5, template: template({ app: 'web' }, { restartPolicy: 'OnFailure', activeDeadlineSeconds: 10 }) }),
      errors: [
        { path: 'spec.minReadySeconds', message: 'Invalid value: -5: must be greater than or equal to 0' },
        { path: 'spec.replicas', message: 'Invalid value: -1: must be greater than or equal to 0' },
        { path: 'spec.template.metadata.labels', message: 'Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`' },
        { path: 'spec.template.spec.restartPolicy', message: 'Unsupported value: "OnFailure": supported values: "Always"' },
        { path: 'spec.template.spec.activeDeadlineSeconds', message: 'Forbidden: activeDeadlineSeconds in ReplicationController is not Supported' },
      ],
    },
  ],
});
