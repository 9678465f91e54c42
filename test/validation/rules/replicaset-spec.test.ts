import rule from '../../../lib/validation/rules/replicaset-spec';
import { ruleTester } from '../rule-tester';
import { replicaSet, template } from '../fixtures/objects-2b';

ruleTester(rule, {
  valid: [replicaSet(), replicaSet({ replicas: 0 })],
  invalid: [
    { object: replicaSet({ selector: {} }), errors: [{ path: 'spec.selector', message: 'Invalid value: {}: empty selector is invalid for deployment' }] },
    {
      object: replicaSet({ template: template({ app: 'web' }, { restartPolicy: 'Never', activeDeadlineSeconds: 5 }) }),
      errors: [
        { path: 'spec.template.spec.restartPolicy', message: 'Unsupported value: "Never": supported values: "Always"' },
        { path: 'spec.template.spec.activeDeadlineSeconds', message: 'Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported' },
      ],
    },
    { object: replicaSet({ minReadySeconds: -5 }), errors: [{ path: 'spec.minReadySeconds', message: 'Invalid value: -5: must be greater than or equal to 0' }] },
  ],
});
