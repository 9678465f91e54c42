import { objectRule } from '../util/define-rule';
import { fieldInvalid, fieldNotSupported, fieldRequired, isDNS1123Subdomain, isValidPathSegmentName } from '../util/k8s-names';
import { asArray, asObject, field } from '../util/values';

const RBAC_GROUP = 'rbac.authorization.k8s.io';
const isSet = (v: unknown) => v !== undefined && v !== null;

/**
 * A RoleBinding or ClusterRoleBinding refers to a role of the RBAC group (a
 * ClusterRoleBinding to a ClusterRole only) by a path-segment name, and binds
 * ServiceAccounts (core group, a DNS-1123 subdomain name; with a namespace in a
 * ClusterRoleBinding), Users or Groups (RBAC group). An empty subject apiGroup is
 * defaulted first (SetDefaults_Subject), as the server does. Messages labelled by a
 * v1.28.15 API server.
 */
export default objectRule({
  id: 'rbac-role-binding',
  layer: 'api-server',
  severity: 'error',
  description: 'A role binding refers to a Role or ClusterRole of rbac.authorization.k8s.io and binds ServiceAccount, User or Group subjects with names.',
  fix: 'Set roleRef to { apiGroup: rbac.authorization.k8s.io, kind: Role or ClusterRole, name }, and give each subject a kind (ServiceAccount, User, Group) and a name; a ServiceAccount in a ClusterRoleBinding also needs its namespace.',
  source: 'ValidateRoleBinding, ValidateClusterRoleBinding and ValidateRoleBindingSubject in pkg/apis/rbac/validation/validation.go; SetDefaults_Subject in pkg/apis/rbac/v1/defaults.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#rolebinding-and-clusterrolebinding',
  kinds: ['RoleBinding', 'ClusterRoleBinding'],
}, (ctx) => {
  const { object, kind } = ctx.target;
  const namespaced = kind === 'RoleBinding';
  const roleRef = asObject(field(object, 'roleRef')) ?? {};
  // An absent required field is schema-required's finding; this rule checks the values given.
  const apiGroup = field(roleRef, 'apiGroup');
  if (isSet(apiGroup) && apiGroup !== RBAC_GROUP) ctx.report({ path: ['roleRef', 'apiGroup'], message: fieldNotSupported(apiGroup, [RBAC_GROUP]) });
  const refKind = field(roleRef, 'kind');
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (isSet(refKind) && (typeof refKind !== 'string' || !kinds.includes(refKind))) ctx.report({ path: ['roleRef', 'kind'], message: fieldNotSupported(refKind, kinds) });
  const refName = field(roleRef, 'name');
  if (refName === '') ctx.report({ path: ['roleRef', 'name'], message: fieldRequired() });
  else if (typeof refName === 'string') for (const msg of isValidPathSegmentName(refName)) ctx.report({ path: ['roleRef', 'name'], message: fieldInvalid(refName, msg) });

  asArray(field(object, 'subjects')).forEach((raw, i) => {
    const subject = asObject(raw);
    if (!subject) return;
    const at = (key: string) => ['subjects', i, key];
    const name = field(subject, 'name');
    const hasName = typeof name === 'string' && name !== '';
    if (name === '') ctx.report({ path: at('name'), message: fieldRequired() });
    const subjectKind = field(subject, 'kind');
    const group = field(subject, 'apiGroup') ?? '';
    switch (subjectKind) {
      case 'ServiceAccount':
        if (hasName) for (const msg of isDNS1123Subdomain(name)) ctx.report({ path: at('name'), message: fieldInvalid(name, msg) });
        if (group !== '') ctx.report({ path: at('apiGroup'), message: fieldNotSupported(group, ['']) });
        if (!namespaced) {
          const ns = field(subject, 'namespace');
          if (typeof ns !== 'string' || ns === '') ctx.report({ path: at('namespace'), message: fieldRequired() });
        }
        break;
      case 'User':
      case 'Group':
        if (group !== '' && group !== RBAC_GROUP) ctx.report({ path: at('apiGroup'), message: fieldNotSupported(group, [RBAC_GROUP]) });
        break;
      default:
        if (isSet(subjectKind)) ctx.report({ path: at('kind'), message: fieldNotSupported(subjectKind, ['ServiceAccount', 'User', 'Group']) });
    }
  });
});
