import { objectRule } from '../util/define-rule';
import { fieldRequired, goStringSlice } from '../util/k8s-names';
import { checkLabelSelector } from '../util/object-checks';
import { asArray, asObject, field } from '../util/values';

/**
 * The rules of a Role or ClusterRole (ValidatePolicyRule), and a ClusterRole's
 * aggregationRule: every rule names verbs; a resource rule names apiGroups and
 * resources; a non-resource rule (nonResourceURLs) names nothing else and is for
 * ClusterRoles only. Messages labelled by a v1.28.15 API server.
 */
export default objectRule({
  id: 'rbac-role-rules',
  layer: 'api-server',
  severity: 'error',
  description: 'Each rule of a Role or ClusterRole has verbs, and either apiGroups and resources or (ClusterRole only) nonResourceURLs alone.',
  fix: 'Give every rule at least one verb, and either apiGroups (use "" for the core group) plus resources, or, in a ClusterRole, nonResourceURLs only.',
  source: 'ValidateRole, ValidateClusterRole and ValidatePolicyRule in pkg/apis/rbac/validation/validation.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#role-and-clusterrole',
  kinds: ['Role', 'ClusterRole'],
}, (ctx) => {
  const { object, kind } = ctx.target;
  const namespaced = kind === 'Role';
  asArray(field(object, 'rules')).forEach((raw, i) => {
    const rule = asObject(raw);
    if (!rule) return;
    const at = (key: string) => ['rules', i, key];
    // Absent verbs are schema-required's finding; an empty list is this rule's.
    if (Array.isArray(field(rule, 'verbs')) && asArray(field(rule, 'verbs')).length === 0) ctx.report({ path: at('verbs'), message: fieldRequired('verbs must contain at least one value') });
    const urls = asArray(field(rule, 'nonResourceURLs'));
    if (urls.length > 0) {
      if (namespaced) {
        ctx.report({ path: at('nonResourceURLs'), message: `Invalid value: ${goStringSlice(urls)}: namespaced rules cannot apply to non-resource URLs` });
      }
      if (asArray(field(rule, 'apiGroups')).length > 0 || asArray(field(rule, 'resources')).length > 0) {
        ctx.report({ path: at('nonResourceURLs'), message: `Invalid value: ${goStringSlice(urls)}: rules cannot apply to both regular resources and non-resource URLs` });
      }
      return;
    }
    if (asArray(field(rule, 'apiGroups')).length === 0) ctx.report({ path: at('apiGroups'), message: fieldRequired('resource rules must supply at least one api group') });
    if (asArray(field(rule, 'resources')).length === 0) ctx.report({ path: at('resources'), message: fieldRequired('resource rules must supply at least one resource') });
  });
  if (kind !== 'ClusterRole') return;
  const aggregation = asObject(field(object, 'aggregationRule'));
  if (!aggregation) return;
  const selectors = asArray(field(aggregation, 'clusterRoleSelectors'));
  if (selectors.length === 0) {
    ctx.report({ path: ['aggregationRule', 'clusterRoleSelectors'], message: fieldRequired('at least one clusterRoleSelector required if aggregationRule is non-nil') });
  }
  selectors.forEach((sel, i) => checkLabelSelector(sel, ['aggregationRule', 'clusterRoleSelectors', i], ctx.report));
});
