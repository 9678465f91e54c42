import { objectRule } from '../util/define-rule';
import { fieldForbidden, fieldInvalid, fieldNotSupported } from '../util/k8s-names';
import {
  checkIntOrPercent, checkNonNegative, checkNotMoreThan100Percent, intOrPercentValue, isInt,
} from '../util/object-checks';
import { asObject, field, isObject } from '../util/values';
import { checkAlwaysRestartTemplate, checkWorkloadSelector } from '../util/workload-checks';

/** SetDefaults_Deployment (apps/v1): 25% surge and unavailability, 600 s progress deadline. */
const DEFAULT_ROLLING = '25%';
const DEFAULT_PROGRESS_DEADLINE = 600;

export default objectRule({
  id: 'deployment-spec',
  layer: 'api-server',
  severity: 'error',
  description: 'A Deployment spec must pass the API server: selector, template labels and restartPolicy, strategy, counts.',
  fix: 'Give the Deployment a non-empty selector matching the template labels, restartPolicy Always, and a valid strategy.',
  source: 'ValidateDeploymentSpec, ValidateDeploymentStrategy, ValidateRollingUpdateDeployment, ValidatePodTemplateSpecForReplicaSet in pkg/apis/apps/validation/validation.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/',
  kinds: ['Deployment'],
}, (ctx) => {
  const spec = asObject(field(ctx.target.object, 'spec'));
  if (!spec) return;
  const report = ctx.report;
  checkNonNegative(field(spec, 'replicas'), ['spec', 'replicas'], report);
  checkWorkloadSelector(spec, ['spec'], report, { kindWord: 'deployment', invalidDetail: 'invalid label selector', required: true });
  checkAlwaysRestartTemplate(spec, ['spec'], report, 'ReplicaSet');

  const strategy = asObject(field(spec, 'strategy'));
  const type = field(strategy, 'type') ?? 'RollingUpdate';
  const rolling = field(strategy, 'rollingUpdate');
  if (type === 'Recreate') {
    if (isObject(rolling)) {
      report({ path: ['spec', 'strategy', 'rollingUpdate'], message: fieldForbidden("may not be specified when strategy `type` is 'Recreate'") });
    }
  } else if (type === 'RollingUpdate' || type === '') {
    const ru = asObject(rolling) ?? {};
    const base = ['spec', 'strategy', 'rollingUpdate'];
    const maxUnavailable = field(ru, 'maxUnavailable') ?? DEFAULT_ROLLING;
    const maxSurge = field(ru, 'maxSurge') ?? DEFAULT_ROLLING;
    checkIntOrPercent(maxUnavailable, [...base, 'maxUnavailable'], report);
    checkIntOrPercent(maxSurge, [...base, 'maxSurge'], report);
    if (intOrPercentValue(maxUnavailable) === 0 && intOrPercentValue(maxSurge) === 0) {
      report({ path: [...base, 'maxUnavailable'], message: fieldInvalid(maxUnavailable, 'may not be 0 when `maxSurge` is 0') });
    }
    checkNotMoreThan100Percent(maxUnavailable, [...base, 'maxUnavailable'], report);
  } else {
    report({ path: ['spec', 'strategy'], message: fieldNotSupported(strategy, ['Recreate', 'RollingUpdate']) });
  }

  const minReady = field(spec, 'minReadySeconds');
  checkNonNegative(minReady, ['spec', 'minReadySeconds'], report);
  checkNonNegative(field(spec, 'revisionHistoryLimit'), ['spec', 'revisionHistoryLimit'], report);
  const pds = field(spec, 'progressDeadlineSeconds') ?? DEFAULT_PROGRESS_DEADLINE;
  if (isInt(pds)) {
    checkNonNegative(pds, ['spec', 'progressDeadlineSeconds'], report);
    if (pds <= (isInt(minReady) ? minReady : 0)) {
      report({ path: ['spec', 'progressDeadlineSeconds'], message: fieldInvalid(pds, 'must be greater than minReadySeconds') });
    }
  }
});
