import { podRule } from '../util/define-rule';
import { fieldDuplicate, fieldInvalid, fieldNotSupported, fieldRequired, isQualifiedName } from '../util/k8s-names';
import { asArray, asString, field, isObject } from '../util/values';
import { labelSelectorErrors } from '../util/label-selector';

const ACTIONS = ['DoNotSchedule', 'ScheduleAnyway'];
const POLICIES = ['Honor', 'Ignore'];

/**
 * topologySpreadConstraints: maxSkew > 0, topologyKey set, whenUnsatisfiable
 * DoNotSchedule or ScheduleAnyway, each {topologyKey, whenUnsatisfiable} pair
 * once, minDomains > 0 and only with DoNotSchedule, node inclusion policies
 * Honor or Ignore, a valid labelSelector. Follows
 * validateTopologySpreadConstraints (v1.28).
 */
export default podRule({
  id: 'topology-spread-constraints',
  layer: 'api-server',
  severity: 'error',
  description: 'Topology spread constraints need maxSkew > 0, a topologyKey, a known whenUnsatisfiable and unique key/action pairs.',
  fix: 'Set maxSkew to 1 or more, a topologyKey such as topology.kubernetes.io/zone, whenUnsatisfiable DoNotSchedule or ScheduleAnyway, and minDomains only with DoNotSchedule.',
  source: 'validateTopologySpreadConstraints in pkg/apis/core/validation/validation.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/',
}, (ctx) => {
  const list = asArray(field(ctx.pod.spec, 'topologySpreadConstraints'));
  list.forEach((c, i) => {
    if (!isObject(c)) return;
    const at = ['topologySpreadConstraints', i];
    const maxSkew = field(c, 'maxSkew');
    if (typeof maxSkew === 'number' && maxSkew <= 0) ctx.report({ path: [...at, 'maxSkew'], message: fieldInvalid(maxSkew, 'must be greater than zero') });
    const key = asString(field(c, 'topologyKey')) ?? '';
    if (key === '') ctx.report({ path: [...at, 'topologyKey'], message: fieldRequired('can not be empty') });
    const action = asString(field(c, 'whenUnsatisfiable')) ?? '';
    if (!ACTIONS.includes(action)) ctx.report({ path: [...at, 'whenUnsatisfiable'], message: fieldNotSupported(action, ACTIONS) });
    const repeated = list.slice(i + 1).some((o) => (asString(field(o, 'topologyKey')) ?? '') === key && (asString(field(o, 'whenUnsatisfiable')) ?? '') === action);
    if (repeated) ctx.report({ path: [...at, '{topologyKey, whenUnsatisfiable}'], message: fieldDuplicate(`{${key}, ${action}}`) });
    const minDomains = field(c, 'minDomains');
    if (typeof minDomains === 'number') {
      if (minDomains <= 0) ctx.report({ path: [...at, 'minDomains'], message: fieldInvalid(minDomains, 'must be greater than zero') });
      if (action !== 'DoNotSchedule') {
        ctx.report({ path: [...at, 'minDomains'], message: fieldInvalid(minDomains, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${action}`) });
      }
    }
    for (const p of ['nodeAffinityPolicy', 'nodeTaintsPolicy']) {
      const v = field(c, p);
      if (typeof v === 'string' && !POLICIES.includes(v)) ctx.report({ path: [...at, p], message: fieldNotSupported(v, POLICIES) });
    }
    for (const e of labelSelectorErrors(field(c, 'labelSelector'), [...at, 'labelSelector'])) ctx.report(e);
    // validateMatchLabelKeys: each key is a label key.
    asArray(field(c, 'matchLabelKeys')).forEach((k, j) => {
      if (typeof k === 'string') for (const m of isQualifiedName(k)) ctx.report({ path: [...at, 'matchLabelKeys', j], message: fieldInvalid(k, m) });
    });
  });
});
