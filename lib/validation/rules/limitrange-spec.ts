import { objectRule } from '../util/define-rule';
import { fieldForbidden, fieldInvalid, fieldRequired } from '../util/k8s-names';
import { mapKey } from '../util/path';
import { parseQuantity, quantityText } from '../util/pod-validation';
import { asArray, asObject, field } from '../util/values';

const STANDARD_TYPES = ['Pod', 'Container', 'PersistentVolumeClaim'];
type List = Record<string, unknown>;
const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/**
 * A LimitRange item: a standard or fully qualified type; no default or defaultRequest for
 * type Pod; a min or max storage for type PersistentVolumeClaim; and per resource
 * min <= defaultRequest <= default <= max and maxLimitRequestRatio >= 1, after the
 * server's defaulting of Container items (SetDefaults_LimitRange: default from max,
 * defaultRequest from default, then from min). Values are printed as written; the server
 * prints their canonical form. Labelled by a v1.28.15 API server.
 */
export default objectRule({
  id: 'limitrange-spec',
  layer: 'api-server',
  severity: 'error',
  description: 'Each LimitRange item keeps min <= defaultRequest <= default <= max for every resource, with fields that fit its type.',
  fix: 'Order the values min <= defaultRequest <= default <= max (remember that max becomes the default limit when default is not set), keep maxLimitRequestRatio at 1 or more, and use type Pod, Container or PersistentVolumeClaim.',
  source: 'ValidateLimitRange and validateLimitRangeTypeName in pkg/apis/core/validation/validation.go; SetDefaults_LimitRange in pkg/apis/core/v1/defaults.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/concepts/policy/limit-range/',
  kinds: ['LimitRange'],
}, (ctx) => {
  asArray(field(field(ctx.target.object, 'spec'), 'limits')).forEach((raw, i) => {
    const item = asObject(raw);
    if (!item) return;
    const at = (...rest: (string | ReturnType<typeof mapKey>)[]) => ['spec', 'limits', i, ...rest];
    const type = field(item, 'type');
    if (typeof type === 'string' && !STANDARD_TYPES.includes(type) && !type.includes('/')) {
      ctx.report({ path: at('type'), message: fieldInvalid(type, 'must be a standard limit type or fully qualified') });
    }
    const list = (key: string): List => ({ ...(asObject(field(item, key)) ?? {}) });
    const max = list('max');
    const min = list('min');
    const def = list('default');
    const defReq = list('defaultRequest');
    const ratio = list('maxLimitRequestRatio');
    if (type === 'Pod') {
      if (Object.keys(def).length > 0) ctx.report({ path: at('default'), message: fieldForbidden("may not be specified when `type` is 'Pod'") });
      if (Object.keys(defReq).length > 0) ctx.report({ path: at('defaultRequest'), message: fieldForbidden("may not be specified when `type` is 'Pod'") });
    }
    if (type === 'PersistentVolumeClaim' && !own(min, 'storage') && !own(max, 'storage')) {
      ctx.report({ path: at('limits'), message: fieldRequired('either minimum or maximum storage value is required, but neither was provided') });
    }
    if (type === 'Container') {
      for (const k of Object.keys(max)) if (!own(def, k)) def[k] = max[k];
      for (const k of Object.keys(def)) if (!own(defReq, k)) defReq[k] = def[k];
      for (const k of Object.keys(min)) if (!own(defReq, k)) defReq[k] = min[k];
    }
    const keys = [...new Set([...Object.keys(max), ...Object.keys(min), ...Object.keys(def), ...Object.keys(defReq), ...Object.keys(ratio)])].sort();
    for (const k of keys) {
      const q = (l: List) => (own(l, k) ? parseQuantity(l[k]) : undefined);
      const t = (l: List) => quantityText(l[k]);
      const [mx, mn, d, dr, r] = [q(max), q(min), q(def), q(defReq), q(ratio)];
      const bad = (where: string, value: unknown, msg: string) => ctx.report({ path: at(where, mapKey(k)), message: fieldInvalid(quantityText(value), msg) });
      if (mn !== undefined && mx !== undefined && mn > mx) bad('min', min[k], `min value ${t(min)} is greater than max value ${t(max)}`);
      if (dr !== undefined && mn !== undefined && mn > dr) bad('defaultRequest', defReq[k], `min value ${t(min)} is greater than default request value ${t(defReq)}`);
      if (dr !== undefined && mx !== undefined && dr > mx) bad('defaultRequest', defReq[k], `default request value ${t(defReq)} is greater than max value ${t(max)}`);
      if (dr !== undefined && d !== undefined && dr > d) bad('defaultRequest', defReq[k], `default request value ${t(defReq)} is greater than default limit value ${t(def)}`);
      if (d !== undefined && mn !== undefined && mn > d) bad('default', def[k], `min value ${t(min)} is greater than default value ${t(def)}`);
      if (d !== undefined && mx !== undefined && d > mx) bad('default', def[k], `default value ${t(def)} is greater than max value ${t(max)}`);
      if (r !== undefined && r < 1) bad('maxLimitRequestRatio', ratio[k], `ratio ${t(ratio)} is less than 1`);
    }
  });
});
