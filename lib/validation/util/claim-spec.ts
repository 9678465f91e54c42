/**
 * The checks of ValidatePersistentVolumeClaimSpec (pkg/apis/core/validation/validation.go,
 * v1.28) that podwright ports, shared by the PersistentVolumeClaim rule and the
 * StatefulSet claim-template rule. Labelled by a v1.28.15 API server.
 */
import { Path, Violation } from '../types';
import { fieldForbidden, fieldInvalid, fieldNotSupported, fieldRequired, isDNS1123Subdomain } from './k8s-names';
import { dig } from './object-checks';
import { parseQuantity, quantityText } from './pod-validation';
import { asArray, asObject, field } from './values';

export const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];

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

/**
 * A claim spec: access modes, a positive storage request (the server prints the path as
 * `spec.resources[storage]`), the class name.
 */
export function checkClaimSpec(spec: unknown, base: Path, report: (v: Violation) => void): void {
  const s = asObject(spec) ?? {};
  checkAccessModes(asArray(field(s, 'accessModes')), [...base, 'accessModes'], report, true, 'at least 1 access mode is required');
  const storage = dig(s, ['resources', 'requests', 'storage']);
  if (storage === undefined || storage === null || storage === '') report({ path: [...base, 'resources', 'storage'], message: fieldRequired() });
  else checkPositiveStorage(storage, [...base, 'resources', 'storage'], report);
  checkStorageClassName(field(s, 'storageClassName'), [...base, 'storageClassName'], report);
}
