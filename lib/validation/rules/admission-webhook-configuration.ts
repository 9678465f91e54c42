import { checkCelExpression } from '../util/cel-compile';
import { objectRule } from '../util/define-rule';
import { fieldDuplicate, fieldInvalid, fieldNotSupported, fieldRequired, goStringSlice, isDNS1123Subdomain } from '../util/k8s-names';
import { asArray, asObject, field } from '../util/values';

const SIDE_EFFECTS_V1 = ['None', 'NoneOnDryRun'];
const REVIEW_VERSIONS = ['v1', 'v1beta1'];

/** The checks of ValidateWebhookURL (staging/src/k8s.io/apiserver/pkg/util/webhook/validation.go). */
function urlErrors(raw: string): [string, string][] {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return [[raw, 'host must be specified']];
  }
  const out: [string, string][] = [];
  const scheme = u.protocol.replace(/:$/, '');
  if (scheme !== 'https') out.push([scheme, "'https' is the only allowed URL scheme; desired format: https://host[/path]"]);
  if (u.hostname === '') out.push([raw, 'host must be specified']);
  if (u.username !== '' || u.password !== '') out.push([raw, 'user information is not permitted in the URL']);
  if (u.hash !== '') out.push([u.hash.slice(1), 'fragments are not permitted in the URL']);
  if (u.search !== '') out.push([u.search.slice(1), 'query parameters are not permitted in the URL']);
  return out;
}

/**
 * The webhooks of a ValidatingWebhookConfiguration or MutatingWebhookConfiguration (v1):
 * unique names that are domains of three segments or more, sideEffects None or
 * NoneOnDryRun, an admissionReviewVersions list with v1 or v1beta1, exactly one of
 * clientConfig.url (https, no fragment, query or user) and clientConfig.service (path
 * starting with '/', a valid port), a timeout of 1 to 30 seconds, rules whose operations
 * do not mix '*' with others, and matchConditions with unique names and CEL expressions that
 * parse (syntax only, util/cel-compile.ts). The enums of failurePolicy, matchPolicy and
 * reinvocationPolicy are the schema layer's. Labelled by a v1.28.15 API server.
 */
export default objectRule({
  id: 'admission-webhook-configuration',
  layer: 'api-server',
  severity: 'error',
  description: 'Each admission webhook has a unique domain name, sideEffects, admissionReviewVersions and exactly one of clientConfig.url or clientConfig.service.',
  fix: 'Name each webhook like pods.validate.example.com, set sideEffects: None, admissionReviewVersions: [v1], and either clientConfig.url (https://...) or clientConfig.service; keep timeoutSeconds between 1 and 30.',
  source: 'ValidateValidatingWebhookConfiguration, ValidateMutatingWebhookConfiguration, validateValidatingWebhook, validateMutatingWebhook, validateAdmissionReviewVersions, validateRuleWithOperations and validateMatchConditions in pkg/apis/admissionregistration/validation/validation.go; ValidateWebhookURL and ValidateWebhookService in staging/src/k8s.io/apiserver/pkg/util/webhook/validation.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/',
  kinds: ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration'],
}, (ctx) => {
  if (!ctx.target.apiVersion.endsWith('/v1')) return;
  const names = new Set<string>();
  asArray(field(ctx.target.object, 'webhooks')).forEach((raw, i) => {
    const hook = asObject(raw);
    if (!hook) return;
    const at = (...rest: (string | number)[]) => ['webhooks', i, ...rest];
    const name = field(hook, 'name');
    // Absent required fields (name, clientConfig, sideEffects, admissionReviewVersions) are schema-required's findings.
    if (name === '') ctx.report({ path: at('name'), message: fieldRequired() });
    else if (typeof name === 'string') {
      const errs = isDNS1123Subdomain(name);
      for (const msg of errs) ctx.report({ path: at('name'), message: fieldInvalid(name, msg) });
      if (errs.length === 0 && name.split('.').length < 3) ctx.report({ path: at('name'), message: fieldInvalid(name, 'should be a domain with at least three segments separated by dots') });
      if (names.has(name)) ctx.report({ path: at('name'), message: fieldDuplicate(name) });
      names.add(name);
    }
    const sideEffects = field(hook, 'sideEffects');
    if (typeof sideEffects === 'string' && !SIDE_EFFECTS_V1.includes(sideEffects)) ctx.report({ path: at('sideEffects'), message: fieldNotSupported(sideEffects, SIDE_EFFECTS_V1) });
    const versions = asArray(field(hook, 'admissionReviewVersions'));
    const listed = Array.isArray(field(hook, 'admissionReviewVersions'));
    if (listed && versions.length === 0) ctx.report({ path: at('admissionReviewVersions'), message: fieldRequired(`must specify one of ${REVIEW_VERSIONS.join(', ')}`) });
    else if (listed && !versions.some((v) => typeof v === 'string' && REVIEW_VERSIONS.includes(v))) {
      ctx.report({ path: at('admissionReviewVersions'), message: `Invalid value: ${goStringSlice(versions)}: must include at least one of ${REVIEW_VERSIONS.join(', ')}` });
    }
    const timeout = field(hook, 'timeoutSeconds');
    if (typeof timeout === 'number' && (timeout < 1 || timeout > 30)) ctx.report({ path: at('timeoutSeconds'), message: fieldInvalid(timeout, 'the timeout value must be between 1 and 30 seconds') });
    const client = asObject(field(hook, 'clientConfig'));
    if (!client) return;
    const url = field(client, 'url');
    const service = asObject(field(client, 'service'));
    const hasUrl = typeof url === 'string' && url !== '';
    if (hasUrl === (service !== undefined)) ctx.report({ path: at('clientConfig'), message: fieldRequired('exactly one of url or service is required') });
    else if (hasUrl) for (const [value, msg] of urlErrors(url)) ctx.report({ path: at('clientConfig', 'url'), message: fieldInvalid(value, msg) });
    else if (service) {
      for (const key of ['name', 'namespace']) {
        const v = field(service, key);
        if (v === '') ctx.report({ path: at('clientConfig', 'service', key), message: fieldRequired(`service ${key} is required`) });
      }
      const path = field(service, 'path');
      if (typeof path === 'string' && path !== '' && !path.startsWith('/')) ctx.report({ path: at('clientConfig', 'service', 'path'), message: fieldInvalid(path, "must start with a '/'") });
      const port = field(service, 'port');
      if (typeof port === 'number' && (port < 1 || port > 65535)) ctx.report({ path: at('clientConfig', 'service', 'port'), message: fieldInvalid(port, 'port is not valid: must be between 1 and 65535, inclusive') });
    }
    asArray(field(hook, 'rules')).forEach((r, j) => {
      const ops = asArray(field(r, 'operations'));
      if (ops.includes('*') && ops.length > 1) {
        ctx.report({ path: at('rules', j, 'operations'), message: `Invalid value: []admissionregistration.OperationType{${ops.map((o) => JSON.stringify(String(o))).join(', ')}}: if '*' is present, must not specify other operations` });
      }
    });
    const conditionNames = new Set<string>();
    asArray(field(hook, 'matchConditions')).forEach((c, j) => {
      const n = field(c, 'name');
      if (typeof n !== 'string') return;
      checkCelExpression(field(c, 'expression'), at('matchConditions', j, 'expression'), ctx.report);
      if (conditionNames.has(n)) ctx.report({ path: at('matchConditions', j, 'name'), message: fieldDuplicate(n) });
      conditionNames.add(n);
    });
  });
});
