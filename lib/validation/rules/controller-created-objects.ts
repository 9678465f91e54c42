import { Path } from '../types';
import { allCreatedObjects, CONTROLLER_KINDS, MAX_DERIVED_SUFFIX } from '../util/controller-objects';
import { objectRule } from '../util/define-rule';
import { fieldInvalid, isDNS1123Label, isDNS1123Subdomain, isValidLabelValue } from '../util/k8s-names';
import { isValidObjectName } from '../util/object-names';
import { asArray, asObject, asString, field } from '../util/values';

const NAME: Path = ['metadata', 'name'];

/** True when every claim `<claim>-<name>-<ordinal>` stays within a DNS subdomain's 253 characters. */
function claimNamesFit(object: unknown, name: string): boolean {
  return asArray(field(field(object, 'spec'), 'volumeClaimTemplates'))
    .every((t) => (asString(field(field(t, 'metadata'), 'name')) ?? '').length + name.length + 12 <= 253);
}

/**
 * The API server accepts a workload without checking the names and labels its controller
 * will derive from it; when they do not fit, the controller's requests are refused and
 * nothing runs. This rule builds what each controller creates (lib/validation/util/
 * controller-objects.ts: the ReplicaSet, the Pods, the StatefulSet claims, the CronJob's Job)
 * and checks the parts the workload's own checks cannot see: the created objects' names
 * (ValidatePodName, ValidateReplicaSetName, ValidatePersistentVolumeClaim: DNS subdomains),
 * the label values the controller adds (`controller-revision-hash` is the StatefulSet name
 * plus 11 characters; `job-name` is the Job name; ValidateLabels, at most 63 characters) and
 * the Pod hostname (a DNS label: `<statefulset>-<ordinal>`, `<job>-<index>`; ValidatePodSpec).
 * Reported on metadata.name, which they all derive from. Skipped when the server refuses the
 * workload's own name (metadata-name reports that; a CronJob's limit is 52): it then creates
 * nothing.
 */
export default objectRule({
  id: 'controller-created-objects',
  layer: 'api-server',
  severity: 'error',
  description: 'The Pods, ReplicaSets, Jobs and claims a controller creates from a workload must have valid names, labels and hostnames.',
  fix: 'Shorten metadata.name so that what the controller derives from it fits: at most 52 characters for a StatefulSet (controller-revision-hash is the name plus 11), 63 for a Job and the pod names and hostnames built from it.',
  kinds: CONTROLLER_KINDS,
  source: 'pkg/controller/{deployment,replicaset,statefulset,daemon,job,cronjob} (v1.28); ValidatePodName, ValidateLabels, ValidatePodSpec (hostname) in pkg/apis/core/validation/validation.go',
}, (ctx) => {
  const own = asString(field(field(ctx.target.object, 'metadata'), 'name'));
  if (own === undefined || own === '' || !isValidObjectName(ctx.target.kind, own)) return;
  // Nothing derived from a short, dot-free name can be too long or malformed (MAX_DERIVED_SUFFIX);
  // claims `<claim>-<name>-<ordinal>` are subdomains of up to 253. Most workloads stop here.
  if (own.length + MAX_DERIVED_SUFFIX <= 63 && !own.includes('.') && claimNamesFit(ctx.target.object, own)) return;
  // The first refused object of each kind only: the controller builds the others the same
  // way (a StatefulSet's pods differ by their ordinal), and stops at the first refusal
  // (OrderedReady, the default): one mistake, one finding.
  const refusedKinds = new Set<string>();
  for (const c of allCreatedObjects(ctx.target.object)) {
    const meta = asObject(field(c.object, 'metadata')) ?? {};
    const kind = asString(field(c.object, 'kind')) ?? '';
    if (refusedKinds.has(kind)) continue;
    const name = asString(field(meta, 'name')) ?? '';
    const errs: string[] = [];
    for (const m of isDNS1123Subdomain(name)) errs.push(`metadata.name: ${fieldInvalid(name, m)}`);
    const labels = asObject(field(meta, 'labels')) ?? {};
    for (const key of c.addedLabels) {
      const value = asString(field(labels, key));
      if (value === undefined) continue;
      for (const m of isValidLabelValue(value)) errs.push(`metadata.labels: ${fieldInvalid(value, m)}`);
    }
    const hostname = asString(field(field(c.object, 'spec'), 'hostname'));
    // An Indexed Job's `<job>-<index>` hostname is checked by ValidateJob on the Job itself (job-spec).
    if (kind === 'Pod' && hostname !== undefined && hostname !== '' && c.createdBy !== 'the Job controller') {
      for (const m of isDNS1123Label(hostname)) errs.push(`spec.hostname: ${fieldInvalid(hostname, m)}`);
    }
    if (errs.length === 0) continue;
    refusedKinds.add(kind);
    // Worded as the server words a refusal with several causes.
    const detail = errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`;
    ctx.report({ path: NAME, message: `${c.createdBy} would create ${kind} "${name}", which the API server refuses: ${detail}` });
  }
});
