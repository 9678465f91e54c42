import { objectRule } from '../util/define-rule';
import { fieldForbidden, fieldInvalid, fieldNotSupported, fieldRequired, isDNS1123Subdomain, isValidPathSegmentName } from '../util/k8s-names';
import { asObject, field } from '../util/values';

const SCOPES = ['Cluster', 'Namespace'];
/** The path part of IsDomainPrefixedPath (staging/src/k8s.io/apimachinery/pkg/api/validation/generic.go). */
const HTTP_PATH = /^[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/;

/**
 * An IngressClass names its controller as a domain-prefixed path (`example.com/ingress`);
 * parameters, when set, have a kind and a name, a scope of Cluster or Namespace, and a
 * namespace exactly when the scope is Namespace. Labelled by a v1.28.15 API server.
 */
export default objectRule({
  id: 'ingressclass-spec',
  layer: 'api-server',
  severity: 'error',
  description: 'An IngressClass controller is a domain-prefixed path; its parameters name a kind, a name and a consistent scope.',
  fix: 'Write spec.controller as a domain-prefixed path (e.g. k8s.io/ingress-nginx); give parameters a kind and name, and a namespace only with scope: Namespace.',
  source: 'ValidateIngressClass, validateIngressClassSpec and validateIngressClassParametersReference in pkg/apis/networking/validation/validation.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/concepts/services-networking/ingress/#ingress-class',
  kinds: ['IngressClass'],
}, (ctx) => {
  const spec = asObject(field(ctx.target.object, 'spec')) ?? {};
  const controller = field(spec, 'controller');
  if (typeof controller !== 'string' || controller === '') {
    ctx.report({ path: ['spec', 'controller'], message: fieldRequired() });
  } else {
    const slash = controller.indexOf('/');
    if (slash < 0) ctx.report({ path: ['spec', 'controller'], message: fieldInvalid(controller, 'must be a domain-prefixed path (such as "acme.io/foo")') });
    else {
      const host = controller.slice(0, slash);
      for (const msg of isDNS1123Subdomain(host)) ctx.report({ path: ['spec', 'controller'], message: fieldInvalid(host, msg) });
      const p = controller.slice(slash);
      if (!HTTP_PATH.test(p)) ctx.report({ path: ['spec', 'controller'], message: fieldInvalid(p, 'Invalid path') });
    }
  }
  const params = asObject(field(spec, 'parameters'));
  if (!params) return;
  const at = (key: string) => ['spec', 'parameters', key];
  const apiGroup = field(params, 'apiGroup');
  if (typeof apiGroup === 'string' && apiGroup !== '') for (const msg of isDNS1123Subdomain(apiGroup)) ctx.report({ path: at('apiGroup'), message: fieldInvalid(apiGroup, msg) });
  for (const key of ['kind', 'name']) {
    const v = field(params, key);
    // Absent kind or name: schema-required's findings.
    if (v === '') ctx.report({ path: at(key), message: fieldRequired(`${key} is required`) });
    else if (typeof v === 'string') for (const msg of isValidPathSegmentName(v)) ctx.report({ path: at(key), message: fieldInvalid(v, msg) });
  }
  const scope = field(params, 'scope');
  if (scope === undefined || scope === null) return;
  const ns = field(params, 'namespace');
  const hasNs = typeof ns === 'string' && ns !== '';
  if (scope === 'Namespace') {
    if (!hasNs) ctx.report({ path: at('namespace'), message: fieldRequired("`parameters.scope` is set to 'Namespace'") });
  } else if (scope === 'Cluster') {
    if (hasNs) ctx.report({ path: at('namespace'), message: fieldForbidden("`parameters.scope` is set to 'Cluster'") });
  } else {
    ctx.report({ path: at('scope'), message: fieldNotSupported(scope, SCOPES) });
  }
});
