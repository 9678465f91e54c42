import { objectRule } from '../util/define-rule';
import { fieldForbidden, fieldInvalid, fieldNotSupported, isDNS1123Label } from '../util/k8s-names';
import { checkNonNegative } from '../util/object-checks';
import { REFUSED_PODS } from '../util/pod-validation';
import { asObject, asString, field } from '../util/values';
import { checkWorkloadSelector } from '../util/workload-checks';

const RETENTION = ['Retain', 'Delete'];

/**
 * ValidateStatefulSetSpec (v1.28). The server checks only the template's labels,
 * annotations, restartPolicy and activeDeadlineSeconds here; it does not run
 * ValidatePodSpec on a StatefulSet's template. rollingUpdate.maxUnavailable is
 * behind the alpha MaxUnavailableStatefulSet gate in 1.28 (dropped, not checked).
 * It also checks the subdomain the controller gives the Pods it makes, which the
 * server only checks on those Pods.
 */
export default objectRule({
  id: 'statefulset-spec',
  layer: 'api-server',
  severity: 'error',
  description: 'A StatefulSet spec must pass the API server: selector, template labels and restartPolicy, podManagementPolicy, updateStrategy, counts.',
  fix: 'Give the StatefulSet a non-empty selector matching the template labels, restartPolicy Always, and supported policy values.',
  source: 'ValidateStatefulSetSpec, validateRollingUpdateStatefulSet, ValidatePersistentVolumeClaimRetentionPolicy in pkg/apis/apps/validation/validation.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/',
  kinds: ['StatefulSet'],
}, (ctx) => {
  const spec = asObject(field(ctx.target.object, 'spec'));
  if (!spec) return;
  const report = ctx.report;

  const pmp = field(spec, 'podManagementPolicy');
  if (typeof pmp === 'string' && pmp !== '' && pmp !== 'OrderedReady' && pmp !== 'Parallel') {
    report({ path: ['spec', 'podManagementPolicy'], message: fieldInvalid(pmp, "must be 'OrderedReady' or 'Parallel'") });
  }

  const strategy = asObject(field(spec, 'updateStrategy'));
  const type = field(strategy, 'type') ?? 'RollingUpdate';
  const rolling = asObject(field(strategy, 'rollingUpdate'));
  if (type === 'OnDelete') {
    if (rolling) {
      report({ path: ['spec', 'updateStrategy', 'rollingUpdate'], message: fieldInvalid(rolling, "only allowed for updateStrategy 'RollingUpdate'") });
    }
  } else if (type === 'RollingUpdate' || type === '') {
    checkNonNegative(field(rolling, 'partition'), ['spec', 'updateStrategy', 'rollingUpdate', 'partition'], report);
  } else {
    report({ path: ['spec', 'updateStrategy'], message: fieldInvalid(strategy, "must be 'RollingUpdate' or 'OnDelete'") });
  }

  const retention = asObject(field(spec, 'persistentVolumeClaimRetentionPolicy'));
  for (const key of ['whenDeleted', 'whenScaled']) {
    const v = field(retention, key);
    if (typeof v === 'string' && v !== '' && !RETENTION.includes(v)) {
      report({ path: ['spec', 'persistentVolumeClaimRetentionPolicy', key], message: fieldNotSupported(v, RETENTION) });
    }
  }

  checkNonNegative(field(spec, 'replicas'), ['spec', 'replicas'], report);
  checkNonNegative(field(spec, 'minReadySeconds'), ['spec', 'minReadySeconds'], report);
  // The server names this path `spec.ordinals.start` with one Child("ordinals.start").
  checkNonNegative(field(asObject(field(spec, 'ordinals')), 'start'), ['spec', 'ordinals', 'start'], report);

  checkWorkloadSelector(spec, ['spec'], report, { kindWord: 'statefulset', invalidDetail: '', required: true });

  const podSpec = asObject(field(asObject(field(spec, 'template')), 'spec'));
  const rp = field(podSpec, 'restartPolicy');
  if (typeof rp === 'string' && rp !== '' && rp !== 'Always') {
    report({ path: ['spec', 'template', 'spec', 'restartPolicy'], message: fieldNotSupported(rp, ['Always']) });
  }
  const ads = field(podSpec, 'activeDeadlineSeconds');
  if (ads !== undefined && ads !== null) {
    report({ path: ['spec', 'template', 'spec', 'activeDeadlineSeconds'], message: fieldForbidden('activeDeadlineSeconds in StatefulSet is not Supported') });
  }

  // The controller gives each Pod the subdomain <serviceName> (newStatefulSetPod in
  // pkg/controller/statefulset/stateful_set_utils.go); the server refuses those Pods when it
  // is not a DNS label. The names it derives are checked by controller-created-objects.
  const serviceName = asString(field(spec, 'serviceName')) ?? '';
  if (serviceName !== '') {
    for (const m of isDNS1123Label(serviceName)) report({ path: ['spec', 'serviceName'], message: `${REFUSED_PODS}spec.subdomain: ${fieldInvalid(serviceName, m)}` });
  }
});
