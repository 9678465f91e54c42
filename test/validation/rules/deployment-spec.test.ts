import rule from '../../../lib/validation/rules/deployment-spec';
import { ruleTester } from '../rule-tester';
import { deployment, template } from '../fixtures/objects-2b';

ruleTester(rule, {
  valid: [
    deployment(),
    deployment({ strategy: { type: 'Recreate' }, replicas: 0, revisionHistoryLimit: 0 }),
    deployment({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0 } } }),
    deployment({ strategy: { rollingUpdate: { maxSurge: '50%', maxUnavailable: 0 } } }),
    deployment({ selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }] } }),
    deployment({ minReadySeconds: 10, progressDeadlineSeconds: 11 }),
  ],
  invalid: [
    {
      // The server also lists "`selector` does not match template `labels`" (a missing selector
      // is labels.Nothing()); that is the same mistake, reported once (issue 14).
      name: 'no selector',
      object: deployment({ selector: undefined }),
      errors: [{ path: 'spec.selector', message: 'Required value' }],
    },
    { name: 'empty selector', object: deployment({ selector: {} }), errors: [{ path: 'spec.selector', message: 'Invalid value: {}: empty selector is invalid for deployment' }] },
    {
      name: 'selector does not match',
      object: deployment({ selector: { matchLabels: { app: 'api' } } }),
      errors: [{ path: 'spec.template.metadata.labels', message: 'Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`' }],
    },
    {
      name: 'Exists with values',
      object: deployment({ selector: { matchExpressions: [{ key: 'app', operator: 'Exists', values: ['web'] }] } }),
      errors: [
        { path: 'spec.selector.matchExpressions[0].values', message: "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'" },
        { path: 'spec.selector', message: /: invalid label selector$/ },
      ],
    },
    {
      name: 'unknown operator',
      object: deployment({ selector: { matchExpressions: [{ key: 'app', operator: 'Equals', values: ['web'] }] } }),
      errors: [
        { path: 'spec.selector.matchExpressions[0].operator', message: 'Invalid value: "Equals": not a valid selector operator' },
        { path: 'spec.selector', message: /invalid label selector/ },
      ],
    },
    {
      name: 'restartPolicy OnFailure',
      object: deployment({ template: template({ app: 'web' }, { restartPolicy: 'OnFailure' }) }),
      errors: [{ path: 'spec.template.spec.restartPolicy', message: 'Unsupported value: "OnFailure": supported values: "Always"' }],
    },
    {
      name: 'both zero',
      object: deployment({ strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } }),
      errors: [{ path: 'spec.strategy.rollingUpdate.maxUnavailable', message: 'Invalid value: 0: may not be 0 when `maxSurge` is 0' }],
    },
    {
      name: 'percent syntax and more than 100%',
      object: deployment({ strategy: { rollingUpdate: { maxSurge: '10', maxUnavailable: '150%' } } }),
      errors: [
        { path: 'spec.strategy.rollingUpdate.maxSurge', message: "Invalid value: \"10\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')" },
        { path: 'spec.strategy.rollingUpdate.maxUnavailable', message: 'Invalid value: "150%": must not be greater than 100%' },
      ],
    },
    {
      name: 'rollingUpdate with Recreate',
      object: deployment({ strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } } }),
      errors: [{ path: 'spec.strategy.rollingUpdate', message: "Forbidden: may not be specified when strategy `type` is 'Recreate'" }],
    },
    { name: 'unknown strategy', object: deployment({ strategy: { type: 'BlueGreen' } }), errors: [{ path: 'spec.strategy', message: /^Unsupported value: .*supported values: "Recreate", "RollingUpdate"$/ }] },
    {
      name: 'negative counts',
      object: deployment({ replicas: -1, revisionHistoryLimit: -2 }),
      errors: [
        { path: 'spec.replicas', message: 'Invalid value: -1: must be greater than or equal to 0' },
        { path: 'spec.revisionHistoryLimit', message: 'Invalid value: -2: must be greater than or equal to 0' },
      ],
    },
    {
      name: 'progress deadline not above minReadySeconds (the default 600 counts)',
      object: deployment({ minReadySeconds: 600 }),
      errors: [{ path: 'spec.progressDeadlineSeconds', message: 'Invalid value: 600: must be greater than minReadySeconds' }],
    },
  ],
});
