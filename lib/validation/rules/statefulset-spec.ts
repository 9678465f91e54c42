import { objectRule } from '../util/define-rule';
import { fieldForbidden, fieldInvalid, fieldNotSupported, isDNS1123Label, LABEL_VALUE_MAX_LENGTH } from '../util/k8s-names';
import { checkNonNegative, dig } from '../util/object-checks';
import { REFUSED_PODS } from '../util/pod-validation';
import { asObject, asString, field } from '../util/values';
import { checkWorkloadSelector } from '../util/workload-checks';

const RETENTION = ['Retain', 'Delete'];

/**
 * ValidateStatefulSetSpec (v1.28). The server checks only the template's labels,
 * annotations, restartPolicy and activeDeadlineSeconds here; it does not run
 * ValidatePodSpec on a StatefulSet's template. rollingUpdate.maxUnavailable is
 * behind the alpha MaxUnavailableStatefulSet gate in 1.28 (dropped, not checked).
 * It also checks what the controller adds to the Pods it makes (their revision label,
 * hostname and subdomain), which the server only checks on those Pods.
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

  // What the controller adds to each Pod it makes (pkg/controller/statefulset/stateful_set_utils.go,
  // newVersionedStatefulSetPod): the label controller-revision-hash=<name>-<hash of up to 10
  // characters>, hostname <name>-<ordinal> and subdomain <serviceName>. The server accepts the
  // StatefulSet and then refuses every such Pod when these are not valid.
  const name = asString(dig(ctx.target.object, ['metadata', 'name'])) ?? '';
  if (name !== '') {
    const revision = `${name}-${'x'.repeat(10)}`;
    if (revision.length > LABEL_VALUE_MAX_LENGTH) {
      report({ path: ['metadata', 'name'], message: `${REFUSED_PODS}metadata.labels: Invalid value: "${name}-<hash>": must be no more than ${LABEL_VALUE_MAX_LENGTH} characters (the controller-revision-hash label is the name plus 11 characters; use a name of at most ${LABEL_VALUE_MAX_LENGTH - 11})` });
    }
    const replicas = typeof field(spec, 'replicas') === 'number' ? field(spec, 'replicas') as number : 1;
    const start = typeof dig(spec, ['ordinals', 'start']) === 'number' ? dig(spec, ['ordinals', 'start']) as number : 0;
    const hostname = `${name}-${start + Math.max(replicas, 1) - 1}`;
    for (const m of isDNS1123Label(hostname)) report({ path: ['metadata', 'name'], message: `${REFUSED_PODS}spec.hostname: ${fieldInvalid(hostname, m)}` });
  }
  const serviceName = asString(field(spec, 'serviceName')) ?? '';
  if (serviceName !== '') {
    for (const m of isDNS1123Label(serviceName)) report({ path: ['spec', 'serviceName'], message: `${REFUSED_PODS}spec.subdomain: ${fieldInvalid(serviceName, m)}` });
  }
});
