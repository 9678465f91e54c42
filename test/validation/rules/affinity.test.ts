import rule from '../../../lib/validation/rules/affinity';
import { ruleTester } from '../rule-tester';

const pod = (affinity: unknown) => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'a:1' }], affinity },
});
const nodeRequired = (...matchExpressions: unknown[]) => pod({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions }] } } });
const antiPreferred = (weight: number, topologyKey: string) => pod({
  podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight, podAffinityTerm: { labelSelector: { matchLabels: { app: 'web' } }, topologyKey } }] },
});
const NA = 'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms';

ruleTester(rule, {
  valid: [
    nodeRequired({ key: 'kubernetes.io/os', operator: 'In', values: ['linux'] }, { key: 'gpu', operator: 'Exists' }, { key: 'cores', operator: 'Gt', values: ['4'] }),
    antiPreferred(100, 'kubernetes.io/hostname'),
    pod({ podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['db'] }] }, topologyKey: 'topology.kubernetes.io/zone', namespaces: ['data'] }] } }),
    pod({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1'] }] }] } } }),
    pod({ nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] } }] } }),
  ],
  invalid: [
    {
      name: 'no node selector terms',
      object: pod({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } }),
      errors: [{ path: NA, message: 'Required value: must have at least one node selector term' }],
    },
    {
      name: 'In without values, Exists with values, Gt with two, unknown operator',
      object: nodeRequired(
        { key: 'a', operator: 'In' },
        { key: 'b', operator: 'Exists', values: ['x'] },
        { key: 'c', operator: 'Gt', values: ['1', '2'] },
        { key: 'd', operator: 'Near', values: ['x'] },
      ),
      errors: [
        { path: `${NA}[0].matchExpressions[0].values`, message: "Required value: must be specified when `operator` is 'In' or 'NotIn'" },
        { path: `${NA}[0].matchExpressions[1].values`, message: "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'" },
        { path: `${NA}[0].matchExpressions[2].values`, message: "Required value: must be specified single value when `operator` is 'Lt' or 'Gt'" },
        { path: `${NA}[0].matchExpressions[3].operator`, message: 'Invalid value: "Near": not a valid selector operator' },
      ],
    },
    {
      name: 'a match field other than metadata.name',
      object: pod({ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.labels', operator: 'In', values: ['x'] }] }] } } }),
      errors: [{ path: `${NA}[0].matchFields[0].key`, message: 'Invalid value: "metadata.labels": not a valid field selector key' }],
    },
    {
      name: 'weight out of range',
      object: antiPreferred(101, 'kubernetes.io/hostname'),
      errors: [{ path: 'spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight', message: 'Invalid value: 101: must be in the range 1-100' }],
    },
    {
      name: 'empty topology key',
      object: antiPreferred(50, ''),
      errors: [
        { path: 'spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey', message: 'Required value: can not be empty' },
        // IsQualifiedName("") gives two messages (empty, and the pattern), each its own error on the server.
        { path: 'spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey', message: /^Invalid value: "": name part must be non-empty/ },
        { path: 'spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey', message: /^Invalid value: "": name part must consist of/ },
      ],
    },
    {
      name: 'a bad namespace name is reported at namespace, as the server does',
      object: pod({ podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', namespaces: ['Data'] }] } }),
      errors: [{ path: 'spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].namespace', message: /^Invalid value: "Data": a lowercase RFC 1123 label/ }],
    },
  ],
});
