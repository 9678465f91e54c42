import { podRule } from '../util/define-rule';
import {
  fieldDuplicate, fieldForbidden, fieldInvalid, fieldRequired, isDNS1123Label,
} from '../util/k8s-names';
import { isSet, localNonReservedPath, pathNoBacksteps, SpecError, VOLUME_SOURCES } from '../util/pod-validation';
import { mapKey } from '../util/path';
import { Path } from '../types';
import { asArray, asObject, asString, field, isObject } from '../util/values';

/** validateKeyToPath: items of configMap, secret and projected sources. */
function keyToPathItems(items: unknown, at: Path): SpecError[] {
  const errs: SpecError[] = [];
  asArray(items).forEach((kp, i) => {
    if (!isObject(kp)) return;
    const p = [...at, i];
    const key = asString(field(kp, 'key')) ?? '';
    const path = asString(field(kp, 'path')) ?? '';
    if (key === '') errs.push({ path: [...p, 'key'], message: fieldRequired() });
    if (path === '') errs.push({ path: [...p, 'path'], message: fieldRequired() });
    errs.push(...localNonReservedPath(path, [...p, 'path']));
    const mode = field(kp, 'mode');
    if (typeof mode === 'number' && (mode > 0o777 || mode < 0)) {
      errs.push({ path: [...p, 'mode'], message: fieldInvalid(mode, 'must be a number between 0 and 0777 (octal), both inclusive') });
    }
  });
  return errs;
}

/** The checks this rule makes inside one volume source (a subset of validateVolumeSource). */
function sourceErrors(kind: string, src: unknown, at: Path): SpecError[] {
  if (!isObject(src)) return [];
  const errs: SpecError[] = [];
  switch (kind) {
    case 'hostPath': {
      const p = asString(field(src, 'path')) ?? '';
      if (p === '') errs.push({ path: [...at, 'path'], message: fieldRequired() });
      errs.push(...pathNoBacksteps(p, [...at, 'path']));
      break;
    }
    case 'secret':
      if ((asString(field(src, 'secretName')) ?? '') === '') errs.push({ path: [...at, 'secretName'], message: fieldRequired() });
      errs.push(...keyToPathItems(field(src, 'items'), [...at, 'items']));
      break;
    case 'configMap':
      if ((asString(field(src, 'name')) ?? '') === '') errs.push({ path: [...at, 'name'], message: fieldRequired() });
      errs.push(...keyToPathItems(field(src, 'items'), [...at, 'items']));
      break;
    case 'flexVolume': {
      // validateFlexVolumeSource: a driver, and no option keys in the kubernetes.io or k8s.io namespaces.
      if ((asString(field(src, 'driver')) ?? '') === '') errs.push({ path: [...at, 'driver'], message: fieldRequired() });
      for (const key of Object.keys(asObject(field(src, 'options')) ?? {})) {
        const ns = `.${(key.includes('/') ? key.slice(0, key.indexOf('/')) : key).toLowerCase()}`;
        if (ns.endsWith('.kubernetes.io') || ns.endsWith('.k8s.io')) {
          errs.push({ path: [...at, 'options', mapKey(key)], message: fieldInvalid(key, 'kubernetes.io and k8s.io namespaces are reserved') });
        }
      }
      break;
    }
    case 'persistentVolumeClaim':
      if ((asString(field(src, 'claimName')) ?? '') === '') errs.push({ path: [...at, 'claimName'], message: fieldRequired() });
      break;
    default:
      break;
  }
  return errs;
}

/**
 * Volumes: a DNS-1123 label name, unique in the pod, and at most one volume
 * source (none means emptyDir); hostPath needs a path without '..'; secret and configMap need their
 * name; items need a key and a relative path without '..'. Follows ValidateVolumes,
 * validateVolumeSource, validateHostPathVolumeSource, validateSecretVolumeSource,
 * validateConfigMapVolumeSource and validateKeyToPath (v1.28).
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
  asArray(field(ctx.pod.spec, 'volumes')).forEach((vol, i) => {
    if (!isObject(vol)) return;
    const at: Path = ['volumes', i];
    const errs: SpecError[] = [];
    let count = 0;
    for (const kind of VOLUME_SOURCES) {
      if (!isSet(vol, kind)) continue;
      if (count > 0) {
        errs.push({ path: [...at, kind], message: fieldForbidden('may not specify more than 1 volume type') });
      } else {
        count++;
        errs.push(...sourceErrors(kind, field(vol, kind), [...at, kind]));
      }
    }
    // No source at all is no error: the v1 API defaults such a volume to emptyDir
    // (SetDefaults_Volume in pkg/apis/core/v1/defaults.go), so validation never sees it empty.
    const name = asString(field(vol, 'name')) ?? '';
    if (name === '') errs.push({ path: [...at, 'name'], message: fieldRequired() });
    else for (const m of isDNS1123Label(name)) errs.push({ path: [...at, 'name'], message: fieldInvalid(name, m) });
    if (names.has(name)) errs.push({ path: [...at, 'name'], message: fieldDuplicate(name) });
    // ValidateVolumes only records a volume's name when the volume had no error.
    if (errs.length === 0) names.add(name);
    for (const e of errs) ctx.report(e);
  });
});
