import { podRule } from '../util/define-rule';
import {
  fieldDuplicate, fieldForbidden, fieldInvalid, fieldRequired, isDNS1123Label,
} from '../util/k8s-names';
import { isSet, SpecError, VOLUME_SOURCES } from '../util/pod-validation';
import { volumeSourceErrors } from '../util/volume-sources';
import { Path } from '../types';
import { asArray, asString, field, isObject } from '../util/values';

/**
 * Volumes: a DNS-1123 label name, unique in the pod, at most one volume source, and
 * each source well formed (util/volume-sources.ts ports validateVolumeSource and the
 * validateXxxVolumeSource functions, v1.28). A volume without a source is an emptyDir.
 */
export default podRule({
  id: 'volume-definition',
  layer: 'api-server',
  severity: 'error',
  description: 'Each volume needs a unique DNS-1123 label name and exactly one well-formed volume source.',
  fix: 'Name each volume uniquely with lowercase letters, digits and \'-\', and give it exactly one source such as emptyDir, configMap, secret or persistentVolumeClaim.',
  source: 'ValidateVolumes and validateVolumeSource in pkg/apis/core/validation/validation.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/concepts/storage/volumes/',
}, (ctx) => {
  const names = new Set<string>();
  // A Pod's ephemeral volumes become claims named <pod>-<volume>; a template's pod name is not known yet.
  const podName = ctx.pod.template ? undefined : asString(field(ctx.pod.metadata, 'name'));
  // ValidateReadOnlyPersistentDisks: a DaemonSet's pods, and those of a ReplicaSet,
  // ReplicationController or Deployment with more than one replica, share each GCE PD.
  const owner = ctx.target.kind;
  const replicas = field(field(ctx.target.object, 'spec'), 'replicas');
  const sharedByManyPods = owner === 'DaemonSet'
    || (['Deployment', 'ReplicaSet', 'ReplicationController'].includes(owner) && typeof replicas === 'number' && replicas > 1);
  asArray(field(ctx.pod.spec, 'volumes')).forEach((vol, i) => {
    if (!isObject(vol)) return;
    const at: Path = ['volumes', i];
    const errs: SpecError[] = [];
    const name = asString(field(vol, 'name')) ?? '';
    let count = 0;
    for (const kind of VOLUME_SOURCES) {
      if (!isSet(vol, kind)) continue;
      if (count > 0) {
        errs.push({ path: [...at, kind], message: fieldForbidden('may not specify more than 1 volume type') });
      } else {
        count++;
        errs.push(...volumeSourceErrors(kind, field(vol, kind), [...at, kind], name, podName));
        if (kind === 'gcePersistentDisk' && sharedByManyPods && field(field(vol, kind), 'readOnly') !== true) {
          errs.push({ path: [...at, kind, 'readOnly'], message: fieldInvalid(false, 'must be true for replicated pods > 1; GCE PD can only be mounted on multiple machines if it is read-only') });
        }
      }
    }
    // A volume with no source is never "must specify a volume type" on a v1 object: the
    // server defaults it to emptyDir first (SetDefaults_Volume in pkg/apis/core/v1/defaults.go).
    if (name === '') errs.push({ path: [...at, 'name'], message: fieldRequired() });
    else for (const m of isDNS1123Label(name)) errs.push({ path: [...at, 'name'], message: fieldInvalid(name, m) });
    if (names.has(name)) errs.push({ path: [...at, 'name'], message: fieldDuplicate(name) });
    // ValidateVolumes only records a volume's name when the volume had no error.
    if (errs.length === 0) names.add(name);
    for (const e of errs) ctx.report(e);
  });
});
