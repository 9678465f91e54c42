import { Path } from '../types';
import { podRule } from '../util/define-rule';
import { joinQuote, pluralize, PSS_DOCS, reportControl, sortedSet } from '../util/pss';
import { VOLUME_SOURCES } from '../util/pod-validation';
import { asArray, field, isObject } from '../util/values';

/** Volume sources the restricted level allows (check_restrictedVolumes.go, v1.28). */
export const RESTRICTED_VOLUME_TYPES: readonly string[] = [
  'configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret',
];

/** The forbidden sources in the order PSA's switch names them; anything else is "unknown". */
const NAMED_TYPES: readonly string[] = [
  'hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'nfs', 'iscsi', 'glusterfs', 'rbd',
  'flexVolume', 'cinder', 'cephfs', 'flocker', 'fc', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk',
  'photonPersistentDisk', 'portworxVolume', 'scaleIO', 'storageos',
];

/**
 * Restricted control "Volume Types": check_restrictedVolumes.go (`restrictedVolumes`, v1.0+).
 * It overrides the baseline hostPathVolumes check at restricted.
 */
export default podRule({
  id: 'pss-volume-types',
  layer: 'pod-security',
  severity: 'error',
  podSecurityLevel: 'restricted',
  description: 'Pods may use only the core volume types (Pod Security Standards, restricted).',
  fix: `Use only ${RESTRICTED_VOLUME_TYPES.join(', ')} volumes; reach other storage through a PersistentVolumeClaim.`,
  source: 'CheckRestrictedVolumes (restrictedVolumes) in pod-security-admission policy/check_restrictedVolumes.go (v1.28)',
  docsUrl: PSS_DOCS,
}, (ctx) => {
  const present = (v: unknown, key: string) => {
    const s = field(v, key);
    return s !== undefined && s !== null;
  };
  const bad: string[] = [];
  const types: string[] = [];
  const paths: { path: Path }[] = [];
  asArray(field(ctx.pod.spec, 'volumes')).forEach((v, i) => {
    if (!isObject(v)) return;
    if (RESTRICTED_VOLUME_TYPES.some((k) => present(v, k))) return;
    // A volume with no source is defaulted to emptyDir before admission (SetDefaults_Volume).
    if (!VOLUME_SOURCES.some((k) => present(v, k))) return;
    bad.push(typeof v.name === 'string' ? v.name : '');
    const type = NAMED_TYPES.find((k) => present(v, k));
    types.push(type ?? 'unknown');
    paths.push({ path: type ? ['volumes', i, type] : ['volumes', i] });
  });
  if (bad.length > 0) {
    const list = sortedSet(types);
    reportControl(ctx, 'restricted volume types',
      `${pluralize('volume', 'volumes', bad.length)} ${joinQuote(bad)} ${pluralize('uses', 'use', bad.length)} ${pluralize('restricted volume type', 'restricted volume types', list.length)} ${joinQuote(list)}`,
      paths);
  }
});
