import { objectRule } from '../util/define-rule';
import { fieldInvalid, fieldNotSupported } from '../util/k8s-names';
import { checkIntOrPercent, checkLabelSelector, checkNotMoreThan100Percent } from '../util/object-checks';
import { asObject, field } from '../util/values';

const EVICTION_POLICIES = ['AlwaysAllow', 'IfHealthyBudget'];
const isSet = (v: unknown) => v !== undefined && v !== null;

export default objectRule({
  id: 'poddisruptionbudget-spec',
  layer: 'api-server',
  severity: 'error',
  description: 'A PodDisruptionBudget sets at most one of minAvailable and maxUnavailable, each a non-negative integer or a percentage up to 100%.',
  fix: 'Keep only one of minAvailable and maxUnavailable, written as an integer or a string like "50%".',
  source: 'ValidatePodDisruptionBudgetSpec in pkg/apis/policy/validation/validation.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/tasks/run-application/configure-pdb/',
  kinds: ['PodDisruptionBudget'],
}, (ctx) => {
  const spec = asObject(field(ctx.target.object, 'spec'));
  if (!spec) return;
  const minAvailable = field(spec, 'minAvailable');
  const maxUnavailable = field(spec, 'maxUnavailable');
  if (isSet(minAvailable) && isSet(maxUnavailable)) {
    ctx.report({ path: ['spec'], message: fieldInvalid(spec, 'minAvailable and maxUnavailable cannot be both set') });
  }
  for (const [key, value] of [['minAvailable', minAvailable], ['maxUnavailable', maxUnavailable]] as const) {
    if (!isSet(value)) continue;
    checkIntOrPercent(value, ['spec', key], ctx.report);
    checkNotMoreThan100Percent(value, ['spec', key], ctx.report);
  }
  checkLabelSelector(field(spec, 'selector'), ['spec', 'selector'], ctx.report);
  const policy = field(spec, 'unhealthyPodEvictionPolicy');
  if (typeof policy === 'string' && !EVICTION_POLICIES.includes(policy)) {
    ctx.report({ path: ['spec', 'unhealthyPodEvictionPolicy'], message: fieldNotSupported(policy, EVICTION_POLICIES) });
  }
});
