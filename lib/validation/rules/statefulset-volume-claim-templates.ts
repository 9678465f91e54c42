import { objectRule } from '../util/define-rule';
import { checkClaimSpec } from '../util/claim-spec';
import { fieldInvalid, fieldRequired, isDNS1123Subdomain } from '../util/k8s-names';
import { dig } from '../util/object-checks';
import { asArray, asObject, field } from '../util/values';

const LATER = 'the API server accepts the StatefulSet, but the controller\'s PersistentVolumeClaims would be refused: ';

/**
 * The API server does not validate a StatefulSet's volumeClaimTemplates (v1.28
 * ValidateStatefulSetSpec leaves them alone); the mistakes surface later, when the
 * controller creates each claim and ValidatePersistentVolumeClaim refuses it.
 * podwright checks them now, as a warning (the manifest itself is accepted).
 */
export default objectRule({
  id: 'statefulset-volume-claim-templates',
  layer: 'api-server',
  severity: 'warning',
  description: 'Each StatefulSet volumeClaimTemplate must be a claim the API server would accept: a name, access modes and a storage request.',
  fix: 'Give each volumeClaimTemplate a metadata.name, spec.accessModes (e.g. ReadWriteOnce) and spec.resources.requests.storage.',
  source: 'ValidatePersistentVolumeClaimSpec / ValidatePersistentVolumeName in pkg/apis/core/validation/validation.go (v1.28), applied to the claims the StatefulSet controller creates',
  docsUrl: 'https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#volume-claim-templates',
  kinds: ['StatefulSet'],
}, (ctx) => {
  asArray(dig(ctx.target.object, ['spec', 'volumeClaimTemplates'])).forEach((raw, i) => {
    const tpl = asObject(raw);
    if (!tpl) return;
    const base = ['spec', 'volumeClaimTemplates', i];
    const name = dig(tpl, ['metadata', 'name']);
    if (typeof name !== 'string' || name === '') {
      ctx.report({ path: [...base, 'metadata', 'name'], message: LATER + fieldRequired('name or generateName is required') });
    } else {
      for (const msg of isDNS1123Subdomain(name)) ctx.report({ path: [...base, 'metadata', 'name'], message: LATER + fieldInvalid(name, msg) });
    }
    checkClaimSpec(field(tpl, 'spec'), [...base, 'spec'], (v) => ctx.report({ ...v, message: LATER + v.message }));
  });
});
