import rule from '../../../lib/validation/rules/validating-admission-policy';
import { ruleTester } from '../rule-tester';

// Every case labelled by kube-apiserver v1.28.15 with admissionregistration.k8s.io/v1beta1
// enabled (dry-run create, strict field validation).
const B = 'admissionregistration.k8s.io/v1beta1';
const mc = { resourceRules: [{ apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['deployments'] }] };
const vap = (name: string, spec: Record<string, unknown>) => ({ apiVersion: B, kind: 'ValidatingAdmissionPolicy', metadata: { name }, spec });

ruleTester(rule, {
  valid: [
    vap('ok', { matchConstraints: mc, validations: [{ expression: 'object.spec.replicas <= 5' }] }),
    {
      name: 'expressions of the Kubernetes documentation compile',
      object: vap('cel', {
        matchConstraints: mc,
        matchConditions: [{ name: 'not-admin', expression: "request.userInfo.username != 'admin'" }],
        variables: [{ name: 'images', expression: 'object.spec.template.spec.containers.map(c, c.image)' }],
        validations: [
          { expression: "variables.images.all(i, i.startsWith('registry.example.com/'))", messageExpression: "'bad image in ' + object.metadata.name" },
          { expression: 'has(object.spec.replicas) && object.spec.replicas <= params.maxReplicas' },
          { expression: "authorizer.group('').resource('pods').check('create').allowed()" },
        ],
        auditAnnotations: [{ key: 'replicas', valueExpression: "'replicas: ' + string(object.spec.replicas)" }],
      }),
    },
    { name: 'optional syntax (not in cel-js) is not judged', object: vap('opt', { matchConstraints: mc, validations: [{ expression: 'object.?spec.?replicas.orValue(1) > 0' }] }) },
    { name: 'duplicate variable names are accepted in 1.28', object: vap('vars', { matchConstraints: mc, variables: [{ name: 'a', expression: '1' }, { name: 'a', expression: '2' }], validations: [{ expression: 'true' }] }) },
    { name: 'v1alpha1 is not checked', object: { apiVersion: 'admissionregistration.k8s.io/v1alpha1', kind: 'ValidatingAdmissionPolicy', metadata: { name: 'a' }, spec: {} } },
  ],
  invalid: [
    {
      name: 'no validations nor audit annotations',
      object: vap('none', { matchConstraints: mc }),
      errors: [
        { path: 'spec.validations', message: 'Required value: validations or auditAnnotations must contain at least one item' },
        { path: 'spec.auditAnnotations', message: 'Required value: validations or auditAnnotations must contain at least one item' },
      ],
    },
    { name: 'no matchConstraints', object: vap('nomc', { validations: [{ expression: 'true' }] }), errors: [{ path: 'spec.matchConstraints', message: 'Required value' }] },
    { name: 'no resourceRules', object: vap('mcempty', { matchConstraints: {}, validations: [{ expression: 'true' }] }), errors: [{ path: 'spec.matchConstraints.resourceRules', message: 'Required value' }] },
    { name: 'empty expression', object: vap('noexpr', { matchConstraints: mc, validations: [{ expression: '' }] }), errors: [{ path: 'spec.validations[0].expression', message: 'Required value: expression is not specified' }] },
    { name: 'reason', object: vap('reason', { matchConstraints: mc, validations: [{ expression: 'true', reason: 'Bad' }] }), errors: [{ path: 'spec.validations[0].reason', message: 'Unsupported value: "Bad": supported values: "Forbidden", "Invalid", "RequestEntityTooLarge"' }] },
    { name: 'message with a line break', object: vap('msg', { matchConstraints: mc, validations: [{ expression: 'true', message: 'a\nb' }] }), errors: [{ path: 'spec.validations[0].message', message: 'Invalid value: "a\\nb": message must not contain line breaks' }] },
    {
      name: 'empty paramKind',
      object: vap('param', { matchConstraints: mc, paramKind: { apiVersion: '', kind: '' }, validations: [{ expression: 'true' }] }),
      errors: [{ path: 'spec.paramKind.apiVersion', message: 'Required value' }, { path: 'spec.paramKind.kind', message: 'Required value' }],
    },
    { name: 'paramKind apiVersion', object: vap('param2', { matchConstraints: mc, paramKind: { apiVersion: 'a/b/c', kind: 'K' }, validations: [{ expression: 'true' }] }), errors: [{ path: 'spec.paramKind.apiVersion', message: 'Invalid value: "a/b/c": unexpected GroupVersion string: a/b/c' }] },
    { name: 'audit annotation key', object: vap('vap-audit', { matchConstraints: mc, auditAnnotations: [{ key: 'Bad Key', valueExpression: '"x"' }] }), errors: [{ path: 'spec.auditAnnotations[0].key', message: /^Invalid value: "vap-audit\/Bad Key": name part must consist of alphanumeric characters/ }] },
    {
      // The server: `compilation failed: ERROR: <input>:1:24: Syntax error: mismatched input '<EOF>' ...` (cel-go's detail).
      name: 'a validation that does not compile',
      object: vap('cel', { matchConstraints: mc, validations: [{ expression: 'object.spec.replicas <=' }] }),
      errors: [{ path: 'spec.validations[0].expression', message: /^Invalid value: "object.spec.replicas <=": compilation failed: / }],
    },
    {
      name: 'matchConditions, variables, messageExpression and valueExpression compile too',
      object: vap('cel2', {
        matchConstraints: mc,
        matchConditions: [{ name: 'm', expression: 'request.(' }],
        variables: [{ name: 'v', expression: '1 +' }],
        validations: [{ expression: 'true', messageExpression: "'a' +" }],
        auditAnnotations: [{ key: 'k', valueExpression: ')' }],
      }),
      errors: [
        { path: 'spec.validations[0].messageExpression', message: /compilation failed: / },
        { path: 'spec.matchConditions[0].expression', message: /compilation failed: / },
        { path: 'spec.variables[0].expression', message: /compilation failed: / },
        { path: 'spec.auditAnnotations[0].valueExpression', message: /compilation failed: / },
      ],
    },
    { name: 'failurePolicy', object: vap('fp', { matchConstraints: mc, failurePolicy: 'Maybe', validations: [{ expression: 'true' }] }), errors: [{ path: 'spec.failurePolicy', message: 'Unsupported value: "Maybe": supported values: "Fail", "Ignore"' }] },
  ],
});
