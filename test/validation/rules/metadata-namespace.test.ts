import rule from '../../../lib/validation/rules/metadata-namespace';
import { ruleTester } from '../rule-tester';
import { deployment } from '../fixtures/objects-2b';

ruleTester(rule, {
  valid: [
    deployment(),
    deployment({}, { name: 'web', namespace: 'team-a' }),
    { name: 'cluster-scoped Namespace ignores the field', object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a', namespace: 'Bad' } } },
    // Labelled by kube-apiserver v1.28.15: a cluster-scoped object's namespace is cleared, not validated.
    { name: 'cluster-scoped ClusterRole ignores the field', object: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'nsd', namespace: 'Bad_NS' } } },
  ],
  invalid: [
    {
      object: deployment({}, { name: 'web', namespace: 'team.a' }),
      errors: [{ path: 'metadata.namespace', message: /^Invalid value: "team.a": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-'/ }],
    },
    {
      object: deployment({}, { name: 'web', namespace: 'n'.repeat(64) }),
      errors: [{ path: 'metadata.namespace', message: `Invalid value: "${'n'.repeat(64)}": must be no more than 63 characters` }],
    },
  ],
});
