import rule from '../../../lib/validation/rules/rbac-role-binding';
import { ruleTester } from '../rule-tester';

// Every case labelled by kube-apiserver v1.28.15 (dry-run create, strict field validation);
// the messages are the server's.
const R = 'rbac.authorization.k8s.io/v1';
const G = 'rbac.authorization.k8s.io';
const binding = (roleRef: unknown, subjects?: unknown[], kind = 'RoleBinding') => ({ apiVersion: R, kind, metadata: { name: 'b' }, roleRef, ...(subjects ? { subjects } : {}) });
const toRole = { apiGroup: G, kind: 'Role', name: 'r' };
const toClusterRole = { apiGroup: G, kind: 'ClusterRole', name: 'r' };

ruleTester(rule, {
  valid: [
    binding(toRole, [{ kind: 'ServiceAccount', name: 'default' }]),
    { name: 'User with an empty apiGroup (defaulted)', object: binding(toRole, [{ kind: 'User', name: 'alice', apiGroup: '' }]) },
    { name: 'User and Group with the RBAC group', object: binding(toClusterRole, [{ kind: 'User', name: 'a:b', apiGroup: G }, { kind: 'Group', name: 'g', apiGroup: G }]) },
    { name: 'a subject ServiceAccount namespace is not validated', object: binding(toRole, [{ kind: 'ServiceAccount', name: 'x', namespace: 'Bad_NS' }]) },
    // The server refuses it (roleRef.kind: Unsupported value: "", roleRef.name: Required value);
    // absent required fields are schema-required's findings, not this rule's.
    { name: 'roleRef without kind and name: left to schema-required', object: { apiVersion: R, kind: 'RoleBinding', metadata: { name: 'b' }, roleRef: { apiGroup: G } } },
    { name: 'ClusterRoleBinding with a namespaced ServiceAccount', object: binding(toClusterRole, [{ kind: 'ServiceAccount', name: 'x', namespace: 'default' }], 'ClusterRoleBinding') },
  ],
  invalid: [
    { name: 'roleRef kind', object: binding({ apiGroup: G, kind: 'Foo', name: 'r' }), errors: [{ path: 'roleRef.kind', message: 'Unsupported value: "Foo": supported values: "Role", "ClusterRole"' }] },
    { name: 'roleRef apiGroup', object: binding({ apiGroup: 'rbac', kind: 'Role', name: 'r' }), errors: [{ path: 'roleRef.apiGroup', message: 'Unsupported value: "rbac": supported values: "rbac.authorization.k8s.io"' }] },
    { name: 'roleRef name empty', object: binding({ apiGroup: G, kind: 'Role', name: '' }), errors: [{ path: 'roleRef.name', message: 'Required value' }] },
    { name: 'roleRef name with /', object: binding({ apiGroup: G, kind: 'Role', name: 'a/b' }), errors: [{ path: 'roleRef.name', message: 'Invalid value: "a/b": may not contain \'/\'' }] },
    { name: 'subject kind', object: binding(toRole, [{ kind: 'Robot', name: 'x' }]), errors: [{ path: 'subjects[0].kind', message: 'Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"' }] },
    { name: 'subject without name', object: binding(toRole, [{ kind: 'User', name: '' }]), errors: [{ path: 'subjects[0].name', message: 'Required value' }] },
    { name: 'ServiceAccount with the RBAC group', object: binding(toRole, [{ kind: 'ServiceAccount', name: 'x', apiGroup: G }]), errors: [{ path: 'subjects[0].apiGroup', message: 'Unsupported value: "rbac.authorization.k8s.io": supported values: ""' }] },
    { name: 'ServiceAccount name', object: binding(toRole, [{ kind: 'ServiceAccount', name: 'Bad_Name' }]), errors: [{ path: 'subjects[0].name', message: /^Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/ }] },
    { name: 'ClusterRoleBinding to a Role', object: binding(toRole, undefined, 'ClusterRoleBinding'), errors: [{ path: 'roleRef.kind', message: 'Unsupported value: "Role": supported values: "ClusterRole"' }] },
    { name: 'ClusterRoleBinding ServiceAccount without namespace', object: binding(toClusterRole, [{ kind: 'ServiceAccount', name: 'x' }], 'ClusterRoleBinding'), errors: [{ path: 'subjects[0].namespace', message: 'Required value' }] },
  ],
});
