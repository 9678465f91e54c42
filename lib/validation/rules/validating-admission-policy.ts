import { checkCelExpression } from '../util/cel-compile';
import { objectRule } from '../util/define-rule';
import { fieldInvalid, fieldNotSupported, fieldRequired, isQualifiedName } from '../util/k8s-names';
import { dig } from '../util/object-checks';
import { asArray, asObject, field } from '../util/values';

const REASONS = ['Forbidden', 'Invalid', 'RequestEntityTooLarge'];
const FAILURE_POLICIES = ['Fail', 'Ignore'];

/**
 * A ValidatingAdmissionPolicy (v1beta1 and v1; v1alpha1 is left alone) has
 * matchConstraints with resourceRules, at least one validation or audit annotation,
 * expressions that are set, known reasons, one-line messages, a paramKind with apiVersion
 * and kind, and audit annotation keys that are qualified names once prefixed with the
 * policy name; and CEL expressions (validations, messageExpression, audit annotation
 * values, matchConditions, variables) that parse, with lib/validation/cel's library
 * (syntax only: the server's type checking is not modelled; see util/cel-compile.ts).
 * Labelled by a v1.28.15 API server with admissionregistration.k8s.io/v1beta1 enabled.
 */
export default objectRule({
  id: 'validating-admission-policy',
  layer: 'api-server',
  severity: 'error',
  description: 'A ValidatingAdmissionPolicy has matchConstraints.resourceRules and at least one validation or audit annotation, each with an expression.',
  fix: 'Set spec.matchConstraints.resourceRules and at least one spec.validations entry with an expression (reason Forbidden, Invalid or RequestEntityTooLarge; a one-line message).',
  source: 'ValidateValidatingAdmissionPolicy, validateValidatingAdmissionPolicySpec, validateValidation, validateAuditAnnotation and validateParamKind in pkg/apis/admissionregistration/validation/validation.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/',
  kinds: ['ValidatingAdmissionPolicy'],
}, (ctx) => {
  const { object, apiVersion } = ctx.target;
  if (apiVersion.endsWith('/v1alpha1')) return;
  const spec = asObject(field(object, 'spec')) ?? {};
  const mc = asObject(field(spec, 'matchConstraints'));
  if (!mc) ctx.report({ path: ['spec', 'matchConstraints'], message: fieldRequired() });
  else if (asArray(field(mc, 'resourceRules')).length === 0) ctx.report({ path: ['spec', 'matchConstraints', 'resourceRules'], message: fieldRequired() });
  const validations = asArray(field(spec, 'validations'));
  const audits = asArray(field(spec, 'auditAnnotations'));
  if (validations.length === 0 && audits.length === 0) {
    const msg = fieldRequired('validations or auditAnnotations must contain at least one item');
    ctx.report({ path: ['spec', 'validations'], message: msg });
    ctx.report({ path: ['spec', 'auditAnnotations'], message: msg });
  }
  const failurePolicy = field(spec, 'failurePolicy');
  if (typeof failurePolicy === 'string' && !FAILURE_POLICIES.includes(failurePolicy)) ctx.report({ path: ['spec', 'failurePolicy'], message: fieldNotSupported(failurePolicy, FAILURE_POLICIES) });
  const paramKind = asObject(field(spec, 'paramKind'));
  if (paramKind) {
    const av = field(paramKind, 'apiVersion');
    if (typeof av !== 'string' || av === '') ctx.report({ path: ['spec', 'paramKind', 'apiVersion'], message: fieldRequired() });
    else if (av.split('/').length > 2) ctx.report({ path: ['spec', 'paramKind', 'apiVersion'], message: fieldInvalid(av, `unexpected GroupVersion string: ${av}`) });
    const kind = field(paramKind, 'kind');
    if (typeof kind !== 'string' || kind === '') ctx.report({ path: ['spec', 'paramKind', 'kind'], message: fieldRequired() });
  }
  validations.forEach((v, i) => {
    const at = (key: string) => ['spec', 'validations', i, key];
    const expression = field(v, 'expression');
    // An absent expression is schema-required's finding.
    if (typeof expression === 'string' && expression.trim() === '') ctx.report({ path: at('expression'), message: fieldRequired('expression is not specified') });
    const reason = field(v, 'reason');
    if (typeof reason === 'string' && !REASONS.includes(reason)) ctx.report({ path: at('reason'), message: fieldNotSupported(reason, REASONS) });
    checkCelExpression(expression, at('expression'), ctx.report);
    checkCelExpression(field(v, 'messageExpression'), at('messageExpression'), ctx.report);
    const message = field(v, 'message');
    if (typeof message === 'string' && /[\r\n]/.test(message)) ctx.report({ path: at('message'), message: fieldInvalid(message, 'message must not contain line breaks') });
  });
  for (const list of ['matchConditions', 'variables']) {
    asArray(field(spec, list)).forEach((c, i) => checkCelExpression(field(c, 'expression'), ['spec', list, i, 'expression'], ctx.report));
  }
  const policyName = dig(object, ['metadata', 'name']);
  audits.forEach((a, i) => {
    const key = field(a, 'key');
    if (typeof key !== 'string' || key === '') return;
    checkCelExpression(field(a, 'valueExpression'), ['spec', 'auditAnnotations', i, 'valueExpression'], ctx.report);
    const qualified = `${typeof policyName === 'string' ? policyName : ''}/${key}`;
    for (const msg of isQualifiedName(qualified)) ctx.report({ path: ['spec', 'auditAnnotations', i, 'key'], message: fieldInvalid(qualified, msg) });
  });
});
