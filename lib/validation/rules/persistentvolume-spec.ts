import { checkAccessModes, checkPositiveStorage, checkStorageClassName } from '../util/claim-spec';
import { objectRule } from '../util/define-rule';
import { fieldForbidden, fieldInvalid, fieldRequired, isDNS1123Subdomain } from '../util/k8s-names';
import { asArray, asObject, field } from '../util/values';

/**
 * The volume sources of a PersistentVolumeSpec, in the order ValidatePersistentVolumeSpec
 * tests them (v1.28): the second one found is the one reported as "more than 1".
 */
const SOURCES = [
  'hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'glusterfs', 'flocker', 'nfs', 'rbd', 'quobyte',
  'cinder', 'cephfs', 'flexVolume', 'iscsi', 'fc', 'azureFile', 'vsphereVolume', 'photonPersistentDisk',
  'portworxVolume', 'azureDisk', 'scaleIO', 'local', 'storageos', 'csi',
];

/**
 * A PersistentVolume has a storage capacity above zero (and no other capacity), access
 * modes, exactly one volume source, node affinity for a local volume, and a CSI source
 * with a driver name and a volume handle. Labelled by a v1.28.15 API server.
 */
export default objectRule({
  id: 'persistentvolume-spec',
  layer: 'api-server',
  severity: 'error',
  description: 'A PersistentVolume needs a storage capacity, access modes and exactly one volume source.',
  fix: 'Set spec.capacity.storage (e.g. 10Gi), spec.accessModes and exactly one volume source (e.g. csi or nfs); a local volume also needs spec.nodeAffinity.',
  source: 'ValidatePersistentVolume and ValidatePersistentVolumeSpec in pkg/apis/core/validation/validation.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/concepts/storage/persistent-volumes/#persistent-volumes',
  kinds: ['PersistentVolume'],
}, (ctx) => {
  const spec = asObject(field(ctx.target.object, 'spec')) ?? {};
  checkAccessModes(asArray(field(spec, 'accessModes')), ['spec', 'accessModes'], ctx.report, true);
  const capacity = asObject(field(spec, 'capacity'));
  if (!capacity || Object.keys(capacity).length === 0) {
    ctx.report({ path: ['spec', 'capacity'], message: fieldRequired() });
  } else {
    const others = Object.keys(capacity).filter((k) => k !== 'storage');
    if (others.length > 0 || !('storage' in capacity)) {
      ctx.report({ path: ['spec', 'capacity'], message: `Unsupported value: ${JSON.stringify(Object.keys(capacity))}: supported values: "storage"` });
    }
    if ('storage' in capacity) checkPositiveStorage(capacity.storage, ['spec', 'capacity', { mapKey: 'storage' }], ctx.report);
  }
  const present = SOURCES.filter((s) => asObject(field(spec, s)) !== undefined);
  if (present.length === 0) ctx.report({ path: ['spec'], message: fieldRequired('must specify a volume type') });
  for (const extra of present.slice(1)) ctx.report({ path: ['spec', extra], message: fieldForbidden('may not specify more than 1 volume type') });
  checkStorageClassName(field(spec, 'storageClassName'), ['spec', 'storageClassName'], ctx.report);
  if (present.includes('local') && asObject(field(spec, 'nodeAffinity')) === undefined) {
    ctx.report({ path: ['spec', 'nodeAffinity'], message: fieldRequired('Local volume requires node affinity') });
  }
  const csi = asObject(field(spec, 'csi'));
  if (csi) {
    const driver = field(csi, 'driver');
    // Absent driver or volumeHandle: schema-required's findings.
    if (driver === '') ctx.report({ path: ['spec', 'csi', 'driver'], message: fieldRequired() });
    else if (typeof driver === 'string') for (const msg of isDNS1123Subdomain(driver)) ctx.report({ path: ['spec', 'csi', 'driver'], message: fieldInvalid(driver, msg) });
    const handle = field(csi, 'volumeHandle');
    if (handle === '') ctx.report({ path: ['spec', 'csi', 'volumeHandle'], message: fieldRequired() });
  }
});
