import { objectRule } from '../util/define-rule';
import { fieldInvalid, fieldNotSupported, fieldRequired } from '../util/k8s-names';
import { checkIntOrPercent, checkNonNegative, checkNotMoreThan100Percent, intOrPercentValue } from '../util/object-checks';
import { asObject, field } from '../util/values';
import { checkAlwaysRestartTemplate, checkWorkloadSelector } from '../util/workload-checks';

/** SetDefaults_DaemonSet (apps/v1): RollingUpdate with maxUnavailable 1 and maxSurge 0. */
const DEFAULT_MAX_UNAVAILABLE = 1;
const DEFAULT_MAX_SURGE = 0;

export default objectRule({
  id: 'daemonset-spec',
  layer: 'api-server',
  severity: 'error',
  description: 'A DaemonSet spec must pass the API server: selector matching the template labels, restartPolicy Always, update strategy, counts.',
  fix: 'Give the DaemonSet a non-empty selector matching the template labels, restartPolicy Always, and set exactly one of maxUnavailable and maxSurge to a non-zero value.',
  source: 'ValidateDaemonSetSpec, ValidateDaemonSetUpdateStrategy, ValidateRollingUpdateDaemonSet in pkg/apis/apps/validation/validation.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/',
  kinds: ['DaemonSet'],
}, (ctx) => {
  const spec = asObject(field(ctx.target.object, 'spec'));
  if (!spec) return;
  const report = ctx.report;
  checkWorkloadSelector(spec, ['spec'], report, { kindWord: 'daemonset', required: false });
  checkAlwaysRestartTemplate(spec, ['spec'], report, 'DaemonSet');
  checkNonNegative(field(spec, 'minReadySeconds'), ['spec', 'minReadySeconds'], report);
  checkNonNegative(field(spec, 'templateGeneration'), ['spec', 'templateGeneration'], report);
  checkNonNegative(field(spec, 'revisionHistoryLimit'), ['spec', 'revisionHistoryLimit'], report);

  const strategy = asObject(field(spec, 'updateStrategy'));
  const type = field(strategy, 'type') ?? 'RollingUpdate';
  if (type === 'OnDelete') return;
  if (type !== 'RollingUpdate' && type !== '') {
    report({ path: ['spec', 'updateStrategy'], message: fieldNotSupported(strategy, ['RollingUpdate', 'OnDelete']) });
    return;
  }
  const ru = asObject(field(strategy, 'rollingUpdate')) ?? {};
  const base = ['spec', 'updateStrategy', 'rollingUpdate'];
  const maxUnavailable = field(ru, 'maxUnavailable') ?? DEFAULT_MAX_UNAVAILABLE;
  const maxSurge = field(ru, 'maxSurge') ?? DEFAULT_MAX_SURGE;
  checkIntOrPercent(maxUnavailable, [...base, 'maxUnavailable'], report);
  checkIntOrPercent(maxSurge, [...base, 'maxSurge'], report);
  checkNotMoreThan100Percent(maxUnavailable, [...base, 'maxUnavailable'], report);
  checkNotMoreThan100Percent(maxSurge, [...base, 'maxSurge'], report);
  const hasUnavailable = intOrPercentValue(maxUnavailable) !== 0;
  const hasSurge = intOrPercentValue(maxSurge) !== 0;
  if (hasUnavailable && hasSurge) {
    report({ path: [...base, 'maxSurge'], message: fieldInvalid(maxSurge, 'may not be set when maxUnavailable is non-zero') });
  } else if (!hasUnavailable && !hasSurge) {
    report({ path: [...base, 'maxUnavailable'], message: fieldRequired('cannot be 0 when maxSurge is 0') });
  }
});
