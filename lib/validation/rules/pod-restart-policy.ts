import { podRule } from '../util/define-rule';
import { fieldInvalid, fieldNotSupported, inclusiveRangeError } from '../util/k8s-names';
import { field } from '../util/values';

const POLICIES = ['Always', 'OnFailure', 'Never'];
const MAX_INT32 = 2147483647;

/**
 * The pod's restartPolicy is Always, OnFailure or Never (defaulted to Always),
 * and activeDeadlineSeconds, when set, is 1..2147483647. Follows
 * validateRestartPolicy and ValidatePodSpec (v1.28). Which policy a workload
 * allows (Deployments only Always, Jobs not Always) is checked by the workload rules.
 */
export default podRule({
  id: 'pod-restart-policy',
  layer: 'api-server',
  severity: 'error',
  description: 'A pod\'s restartPolicy must be Always, OnFailure or Never, and activeDeadlineSeconds positive.',
  fix: 'Set restartPolicy to Always, OnFailure or Never, and activeDeadlineSeconds to a number of seconds of at least 1.',
  source: 'validateRestartPolicy and ValidatePodSpec in pkg/apis/core/validation/validation.go (v1.28)',
}, (ctx) => {
  const policy = field(ctx.pod.spec, 'restartPolicy');
  if (typeof policy === 'string' && policy !== '' && !POLICIES.includes(policy)) {
    ctx.report({ path: ['restartPolicy'], message: fieldNotSupported(policy, POLICIES) });
  }
  const deadline = field(ctx.pod.spec, 'activeDeadlineSeconds');
  if (typeof deadline === 'number' && (deadline < 1 || deadline > MAX_INT32)) {
    ctx.report({ path: ['activeDeadlineSeconds'], message: fieldInvalid(deadline, inclusiveRangeError(1, MAX_INT32)) });
  }
});
