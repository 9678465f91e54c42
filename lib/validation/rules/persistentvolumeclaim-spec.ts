import { checkClaimSpec } from '../util/claim-spec';
import { objectRule } from '../util/define-rule';
import { field } from '../util/values';

/**
 * A PersistentVolumeClaim asks for at least one access mode (ReadWriteOncePod alone)
 * and a storage request above zero; its storageClassName is a DNS-1123 subdomain.
 * Labelled by a v1.28.15 API server.
 */
export default objectRule({
  id: 'persistentvolumeclaim-spec',
  layer: 'api-server',
  severity: 'error',
  description: 'A PersistentVolumeClaim needs access modes and a storage request above zero.',
  fix: 'Set spec.accessModes (e.g. [ReadWriteOnce]) and spec.resources.requests.storage (e.g. 1Gi); ReadWriteOncePod cannot be combined with other modes.',
  source: 'ValidatePersistentVolumeClaim and ValidatePersistentVolumeClaimSpec in pkg/apis/core/validation/validation.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/concepts/storage/persistent-volumes/#persistentvolumeclaims',
  kinds: ['PersistentVolumeClaim'],
}, (ctx) => checkClaimSpec(field(ctx.target.object, 'spec'), ['spec'], ctx.report));
