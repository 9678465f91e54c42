/**
 * The checks the API server makes inside each volume source and inside a
 * PersistentVolumeClaim spec (validateVolumeSource and the validateXxxVolumeSource
 * functions, ValidatePersistentVolumeClaimSpec and validateDataSource in
 * pkg/apis/core/validation/validation.go, v1.28). Facts are ported, not code; the
 * messages are the server's.
 */
import { Path } from '../types';
import { checkClaimSpec } from './claim-spec';
import { mapKey } from './path';
import {
  fieldForbidden, fieldInvalid, fieldNotSupported, fieldRequired, fieldTooLong, isDNS1123Label, isDNS1123Subdomain,
} from './k8s-names';
import { objectFieldSelector, resourceFieldSelector } from './field-selectors';
import { checkAnnotations, checkLabels } from './object-checks';
import { localDescendingPath, localNonReservedPath, parseQuantity, pathNoBacksteps, SpecError } from './pod-validation';
import { asArray, asObject, asString, field, isObject } from './values';

const FILE_MODE_ERROR = 'must be a number between 0 and 0777 (octal), both inclusive';
const PD_PARTITION_ERROR = 'must be a number between 1 and 255, both inclusive';
const LUN_ERROR = 'must be between 0 and 255, inclusive';
const HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];
const AZURE_CACHING_MODES = ['None', 'ReadOnly', 'ReadWrite'];
const AZURE_DISK_KINDS = ['Dedicated', 'Managed', 'Shared'];
// iscsiInitiatorIqnRegex, iscsiInitiatorEuiRegex, iscsiInitiatorNaaRegex
const IQN = /^iqn\.\d{4}-\d{2}\.([[:alnum:]-.]+)(:[^,;*&$|\s]+)$/;
const EUI = /^eui.[a-fA-F0-9]{16}$/;
const NAA = /^naa.[a-fA-F0-9]{32}$/;
// Go's [[:alnum:]] inside a character class, spelled for JavaScript.
const IQN_JS = new RegExp(IQN.source.replace('[[:alnum:]-.]', '[a-zA-Z0-9\\-.]'));

const str = (src: unknown, key: string): string => asString(field(src, key)) ?? '';
const int = (src: unknown, key: string): number | undefined => {
  const v = field(src, key);
  return typeof v === 'number' ? v : undefined;
};

/** One field error; the helpers below push these. */
type Errs = SpecError[];

function required(errs: Errs, src: unknown, key: string, at: Path, detail?: string): boolean {
  if (str(src, key) !== '') return true;
  errs.push({ path: [...at, key], message: fieldRequired(detail) });
  return false;
}

function mode(errs: Errs, src: unknown, key: string, at: Path): void {
  const m = int(src, key);
  if (m !== undefined && (m > 0o777 || m < 0)) errs.push({ path: [...at, key], message: fieldInvalid(m, FILE_MODE_ERROR) });
}

/** A LocalObjectReference (secretRef and the like) that is set must name something. */
function refName(errs: Errs, src: unknown, key: string, at: Path): void {
  const ref = field(src, key);
  if (isObject(ref) && str(ref, 'name') === '') errs.push({ path: [...at, key, 'name'], message: fieldRequired() });
}

/** validateKeyToPath */
export function keyToPathErrors(kp: unknown, at: Path): Errs {
  const errs: Errs = [];
  if (!isObject(kp)) return errs;
  if (str(kp, 'key') === '') errs.push({ path: [...at, 'key'], message: fieldRequired() });
  const path = str(kp, 'path');
  if (path === '') errs.push({ path: [...at, 'path'], message: fieldRequired() });
  errs.push(...localNonReservedPath(path, [...at, 'path']));
  mode(errs, kp, 'mode', at);
  return errs;
}

/** validVolumeDownwardAPIFieldPathExpressions (v1.28). */
const VOLUME_FIELD_PATHS = ['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid'];

/**
 * The errors of `errs` whose paths start with `shown` (the server's name for a field), each
 * told the field it is about: the same path under `real` (see SpecError.field).
 */
function atField(errs: Errs, shown: Path, real: Path): Errs {
  return errs.map((e) => (startsWith(e.path, shown) ? { ...e, field: [...real, ...e.path.slice(shown.length)] } : e));
}

function startsWith(path: Path, prefix: Path): boolean {
  if (path.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (path[i] !== prefix[i]) return false;
  return true;
}

/**
 * validateDownwardAPIVolumeFile. Its errors sit at the source's path `at` (the server
 * passes the source's path, not the item's, for path and mode); each is told the field it
 * is about under the item's own path, `item`.
 */
function downwardAPIFileErrors(file: unknown, at: Path, item: Path): Errs {
  return atField(downwardAPIFileErrorsAt(file, at), at, item);
}

function downwardAPIFileErrorsAt(file: unknown, at: Path): Errs {
  const errs: Errs = [];
  if (!isObject(file)) return errs;
  const path = str(file, 'path');
  if (path === '') errs.push({ path: [...at, 'path'], message: fieldRequired() });
  errs.push(...localNonReservedPath(path, [...at, 'path']));
  const fieldRef = field(file, 'fieldRef');
  const resourceRef = field(file, 'resourceFieldRef');
  const report = (path: Path, message: string) => { errs.push({ path, message }); };
  if (isObject(fieldRef)) {
    objectFieldSelector(fieldRef, [...at, 'fieldRef'], VOLUME_FIELD_PATHS, report);
    if (isObject(resourceRef)) errs.push({ path: at, message: fieldInvalid('resource', 'fieldRef and resourceFieldRef can not be specified simultaneously') });
  } else if (isObject(resourceRef)) {
    resourceFieldSelector(resourceRef, [...at, 'resourceFieldRef'], true, report);
  } else {
    errs.push({ path: at, message: fieldRequired('one of fieldRef and resourceFieldRef is required') });
  }
  mode(errs, file, 'mode', at);
  return errs;
}

/** validateProjectionSources (paths must be unique across the sources). */
function projectedErrors(src: unknown, at: Path): Errs {
  const errs: Errs = [];
  mode(errs, src, 'defaultMode', at);
  const seen = new Set<string>();
  const unique = (p: string, bad: unknown) => {
    if (p === '') return;
    if (seen.has(p)) errs.push({ path: at, message: fieldInvalid(bad, 'conflicting duplicate paths') });
    seen.add(p);
  };
  asArray(field(src, 'sources')).forEach((source, i) => {
    if (!isObject(source)) return;
    const sp = [...at, 'sources', i];
    let n = 0;
    for (const key of ['secret', 'configMap'] as const) {
      const s = field(source, key);
      if (!isObject(s)) continue;
      n++;
      if (str(s, 'name') === '') errs.push({ path: [...sp, key, 'name'], message: fieldRequired() });
      asArray(field(s, 'items')).forEach((kp, j) => {
        errs.push(...keyToPathErrors(kp, [...sp, key, 'items', j]));
        unique(str(kp, 'path'), str(s, 'name'));
      });
    }
    const dapi = field(source, 'downwardAPI');
    if (isObject(dapi)) {
      n++;
      asArray(field(dapi, 'items')).forEach((file, j) => {
        errs.push(...downwardAPIFileErrors(file, [...sp, 'downwardAPI'], [...sp, 'downwardAPI', 'items', j]));
        unique(str(file, 'path'), str(file, 'path'));
      });
    }
    const token = field(source, 'serviceAccountToken');
    if (isObject(token)) {
      n++;
      const tp = [...sp, 'serviceAccountToken'];
      // ExpirationSeconds defaults to 3600 (SetDefaults_ServiceAccountTokenProjection).
      const exp = int(token, 'expirationSeconds') ?? 3600;
      if (exp < 600) errs.push({ path: [...tp, 'expirationSeconds'], message: fieldInvalid(exp, 'may not specify a duration less than 10 minutes') });
      if (exp > 2 ** 32) errs.push({ path: [...tp, 'expirationSeconds'], message: fieldInvalid(exp, 'may not specify a duration larger than 2^32 seconds') });
      // The server reports a token's missing path at the projected volume's own path.
      if (str(token, 'path') === '') errs.push({ path: [...at, 'path'], message: fieldRequired(), field: [...tp, 'path'] });
    }
    if (n > 1) errs.push({ path: sp, message: fieldForbidden('may not specify more than 1 volume type') });
  });
  return errs;
}

/** validateDataSource (dataSource and dataSourceRef of a claim spec). */
/** ValidatePersistentVolumeClaimSpec (./claim-spec.ts), as a list. */
export function claimSpecErrors(spec: unknown, at: Path, created = false): Errs {
  const errs: Errs = [];
  checkClaimSpec(spec, at, (v) => errs.push({ path: v.path, message: v.message }), created);
  return errs;
}

/** validatePersistentVolumeClaimTemplateObjectMeta: labels and annotations only. */
function claimTemplateMetaErrors(meta: unknown, at: Path): Errs {
  const errs: Errs = [];
  const m = asObject(meta);
  if (!m) return errs;
  const report = (v: { path: Path; message: string }) => errs.push({ path: v.path, message: v.message });
  checkAnnotations(field(m, 'annotations'), [...at, 'annotations'], report);
  checkLabels(field(m, 'labels'), [...at, 'labels'], report);
  for (const key of Object.keys(m)) {
    if (key === 'labels' || key === 'annotations') continue;
    const v = field(m, key);
    // Go's zero values; an empty list or map decodes to a non-nil one, which counts as set.
    const empty = v === undefined || v === null || v === '' || v === 0 || v === false;
    if (!empty) errs.push({ path: [...at, key], message: fieldForbidden('cannot be set') });
  }
  return errs;
}

/** The checks the server makes inside one volume source of a pod volume named `volName`. */
export function volumeSourceErrors(kind: string, src: unknown, at: Path, volName: string, podName?: string): Errs {
  const errs: Errs = [];
  if (!isObject(src)) return errs;
  switch (kind) {
    case 'emptyDir': {
      const q = parseQuantity(field(src, 'sizeLimit'));
      if (q !== undefined && q < 0) errs.push({ path: [...at, 'sizeLimit'], message: fieldForbidden('SizeLimit field must be a valid resource quantity') });
      break;
    }
    case 'hostPath': {
      if (!required(errs, src, 'path', at)) break;
      errs.push(...pathNoBacksteps(str(src, 'path'), [...at, 'path']));
      const t = asString(field(src, 'type'));
      if (t !== undefined && !HOST_PATH_TYPES.includes(t)) errs.push({ path: [...at, 'type'], message: fieldNotSupported(t, HOST_PATH_TYPES) });
      break;
    }
    case 'gitRepo':
      required(errs, src, 'repository', at);
      errs.push(...localDescendingPath(str(src, 'directory'), [...at, 'directory']));
      break;
    case 'gcePersistentDisk': {
      // The server names this source `persistentDisk` in its paths.
      const pat = [...at.slice(0, -1), 'persistentDisk'];
      const own: Errs = [];
      required(own, src, 'pdName', pat);
      const p = int(src, 'partition') ?? 0;
      if (p < 0 || p > 255) own.push({ path: [...pat, 'partition'], message: fieldInvalid(p, PD_PARTITION_ERROR) });
      errs.push(...atField(own, pat, at));
      break;
    }
    case 'awsElasticBlockStore': {
      required(errs, src, 'volumeID', at);
      const p = int(src, 'partition') ?? 0;
      if (p < 0 || p > 255) errs.push({ path: [...at, 'partition'], message: fieldInvalid(p, PD_PARTITION_ERROR) });
      break;
    }
    case 'secret':
      required(errs, src, 'secretName', at);
      mode(errs, src, 'defaultMode', at);
      asArray(field(src, 'items')).forEach((kp, i) => errs.push(...keyToPathErrors(kp, [...at, 'items', i])));
      break;
    case 'configMap':
      required(errs, src, 'name', at);
      mode(errs, src, 'defaultMode', at);
      asArray(field(src, 'items')).forEach((kp, i) => errs.push(...keyToPathErrors(kp, [...at, 'items', i])));
      break;
    case 'nfs': {
      required(errs, src, 'server', at);
      const p = str(src, 'path');
      if (p === '') errs.push({ path: [...at, 'path'], message: fieldRequired() });
      if (!p.startsWith('/')) errs.push({ path: [...at, 'path'], message: fieldInvalid(p, 'must be an absolute path') });
      break;
    }
    case 'iscsi': {
      required(errs, src, 'targetPortal', at);
      const iqn = str(src, 'iqn');
      if (iqn === '') errs.push({ path: [...at, 'iqn'], message: fieldRequired() });
      else errs.push(...iscsiNameErrors(iqn, [...at, 'iqn']));
      const lun = int(src, 'lun') ?? 0;
      if (lun < 0 || lun > 255) errs.push({ path: [...at, 'lun'], message: fieldInvalid(lun, LUN_ERROR) });
      if ((field(src, 'chapAuthDiscovery') === true || field(src, 'chapAuthSession') === true) && !isObject(field(src, 'secretRef'))) {
        errs.push({ path: [...at, 'secretRef'], message: fieldRequired() });
      }
      const initiator = asString(field(src, 'initiatorName'));
      if (initiator !== undefined) {
        errs.push(...iscsiNameErrors(initiator, [...at, 'initiatorname']));
        if (`${volName}:${str(src, 'targetPortal')}`.length > 64) {
          errs.push({ path: [...at, 'name'], message: fieldInvalid(volName, 'Total length of <volume name>:<iscsi.targetPortal> must be under 64 characters if iscsi.initiatorName is specified.') });
        }
      }
      break;
    }
    case 'glusterfs':
      required(errs, src, 'endpoints', at);
      required(errs, src, 'path', at);
      break;
    case 'flocker': {
      const name = str(src, 'datasetName');
      const uuid = str(src, 'datasetUUID');
      if (name === '' && uuid === '') errs.push({ path: at, message: fieldRequired('one of datasetName and datasetUUID is required') });
      if (name !== '' && uuid !== '') errs.push({ path: at, message: fieldInvalid('resource', 'datasetName and datasetUUID can not be specified simultaneously') });
      if (name.includes('/')) errs.push({ path: [...at, 'datasetName'], message: fieldInvalid(name, "must not contain '/'") });
      break;
    }
    case 'persistentVolumeClaim':
      required(errs, src, 'claimName', at);
      break;
    case 'rbd':
      if (asArray(field(src, 'monitors')).length === 0) errs.push({ path: [...at, 'monitors'], message: fieldRequired() });
      required(errs, src, 'image', at);
      break;
    case 'cinder':
      required(errs, src, 'volumeID', at);
      refName(errs, src, 'secretRef', at);
      break;
    case 'cephfs':
      if (asArray(field(src, 'monitors')).length === 0) errs.push({ path: [...at, 'monitors'], message: fieldRequired() });
      break;
    case 'quobyte': {
      const registry = str(src, 'registry');
      const hostPort = 'must be a host:port pair or multiple pairs separated by commas';
      if (registry === '') errs.push({ path: [...at, 'registry'], message: fieldRequired(hostPort) });
      else if (str(src, 'tenant').length >= 65) errs.push({ path: [...at, 'tenant'], message: fieldRequired('must be a UUID and may not exceed a length of 64 characters') });
      else for (const pair of registry.split(',')) if (!isHostPort(pair)) errs.push({ path: [...at, 'registry'], message: fieldInvalid(registry, hostPort) });
      required(errs, src, 'volume', at);
      break;
    }
    case 'downwardAPI':
      mode(errs, src, 'defaultMode', at);
      asArray(field(src, 'items')).forEach((file, i) => errs.push(...downwardAPIFileErrors(file, at, [...at, 'items', i])));
      break;
    case 'fc': {
      const wwns = asArray(field(src, 'targetWWNs'));
      const wwids = asArray(field(src, 'wwids'));
      if (wwns.length === 0 && wwids.length === 0) errs.push({ path: [...at, 'targetWWNs'], message: fieldRequired('must specify either targetWWNs or wwids, but not both') });
      if (wwns.length > 0 && wwids.length > 0) errs.push({ path: [...at, 'targetWWNs'], message: `Invalid value: []string{${wwns.map((w) => JSON.stringify(w)).join(', ')}}: targetWWNs and wwids can not be specified simultaneously` });
      if (wwns.length > 0) {
        const lun = int(src, 'lun');
        if (lun === undefined) errs.push({ path: [...at, 'lun'], message: fieldRequired('lun is required if targetWWNs is specified') });
        else if (lun < 0 || lun > 255) errs.push({ path: [...at, 'lun'], message: fieldInvalid(lun, LUN_ERROR) });
      }
      break;
    }
    case 'flexVolume': {
      required(errs, src, 'driver', at);
      for (const k of Object.keys(asObject(field(src, 'options')) ?? {})) {
        const ns = k.includes('/') ? k.slice(0, k.indexOf('/')) : k;
        const normalized = `.${ns.toLowerCase()}`;
        if (normalized.endsWith('.kubernetes.io') || normalized.endsWith('.k8s.io')) {
          errs.push({ path: [...at, 'options', mapKey(k)], message: fieldInvalid(k, 'kubernetes.io and k8s.io namespaces are reserved') });
        }
      }
      break;
    }
    case 'azureFile':
      required(errs, src, 'secretName', at);
      required(errs, src, 'shareName', at);
      break;
    case 'vsphereVolume':
      required(errs, src, 'volumePath', at);
      break;
    case 'photonPersistentDisk':
      required(errs, src, 'pdID', at);
      break;
    case 'portworxVolume':
      required(errs, src, 'volumeID', at);
      break;
    case 'azureDisk': {
      required(errs, src, 'diskName', at);
      const uri = str(src, 'diskURI');
      if (uri === '') errs.push({ path: [...at, 'diskURI'], message: fieldRequired() });
      const caching = asString(field(src, 'cachingMode'));
      if (caching !== undefined && !AZURE_CACHING_MODES.includes(caching)) errs.push({ path: [...at, 'cachingMode'], message: fieldNotSupported(caching, AZURE_CACHING_MODES) });
      // Kind defaults to Shared (SetDefaults_AzureDiskVolumeSource).
      const kind = asString(field(src, 'kind')) ?? 'Shared';
      if (!AZURE_DISK_KINDS.includes(kind)) errs.push({ path: [...at, 'kind'], message: fieldNotSupported(kind, AZURE_DISK_KINDS) });
      if (kind === 'Managed' && !uri.startsWith('/subscriptions/')) {
        errs.push({ path: [...at, 'diskURI'], message: fieldNotSupported(uri, ['/subscriptions/{sub-id}/resourcegroups/{group-name}/providers/microsoft.compute/disks/{disk-id}']) });
      }
      if (kind !== 'Managed' && !uri.startsWith('https://')) {
        errs.push({ path: [...at, 'diskURI'], message: fieldNotSupported(uri, ['https://{account-name}.blob.core.windows.net/{container-name}/{disk-name}.vhd']) });
      }
      break;
    }
    case 'storageos': {
      const name = str(src, 'volumeName');
      if (name === '') errs.push({ path: [...at, 'volumeName'], message: fieldRequired() });
      else for (const m of isDNS1123Label(name)) errs.push({ path: [...at, 'volumeName'], message: fieldInvalid(name, m) });
      const ns = str(src, 'volumeNamespace');
      if (ns !== '') for (const m of isDNS1123Label(ns)) errs.push({ path: [...at, 'volumeNamespace'], message: fieldInvalid(ns, m) });
      refName(errs, src, 'secretRef', at);
      break;
    }
    case 'projected':
      errs.push(...projectedErrors(src, at));
      break;
    case 'scaleIO':
      required(errs, src, 'gateway', at);
      required(errs, src, 'system', at);
      required(errs, src, 'volumeName', at);
      break;
    case 'csi': {
      const driver = str(src, 'driver');
      if (driver === '') errs.push({ path: [...at, 'driver'], message: fieldRequired() });
      if (driver.length > 63) errs.push({ path: [...at, 'driver'], message: fieldTooLong(63) });
      for (const m of isDNS1123Subdomain(driver.toLowerCase())) errs.push({ path: [...at, 'driver'], message: fieldInvalid(driver, m) });
      refName(errs, src, 'nodePublishSecretRef', at);
      break;
    }
    case 'ephemeral': {
      const tpl = field(src, 'volumeClaimTemplate');
      if (!isObject(tpl)) {
        errs.push({ path: [...at, 'volumeClaimTemplate'], message: fieldRequired() });
        break;
      }
      errs.push(...claimTemplateMetaErrors(field(tpl, 'metadata'), [...at, 'volumeClaimTemplate', 'metadata']));
      errs.push(...claimSpecErrors(field(tpl, 'spec'), [...at, 'volumeClaimTemplate', 'spec']));
      if (podName && volName) {
        const pvc = `${podName}-${volName}`;
        for (const m of isDNS1123Subdomain(pvc)) errs.push({ path: [...at, 'name'], message: fieldInvalid(volName, `PVC name "${pvc}": ${m}`) });
      }
      break;
    }
    default:
      break;
  }
  return errs;
}

/** The iqn/eui/naa checks of an iSCSI name (iscsiInitiatorIqnRegex, iscsiInitiatorEuiRegex, iscsiInitiatorNaaRegex). */
function iscsiNameErrors(value: string, at: Path): Errs {
  const prefixed = value.startsWith('iqn') || value.startsWith('eui') || value.startsWith('naa');
  if (!prefixed) return [{ path: at, message: fieldInvalid(value, 'must be valid format starting with iqn, eui, or naa') }];
  const ok = value.startsWith('iqn') ? IQN_JS.test(value) : value.startsWith('eui') ? EUI.test(value) : NAA.test(value);
  return ok ? [] : [{ path: at, message: fieldInvalid(value, 'must be valid format') }];
}

/** net.SplitHostPort succeeds: `host:port`, `[v6]:port`, with exactly one unbracketed colon. */
function isHostPort(pair: string): boolean {
  if (pair.startsWith('[')) return /^\[[^\]]*\]:[^:]*$/.test(pair);
  return (pair.match(/:/g) ?? []).length === 1;
}
