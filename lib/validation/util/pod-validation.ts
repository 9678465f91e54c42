/**
 * Small pieces of pkg/apis/core/validation/validation.go (v1.28) shared by the
 * pod-spec rules of the api-server layer: path checks, handler counting,
 * quantities and volume bookkeeping. Facts are ported, not code.
 */
import { KubeObject, Path } from '../types';
import { fieldInvalid, fieldRequired } from './k8s-names';
import { asArray, asString, field, isObject, ownString } from './values';

/** One problem found by a helper: a path relative to the pod spec and the server's message body. */
export interface SpecError {
  readonly path: Path;
  readonly message: string;
  /** Where the field is, when `path` is the server's other name for it (see Violation.field). */
  readonly field?: Path;
}

/** validatePathNoBacksteps: no `..` segment. */
export function pathNoBacksteps(value: string, path: Path): SpecError[] {
  return value.split('/').includes('..') ? [{ path, message: fieldInvalid(value, "must not contain '..'") }] : [];
}

/** validateLocalDescendingPath: relative, without `..` segments. */
export function localDescendingPath(value: string, path: Path): SpecError[] {
  const errs: SpecError[] = [];
  if (value.startsWith('/')) errs.push({ path, message: fieldInvalid(value, 'must be a relative path') });
  errs.push(...pathNoBacksteps(value, path));
  return errs;
}

/** ValidateLocalNonReservedPath: a local descending path whose last element does not start with `..`. */
export function localNonReservedPath(value: string, path: Path): SpecError[] {
  const errs = localDescendingPath(value, path);
  const parts = value.split('/').filter((p) => p !== '');
  const base = parts.length > 0 ? parts[parts.length - 1]! : value === '' ? '.' : '/';
  if (errs.length === 0 && base.startsWith('..')) errs.push({ path, message: fieldInvalid(value, "must not start with '..'") });
  return errs;
}

/**
 * Prefix for a check the server makes only on Pods (validateContainersOnlyForPod,
 * admission plugins): a template passes, and then every Pod its controller creates is refused.
 */
export const REFUSED_PODS = 'the API server accepts the template, but refuses every Pod its controller creates: ';

/** True when a handler key is present with a mapping value (a set pointer in Go). */
export function isSet(obj: KubeObject, key: string): boolean {
  const v = field(obj, key);
  return v !== undefined && v !== null;
}

/**
 * validateHandler: exactly one of `kinds` set. A second (third, ...) handler is
 * reported at its own key, none at the handler itself.
 */
export function handlerErrors(handler: KubeObject, path: Path, kinds: readonly string[]): { errors: SpecError[]; set: string[] } {
  const errors: SpecError[] = [];
  const set: string[] = [];
  for (const k of kinds) {
    if (!isSet(handler, k)) continue;
    if (set.length > 0) errors.push({ path: [...path, k], message: 'Forbidden: may not specify more than 1 handler type' });
    set.push(k);
  }
  if (set.length === 0) errors.push({ path, message: fieldRequired('must specify a handler type') });
  return { errors, set };
}

/** The volume source keys of core/v1 Volume as of v1.28, in validateVolumeSource's order. */
export const VOLUME_SOURCES: readonly string[] = [
  'emptyDir', 'hostPath', 'gitRepo', 'gcePersistentDisk', 'awsElasticBlockStore', 'secret', 'nfs', 'iscsi',
  'glusterfs', 'flocker', 'persistentVolumeClaim', 'rbd', 'cinder', 'cephfs', 'quobyte', 'downwardAPI', 'fc',
  'flexVolume', 'configMap', 'azureFile', 'vsphereVolume', 'photonPersistentDisk', 'portworxVolume', 'azureDisk',
  'storageos', 'projected', 'scaleIO', 'csi', 'ephemeral',
];

/**
 * Volume sources newer than v1.28. The schema layer reports them as unknown
 * fields; counting them here keeps this layer from adding "must specify a volume type".
 */
export const NEWER_VOLUME_SOURCES: readonly string[] = ['image'];

/**
 * The names and paths a container's volumeMounts (`mountPath`) or volumeDevices
 * (`devicePath`) use: a volume may not be both mounted and a device, and a path may not
 * be both (ValidateVolumeMounts and ValidateVolumeDevices check each list against the other).
 */
export function namesAndPaths(container: KubeObject, list: 'volumeMounts' | 'volumeDevices'): { names: Set<string>; paths: Set<string> } {
  const entries = asArray(field(container, list)).filter(isObject);
  const pathKey = list === 'volumeMounts' ? 'mountPath' : 'devicePath';
  return {
    names: new Set(entries.map((e) => asString(field(e, 'name')) ?? '')),
    paths: new Set(entries.map((e) => asString(field(e, pathKey)) ?? '')),
  };
}

/**
 * The names of the pod's volumes, mapped to their source keys (for mounts and
 * devices). For a StatefulSet, each volumeClaimTemplate is a persistentVolumeClaim
 * volume of the pod too (the StatefulSet controller adds them; the server accepts
 * mounts of them).
 */
export function volumeSourcesByName(spec: KubeObject, owner?: KubeObject): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (owner && field(owner, 'kind') === 'StatefulSet') {
    for (const t of asArray(field(field(owner, 'spec'), 'volumeClaimTemplates'))) {
      const name = asString(field(field(t, 'metadata'), 'name'));
      if (name) out.set(name, ['persistentVolumeClaim']);
    }
  }
  for (const v of asArray(field(spec, 'volumes'))) {
    if (!isObject(v)) continue;
    const name = asString(field(v, 'name'));
    if (name === undefined || name === '' || out.has(name)) continue;
    out.set(name, [...VOLUME_SOURCES, ...NEWER_VOLUME_SOURCES].filter((k) => isSet(v, k)));
  }
  return out;
}

/** An integer field's value, or undefined when absent or not a number. */
export function intField(obj: unknown, key: string): number | undefined {
  const v = field(obj, key);
  return typeof v === 'number' ? v : undefined;
}

// ---------------------------------------------------------------------------
// Quantities (k8s.io/apimachinery/pkg/api/resource)

const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/;
const SUFFIX: Readonly<Record<string, number>> = {
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
  n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
};

/**
 * The numeric value of a quantity (`100m`, `1Gi`, `1e3`, `2`), or undefined when
 * it does not parse (the schema layer reports that). A float is precise enough to
 * compare requests with limits.
 */
export function parseQuantity(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  // The same few quantities ('100m', '128Mi') recur in every container of a large file.
  if (quantities.has(value)) return quantities.get(value);
  const q = parseQuantityText(value);
  if (quantities.size >= 4096) quantities.clear();
  quantities.set(ownString(value), q); // a copy: a cut of a document's text would keep the text alive
  return q;
}

const quantities = new Map<string, number | undefined>();

function parseQuantityText(value: string): number | undefined {
  const m = QUANTITY.exec(value.trim());
  if (!m) return undefined;
  const base = Number(m[1]);
  if (m[2] !== undefined) return base * SUFFIX[m[2]]!;
  if (m[3] !== undefined) return base * 10 ** Number(m[3]);
  return base;
}

/** A quantity as written (the server prints its canonical form, which can differ: `1000m` is `1`). */
export function quantityText(value: unknown): string {
  return typeof value === 'number' ? String(value) : String(value);
}
