import rule from '../../../lib/validation/rules/topology-spread-constraints';
import { ruleTester } from '../rule-tester';
import { deployment, oneContainer, pod } from '../fixtures/pod-spec';

const c = (extra: Record<string, unknown> = {}) => ({ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'a' } }, ...extra });
ruleTester(rule, {
  valid: [pod(oneContainer({}, { topologySpreadConstraints: [c({ minDomains: 2 }), c({ whenUnsatisfiable: 'ScheduleAnyway' })] }))],
  invalid: [
    { object: pod(oneContainer({}, { topologySpreadConstraints: [c({ maxSkew: 0, topologyKey: '' })] })), errors: [{ path: 'spec.topologySpreadConstraints[0].maxSkew', message: 'Invalid value: 0: must be greater than zero' }, { path: 'spec.topologySpreadConstraints[0].topologyKey', message: 'Required value: can not be empty' }] },
    { object: deployment(oneContainer({}, { topologySpreadConstraints: [c(), c()] })), errors: [{ path: 'spec.template.spec.topologySpreadConstraints[0].{topologyKey, whenUnsatisfiable}', message: 'Duplicate value: "{zone, DoNotSchedule}"' }] },
    { object: pod(oneContainer({}, { topologySpreadConstraints: [c({ whenUnsatisfiable: 'ScheduleAnyway', minDomains: 2 })] })), errors: [{ path: 'spec.topologySpreadConstraints[0].minDomains', message: 'Invalid value: 2: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway' }] },
    { object: pod(oneContainer({}, { topologySpreadConstraints: [c({ whenUnsatisfiable: 'Never', labelSelector: { matchExpressions: [{ key: 'app', operator: 'In' }] } })] })), errors: [{ path: 'spec.topologySpreadConstraints[0].whenUnsatisfiable', message: 'Unsupported value: "Never": supported values: "DoNotSchedule", "ScheduleAnyway"' }, { path: 'spec.topologySpreadConstraints[0].labelSelector.matchExpressions[0].values', message: "Required value: must be specified when `operator` is 'In' or 'NotIn'" }] },
  ],
});
