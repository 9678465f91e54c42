/**
 * The checks of ValidatePersistentVolumeClaimSpec (pkg/apis/core/validation/validation.go,
 * v1.28) that podwright ports, shared by the PersistentVolumeClaim rule and the
 * StatefulSet claim-template rule. Labelled by a v1.28.15 API server.
 */
import { Path, Violation } from '../types';
import { fieldForbidden, fieldInvalid, fieldNotSupported, fieldRequired, isDNS1123Label, isDNS1123Subdomain } from './k8s-names';
import { checkLabelSelector, dig } from './object-checks';
import { mapKey } from './path';
import { parseQuantity, quantityText } from './pod-validation';
import { asArray, asObject, asString, field, isObject } from './values';

export const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const VOLUME_MODES = ['Block', 'Filesystem'];

/** Access modes: at least one (when `required`), known values, ReadWriteOncePod alone. */
export function checkAccessModes(modes: readonly unknown[], path: Path, report: (v: Violation) => void, required: boolean, requiredDetail?: string): void {
  if (modes.length === 0) {
    if (required) report({ path, message: fieldRequired(requiredDetail) });
    return;
  }
  for (const mode of modes) {
    if (typeof mode === 'string' && !ACCESS_MODES.includes(mode)) report({ path, message: fieldNotSupported(mode, ACCESS_MODES) });
  }
  if (modes.includes('ReadWriteOncePod') && modes.length > 1) report({ path, message: fieldForbidden('may not use ReadWriteOncePod with other access modes') });
}

/** A storage quantity that must be above zero (`must be greater than zero`); `at` is where the server says it is. */
export function checkPositiveStorage(value: unknown, at: Path, report: (v: Violation) => void): void {
  const q = parseQuantity(value);
  if (q !== undefined && q <= 0) report({ path: at, message: fieldInvalid(quantityText(value), 'must be greater than zero') });
}

/** A storageClassName, when set, is a DNS-1123 subdomain. */
export function checkStorageClassName(value: unknown, path: Path, report: (v: Violation) => void): void {
  if (typeof value !== 'string' || value === '') return;
  for (const msg of isDNS1123Subdomain(value)) report({ path, message: fieldInvalid(value, msg) });
}

/** A claim's dataSource or dataSourceRef (ValidatePersistentVolumeClaimSpec's data source checks). */
function checkDataSource(ds: unknown, at: Path, report: (v: Violation) => void, checkNamespace: boolean): void {
  if (!isObject(ds)) return;
  const str = (key: string) => asString(field(ds, key)) ?? '';
  if (str('name') === '') report({ path: [...at, 'name'], message: fieldRequired() });
  const kind = str('kind');
  if (kind === '') report({ path: [...at, 'kind'], message: fieldRequired() });
  if (str('apiGroup') === '' && kind !== 'PersistentVolumeClaim') {
    report({ path: at, message: fieldInvalid(kind, "must be 'PersistentVolumeClaim' when referencing the default apiGroup") });
  }
  const ns = checkNamespace ? asString(field(ds, 'namespace')) : undefined;
  if (ns !== undefined && ns !== '') for (const m of isDNS1123Label(ns)) report({ path: [...at, 'namespace'], message: fieldInvalid(ns, m) });
}

/**
 * ValidatePersistentVolumeClaimSpec: what a claim (a PersistentVolumeClaim, a StatefulSet's
 * claim template, an ephemeral volume's) must hold: access modes, a selector, a storage
 * request above zero (the server prints the path as `spec.resources[storage]`), the class
 * name, the volume mode and the data sources. `created` is true for a claim a controller
 * creates as its own object (a StatefulSet's): the claim strategy then drops
 * dataSourceRef.namespace first (CrossNamespaceVolumeDataSource is alpha and off in 1.28),
 * which a claim sent as such, or an ephemeral volume inside a pod spec, keeps and validates.
 */
export function checkClaimSpec(spec: unknown, base: Path, report: (v: Violation) => void, created = false): void {
  const s = asObject(spec) ?? {};
  checkAccessModes(asArray(field(s, 'accessModes')), [...base, 'accessModes'], report, true, 'at least 1 access mode is required');
  const selector = field(s, 'selector');
  if (selector !== undefined && selector !== null) checkLabelSelector(selector, [...base, 'selector'], (v) => report({ path: v.path, message: v.message }));
  const storagePath: Path = [...base, 'resources', mapKey('storage')];
  const storage = dig(s, ['resources', 'requests', 'storage']);
  if (storage === undefined || storage === null || storage === '') report({ path: storagePath, message: fieldRequired() });
  else checkPositiveStorage(storage, storagePath, report);
  checkStorageClassName(field(s, 'storageClassName'), [...base, 'storageClassName'], report);
  const mode = asString(field(s, 'volumeMode'));
  if (mode !== undefined && !VOLUME_MODES.includes(mode)) report({ path: [...base, 'volumeMode'], message: fieldNotSupported(mode, VOLUME_MODES) });
  checkDataSource(field(s, 'dataSource'), [...base, 'dataSource'], report, true);
  checkDataSource(field(s, 'dataSourceRef'), [...base, 'dataSourceRef'], report, !created);
}
