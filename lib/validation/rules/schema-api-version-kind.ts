import { notServed } from '../removed-versions';
import { objectRule } from '../util/define-rule';
import { field } from '../util/values';

/**
 * Every object needs a string `apiVersion` and `kind`; kubectl refuses the
 * document otherwise ("error validating data: [apiVersion not set, kind not
 * set]"). An apiVersion the target version no longer serves is refused with
 * `no matches for kind "CronJob" in version "batch/v1beta1"`.
 */
export default objectRule({
  id: 'schema-api-version-kind',
  layer: 'schema',
  severity: 'error',
  description: 'Each object must set apiVersion and kind to a version the target Kubernetes serves.',
  fix: 'Set apiVersion and kind (for example apiVersion: apps/v1 and kind: Deployment).',
  source: 'kubectl validation (apiVersion not set, kind not set) and the REST mapper (no matches for kind); removals per the Kubernetes deprecation guide',
  docsUrl: 'https://kubernetes.io/docs/reference/using-api/deprecation-guide/',
}, (ctx) => {
  const obj = ctx.target.object;
  for (const name of ['apiVersion', 'kind'] as const) {
    const v = field(obj, name);
    if (v === undefined || v === null || v === '') {
      ctx.report({ path: [name], message: `${name} not set` });
    } else if (typeof v !== 'string') {
      const kind = Array.isArray(v) ? 'array' : typeof v === 'boolean' ? 'bool' : typeof v;
      ctx.report({ path: [name], message: `cannot unmarshal ${kind} into Go struct field .${name} of type string` });
    }
  }
  const { apiVersion, kind } = ctx.target;
  const missing = notServed(apiVersion, kind, ctx.settings.k8sVersion);
  if (missing) ctx.report({ path: ['apiVersion'], message: `no matches for kind "${kind}" in version "${apiVersion}"`, fix: missing.fix });
});
