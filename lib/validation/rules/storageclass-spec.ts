import { objectRule } from '../util/define-rule';
import { fieldInvalid, fieldNotSupported, fieldRequired, isQualifiedName } from '../util/k8s-names';
import { asObject, field } from '../util/values';

const RECLAIM = ['Delete', 'Retain'];

/**
 * A StorageClass names its provisioner (a qualified name, checked in lower case as the
 * server does), a reclaimPolicy of Delete or Retain (the OpenAPI enum, shared with
 * PersistentVolume, also lists Recycle), and parameters with non-empty keys; the
 * volumeBindingMode enum is the schema layer's (schema-enum). Labelled by a v1.28.15 API server.
 */
export default objectRule({
  id: 'storageclass-spec',
  layer: 'api-server',
  severity: 'error',
  description: 'A StorageClass needs a provisioner; its reclaimPolicy is Delete or Retain.',
  fix: 'Set provisioner (e.g. ebs.csi.aws.com) and use reclaimPolicy Delete or Retain (Recycle is for PersistentVolumes only).',
  source: 'ValidateStorageClass, validateProvisioner, validateParameters, validateReclaimPolicy in pkg/apis/storage/validation/validation.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/concepts/storage/storage-classes/',
  kinds: ['StorageClass'],
}, (ctx) => {
  const obj = ctx.target.object;
  const provisioner = field(obj, 'provisioner');
  // An absent provisioner is schema-required's finding.
  if (provisioner === '') ctx.report({ path: ['provisioner'], message: fieldRequired() });
  else if (typeof provisioner === 'string') {
    const lower = provisioner.toLowerCase();
    for (const msg of isQualifiedName(lower)) ctx.report({ path: ['provisioner'], message: fieldInvalid(lower, msg) });
  }
  const params = asObject(field(obj, 'parameters'));
  if (params && Object.prototype.hasOwnProperty.call(params, '')) ctx.report({ path: ['parameters'], message: fieldInvalid('', 'field can not be empty.') });
  const reclaim = field(obj, 'reclaimPolicy');
  if (typeof reclaim === 'string' && reclaim !== '' && !RECLAIM.includes(reclaim)) ctx.report({ path: ['reclaimPolicy'], message: fieldNotSupported(reclaim, RECLAIM) });
});
