import { objectRule } from '../util/define-rule';
import { Path } from '../types';
import { fieldDuplicate, fieldInvalid, fieldRequired, isDNS1123Label, isDNS1123Subdomain } from '../util/k8s-names';
import { checkAnnotations, checkLabels, dig } from '../util/object-checks';
import { asArray, asObject, asString, field } from '../util/values';
import { claimSpecErrors } from '../util/volume-sources';

const LATER = 'the API server accepts the StatefulSet, but the controller\'s PersistentVolumeClaims would be refused: ';
const LATER_PODS = 'the API server accepts the StatefulSet, but refuses every Pod its controller creates: ';

/**
 * The API server does not validate a StatefulSet's volumeClaimTemplates (v1.28
 * ValidateStatefulSetSpec leaves them alone); the mistakes surface later, when the
 * controller creates each claim (ValidatePersistentVolumeClaim refuses it) and each Pod,
 * which gets one volume per template, named after it. Nothing the StatefulSet makes
 * can then be created, so podwright reports these as errors.
 */
export default objectRule({
  id: 'statefulset-volume-claim-templates',
  layer: 'api-server',
  severity: 'error',
  description: 'Each StatefulSet volumeClaimTemplate must be a claim the API server would accept, named like a pod volume: a unique DNS-1123 label, access modes and a storage request.',
  fix: 'Give each volumeClaimTemplate a unique metadata.name (lowercase letters, digits and \'-\'), spec.accessModes (e.g. ReadWriteOnce) and spec.resources.requests.storage.',
  source: 'ValidatePersistentVolumeClaim / ValidatePersistentVolumeClaimSpec and ValidateVolumes in pkg/apis/core/validation/validation.go (v1.28), applied to the claims and Pods the StatefulSet controller creates',
  docsUrl: 'https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#volume-claim-templates',
  kinds: ['StatefulSet'],
}, (ctx) => {
  const setName = asString(dig(ctx.target.object, ['metadata', 'name'])) ?? '';
  const names = new Set<string>();
  asArray(dig(ctx.target.object, ['spec', 'volumeClaimTemplates'])).forEach((raw, i) => {
    const tpl = asObject(raw);
    if (!tpl) return;
    const base = ['spec', 'volumeClaimTemplates', i];
    const name = dig(tpl, ['metadata', 'name']);
    if (typeof name !== 'string' || name === '') {
      ctx.report({ path: [...base, 'metadata', 'name'], message: LATER_PODS + fieldRequired() });
    } else {
      // The claim is <template>-<set>-<ordinal>; the pod volume is <template>.
      const claim = `${name}-${setName}-0`;
      for (const msg of isDNS1123Subdomain(claim)) ctx.report({ path: [...base, 'metadata', 'name'], message: LATER + fieldInvalid(claim, msg) });
      for (const msg of isDNS1123Label(name)) ctx.report({ path: [...base, 'metadata', 'name'], message: LATER_PODS + fieldInvalid(name, msg) });
      if (names.has(name)) ctx.report({ path: [...base, 'metadata', 'name'], message: LATER_PODS + fieldDuplicate(name) });
      names.add(name);
    }
    const report = (v: { path: Path; message: string }) => ctx.report({ path: v.path, message: LATER + v.message });
    checkLabels(dig(tpl, ['metadata', 'labels']), [...base, 'metadata', 'labels'], report);
    checkAnnotations(dig(tpl, ['metadata', 'annotations']), [...base, 'metadata', 'annotations'], report);
    for (const e of claimSpecErrors(field(tpl, 'spec'), [...base, 'spec'], true)) report(e);
  });
});
