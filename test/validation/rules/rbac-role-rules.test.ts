import rule from '../../../lib/validation/rules/rbac-role-rules';
import { ruleTester } from '../rule-tester';

// Every case labelled by kube-apiserver v1.28.15 (dry-run create, strict field validation);
// the messages are the server's.
const R = 'rbac.authorization.k8s.io/v1';
const role = (rules: unknown[], kind = 'Role', extra: Record<string, unknown> = {}) => ({ apiVersion: R, kind, metadata: { name: 'r' }, rules, ...extra });

ruleTester(rule, {
  valid: [
    role([{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }]),
    { name: 'ClusterRole with nonResourceURLs', object: role([{ nonResourceURLs: ['/healthz'], verbs: ['get'] }], 'ClusterRole') },
    { name: 'ClusterRole without rules', object: { apiVersion: R, kind: 'ClusterRole', metadata: { name: 'r' } } },
    { name: 'aggregated ClusterRole', object: role([], 'ClusterRole', { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'a/b': 'c' } }] } }) },
  ],
  invalid: [
    { name: 'no verbs', object: role([{ apiGroups: [''], resources: ['pods'], verbs: [] }]), errors: [{ path: 'rules[0].verbs', message: 'Required value: verbs must contain at least one value' }] },
    { name: 'no apiGroups', object: role([{ resources: ['pods'], verbs: ['get'] }]), errors: [{ path: 'rules[0].apiGroups', message: 'Required value: resource rules must supply at least one api group' }] },
    { name: 'no resources', object: role([{ apiGroups: [''], verbs: ['get'] }]), errors: [{ path: 'rules[0].resources', message: 'Required value: resource rules must supply at least one resource' }] },
    { name: 'nonResourceURLs in a Role', object: role([{ nonResourceURLs: ['/healthz'], verbs: ['get'] }]), errors: [{ path: 'rules[0].nonResourceURLs', message: 'Invalid value: []string{"/healthz"}: namespaced rules cannot apply to non-resource URLs' }] },
    {
      name: 'nonResourceURLs with resources',
      object: role([{ nonResourceURLs: ['/healthz'], resources: ['pods'], apiGroups: [''], verbs: ['get'] }], 'ClusterRole'),
      errors: [{ path: 'rules[0].nonResourceURLs', message: 'Invalid value: []string{"/healthz"}: rules cannot apply to both regular resources and non-resource URLs' }],
    },
    {
      name: 'empty aggregationRule',
      object: role([], 'ClusterRole', { aggregationRule: { clusterRoleSelectors: [] } }),
      errors: [{ path: 'aggregationRule.clusterRoleSelectors', message: 'Required value: at least one clusterRoleSelector required if aggregationRule is non-nil' }],
    },
    {
      name: 'bad aggregation selector label',
      object: role([], 'ClusterRole', { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'a b': 'c' } }] } }),
      errors: [{ path: 'aggregationRule.clusterRoleSelectors[0].matchLabels', message: /^Invalid value: "a b": name part must consist of alphanumeric characters/ }],
    },
  ],
});
