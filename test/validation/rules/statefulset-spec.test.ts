import rule from '../../../lib/validation/rules/statefulset-spec';
import { ruleTester } from '../rule-tester';
import { statefulSet, template } from '../fixtures/objects-2b';

ruleTester(rule, {
  valid: [
    statefulSet(),
    statefulSet({ podManagementPolicy: 'Parallel', updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } }),
    statefulSet({ persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Retain' } }),
    { name: 'template pod spec is not validated by the server', object: statefulSet({ template: template({ app: 'web' }, { containers: [] }) }) },
    { name: 'revisionHistoryLimit is not validated for StatefulSets', object: statefulSet({ revisionHistoryLimit: -1 }) },
    { name: 'ordinals (StatefulSetStartOrdinal is beta, on, in 1.28)', object: statefulSet({ ordinals: { start: 5 }, minReadySeconds: 10 }) },
  ],
  invalid: [
    {
      name: 'a serviceName that is not a DNS label becomes an invalid pod subdomain',
      object: statefulSet({ serviceName: 'Db_Service' }),
      errors: [{ path: 'spec.serviceName', message: /refuses every Pod its controller creates: spec.subdomain: Invalid value: "Db_Service": a lowercase RFC 1123 label/ }],
    },
    {
      object: statefulSet({ ordinals: { start: -1 }, minReadySeconds: -1, updateStrategy: { type: 'Canary' } }),
      errors: [
        { path: 'spec.updateStrategy', message: "Invalid value: {\"type\":\"Canary\"}: must be 'RollingUpdate' or 'OnDelete'" },
        { path: 'spec.minReadySeconds', message: 'Invalid value: -1: must be greater than or equal to 0' },
        { path: 'spec.ordinals.start', message: 'Invalid value: -1: must be greater than or equal to 0' },
      ],
    },
    {
      object: statefulSet({ podManagementPolicy: 'Ordered' }),
      errors: [{ path: 'spec.podManagementPolicy', message: "Invalid value: \"Ordered\": must be 'OrderedReady' or 'Parallel'" }],
    },
    {
      object: statefulSet({ updateStrategy: { type: 'OnDelete', rollingUpdate: { partition: 1 } } }),
      errors: [{ path: 'spec.updateStrategy.rollingUpdate', message: "Invalid value: {\"partition\":1}: only allowed for updateStrategy 'RollingUpdate'" }],
    },
    {
      object: statefulSet({ updateStrategy: { rollingUpdate: { partition: -1 } } }),
      errors: [{ path: 'spec.updateStrategy.rollingUpdate.partition', message: 'Invalid value: -1: must be greater than or equal to 0' }],
    },
    {
      object: statefulSet({ persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Keep' } }),
      errors: [{ path: 'spec.persistentVolumeClaimRetentionPolicy.whenDeleted', message: 'Unsupported value: "Keep": supported values: "Retain", "Delete"' }],
    },
    { object: statefulSet({ selector: {} }), errors: [{ path: 'spec.selector', message: 'Invalid value: {}: empty selector is invalid for statefulset' }] },
    {
      object: statefulSet({ template: template({ app: 'db' }, { restartPolicy: 'OnFailure' }) }),
      errors: [
        { path: 'spec.template.metadata.labels', message: 'Invalid value: map[string]string{"app":"db"}: `selector` does not match template `labels`' },
        { path: 'spec.template.spec.restartPolicy', message: 'Unsupported value: "OnFailure": supported values: "Always"' },
      ],
    },
  ],
});
