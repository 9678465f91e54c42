import { objectRule } from '../util/define-rule';
import { fieldDuplicate, fieldForbidden, fieldNotSupported, fieldRequired } from '../util/k8s-names';
import { asArray, asObject, field } from '../util/values';

const ACTIONS = ['Audit', 'Deny', 'Warn'];

/**
 * A ValidatingAdmissionPolicyBinding (v1beta1 and v1) names its policy and at least one
 * validation action (Audit, Deny, Warn; unique; not both Deny and Warn); a paramRef has
 * either a name or a selector, and a parameterNotFoundAction. Labelled by a v1.28.15 API
 * server with admissionregistration.k8s.io/v1beta1 enabled.
 */
export default objectRule({
  id: 'validating-admission-policy-binding',
  layer: 'api-server',
  severity: 'error',
  description: 'A ValidatingAdmissionPolicyBinding names its policy and unique validation actions (not both Deny and Warn).',
  fix: 'Set spec.policyName and spec.validationActions (e.g. [Deny]); give a paramRef either a name or a selector, and a parameterNotFoundAction.',
  source: 'ValidateValidatingAdmissionPolicyBinding, validateValidationActions and validateParamRef in pkg/apis/admissionregistration/validation/validation.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/',
  kinds: ['ValidatingAdmissionPolicyBinding'],
}, (ctx) => {
  const { object, apiVersion } = ctx.target;
  if (apiVersion.endsWith('/v1alpha1')) return;
  const spec = asObject(field(object, 'spec')) ?? {};
  const policyName = field(spec, 'policyName');
  if (typeof policyName !== 'string' || policyName === '') ctx.report({ path: ['spec', 'policyName'], message: fieldRequired() });
  const actions = asArray(field(spec, 'validationActions'));
  if (actions.length === 0) ctx.report({ path: ['spec', 'validationActions'], message: fieldRequired('at least one validation action is required') });
  const seen = new Set<unknown>();
  actions.forEach((a, i) => {
    if (seen.has(a)) ctx.report({ path: ['spec', 'validationActions', i], message: fieldDuplicate(a) });
    else if (typeof a === 'string' && !ACTIONS.includes(a)) ctx.report({ path: ['spec', 'validationActions', i], message: fieldNotSupported(a, ACTIONS) });
    seen.add(a);
  });
  if (seen.has('Deny') && seen.has('Warn')) {
    ctx.report({
      path: ['spec', 'validationActions'],
      message: `Invalid value: []admissionregistration.ValidationAction{${actions.map((a) => JSON.stringify(String(a))).join(', ')}}: must not contain both Deny and Warn (repeating the same validation failure information in the API response and headers serves no purpose)`,
    });
  }
  const paramRef = asObject(field(spec, 'paramRef'));
  if (paramRef) {
    const hasName = typeof field(paramRef, 'name') === 'string' && field(paramRef, 'name') !== '';
    const hasSelector = asObject(field(paramRef, 'selector')) !== undefined;
    if (hasName && hasSelector) {
      ctx.report({ path: ['spec', 'paramRef', 'name'], message: fieldForbidden('name and selector are mutually exclusive') });
      ctx.report({ path: ['spec', 'paramRef', 'selector'], message: fieldForbidden('name and selector are mutually exclusive') });
    }
    const action = field(paramRef, 'parameterNotFoundAction');
    if (typeof action !== 'string' || action === '') ctx.report({ path: ['spec', 'paramRef', 'parameterNotFoundAction'], message: fieldRequired() });
  }
});
