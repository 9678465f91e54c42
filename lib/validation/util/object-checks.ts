/**
 * Shared checks for the API-server rules on object metadata and workload,
 * service, policy and networking specs (Layer 2b). Facts ported from v1.28:
 *
 * - ValidateObjectMeta / ValidateAnnotations in
 *   staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go;
 * - ValidateLabels / ValidateLabelSelector / ValidateLabelSelectorRequirement in
 *   staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go;
 * - ValidateNonnegativeField in pkg/apis/core/validation/validation.go;
 * - ValidatePositiveIntOrPercent / IsNotMoreThan100Percent / getIntOrPercentValue in
 *   pkg/apis/apps/validation/validation.go.
 */
import { Path, Violation } from '../types';
import {
  fieldForbidden, fieldInvalid, fieldRequired, fieldTooLong, formatBadValue, isQualifiedName, isValidLabelValue,
  isValidPercent,
} from './k8s-names';
import { asArray, asObject, field, isObject } from './values';

export type Report = (v: Violation) => void;

/** Own-property walk down a path of object keys; undefined when any step is missing or not a mapping. */
export function dig(root: unknown, path: readonly string[]): unknown {
  let cur: unknown = root;
  for (const key of path) {
    if (!isObject(cur)) return undefined;
    cur = field(cur, key);
  }
  return cur;
}

/** True for a whole number (YAML ints arrive as JS numbers). */
export function isInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

/** Own string entries of a mapping (non-string values are the schema layer's business). */
export function stringEntries(map: unknown): [string, string][] {
  const obj = asObject(map);
  if (!obj) return [];
  const out: [string, string][] = [];
  for (const k of Object.keys(obj)) {
    const v = obj[k];
    if (typeof v === 'string') out.push([k, v]);
  }
  return out;
}

/**
 * ValidateNonnegativeField: `Invalid value: -1: must be greater than or equal to 0`.
 * Absent or non-integer values are left alone (defaults or the schema layer).
 */
export function checkNonNegative(value: unknown, path: Path, report: Report): void {
  if (isInt(value) && value < 0) report({ path, message: fieldInvalid(value, 'must be greater than or equal to 0') });
}

/** ValidateLabels: every key a qualified name, every value a label value; errors sit on the map's own path. */
export function checkLabels(labels: unknown, path: Path, report: Report): boolean {
  const obj = asObject(labels);
  if (!obj) return true;
  let ok = true;
  for (const k of Object.keys(obj)) {
    const v = obj[k];
    if (typeof v !== 'string') continue; // the schema layer's business
    for (const msg of isQualifiedName(k)) { report({ path, message: fieldInvalid(k, msg) }); ok = false; }
    for (const msg of isValidLabelValue(v)) { report({ path, message: fieldInvalid(v, msg) }); ok = false; }
  }
  return ok;
}

/** The server's annotation size limit: 256 KiB over all keys and values (TotalAnnotationSizeLimitB). */
export const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

/** ValidateAnnotations: keys are qualified names (compared in lower case); total size at most 256 KiB. */
export function checkAnnotations(annotations: unknown, path: Path, report: Report): void {
  const obj = asObject(annotations);
  if (!obj) return;
  let total = 0;
  for (const k of Object.keys(obj)) {
    const v = obj[k];
    if (typeof v !== 'string') continue; // the schema layer's business
    for (const msg of isQualifiedName(k.toLowerCase())) report({ path, message: fieldInvalid(k, msg) });
    total += Buffer.byteLength(k, 'utf8') + Buffer.byteLength(v, 'utf8');
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT) report({ path, message: fieldTooLong(TOTAL_ANNOTATION_SIZE_LIMIT) });
}

// ---------------------------------------------------------------------------
// Label selectors

const SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/**
 * ValidateLabelSelector with AllowInvalidLabelValueInSelector false (what every
 * create uses): matchLabels as labels; each matchExpressions entry's operator,
 * values and key. Returns true when the selector can be turned into a selector
 * (LabelSelectorAsSelector would succeed), so callers may match it against labels.
 */
export function checkLabelSelector(selector: unknown, path: Path, report: Report): boolean {
  const sel = asObject(selector);
  if (!sel) return true;
  let ok = checkLabels(field(sel, 'matchLabels'), [...path, 'matchLabels'], report);
  asArray(field(sel, 'matchExpressions')).forEach((raw, i) => {
    const expr = asObject(raw);
    if (!expr) return;
    const p = [...path, 'matchExpressions', i];
    const op = field(expr, 'operator');
    const values = asArray(field(expr, 'values'));
    if (op === 'In' || op === 'NotIn') {
      if (values.length === 0) {
        report({ path: [...p, 'values'], message: fieldRequired("must be specified when `operator` is 'In' or 'NotIn'") });
        ok = false;
      }
    } else if (op === 'Exists' || op === 'DoesNotExist') {
      if (values.length > 0) {
        report({ path: [...p, 'values'], message: fieldForbidden("may not be specified when `operator` is 'Exists' or 'DoesNotExist'") });
        ok = false;
      }
    } else {
      report({ path: [...p, 'operator'], message: fieldInvalid(op ?? '', 'not a valid selector operator') });
      ok = false;
    }
    const key = field(expr, 'key');
    if (typeof key === 'string') {
      const msgs = isQualifiedName(key);
      for (const msg of msgs) report({ path: [...p, 'key'], message: fieldInvalid(key, msg) });
      if (msgs.length > 0) ok = false;
    }
    values.forEach((v, j) => {
      if (typeof v !== 'string') return;
      const msgs = isValidLabelValue(v);
      for (const msg of msgs) report({ path: [...p, 'values', j], message: fieldInvalid(v, msg) });
      if (msgs.length > 0) ok = false;
    });
  });
  return ok;
}

/** True when a selector has neither matchLabels nor matchExpressions entries. */
export function selectorIsEmpty(selector: unknown): boolean {
  const sel = asObject(selector);
  const labels = asObject(field(sel, 'matchLabels'));
  return (labels ? Object.keys(labels).length : 0) + asArray(field(sel, 'matchExpressions')).length === 0;
}

/** labels.Selector.Matches for a metav1.LabelSelector (valid selectors only). */
export function selectorMatches(selector: unknown, labels: unknown): boolean {
  const sel = asObject(selector);
  if (!sel) return true;
  const set = new Map(stringEntries(labels));
  for (const [k, v] of stringEntries(field(sel, 'matchLabels'))) {
    if (set.get(k) !== v) return false;
  }
  for (const raw of asArray(field(sel, 'matchExpressions'))) {
    const expr = asObject(raw);
    if (!expr) continue;
    const key = field(expr, 'key');
    if (typeof key !== 'string') continue;
    const values = asArray(field(expr, 'values')).filter((v): v is string => typeof v === 'string');
    const has = set.has(key);
    const value = set.get(key);
    switch (field(expr, 'operator')) {
      case 'In': if (!has || !values.includes(value!)) return false; break;
      case 'NotIn': if (has && values.includes(value!)) return false; break;
      case 'Exists': if (!has) return false; break;
      case 'DoesNotExist': if (has) return false; break;
      default: break;
    }
  }
  return true;
}

/** Selector operators the server accepts, for fixes and docs. */
export const LABEL_SELECTOR_OPERATORS: readonly string[] = SELECTOR_OPERATORS;

// ---------------------------------------------------------------------------
// Int-or-percent values (maxSurge, maxUnavailable, minAvailable)

/** ValidatePositiveIntOrPercent: a non-negative integer, or a string like `25%`. Returns true when valid. */
export function checkIntOrPercent(value: unknown, path: Path, report: Report): boolean {
  if (typeof value === 'string') {
    const msgs = isValidPercent(value);
    for (const msg of msgs) report({ path, message: fieldInvalid(value, msg) });
    return msgs.length === 0;
  }
  if (isInt(value)) {
    if (value < 0) {
      report({ path, message: fieldInvalid(value, 'must be greater than or equal to 0') });
      return false;
    }
    return true;
  }
  return true;
}

/**
 * getIntOrPercentValue: the percentage of a valid percent string, the integer of
 * an int; anything else counts as 0 (Go's IntValue of a non-numeric string is 0).
 */
export function intOrPercentValue(value: unknown): number {
  if (typeof value === 'string') {
    if (isValidPercent(value).length === 0) return Number(value.slice(0, -1));
    const n = Number.parseInt(value, 10);
    return /^[+-]?\d+$/.test(value) && Number.isFinite(n) ? n : 0;
  }
  return isInt(value) ? value : 0;
}

/** IsNotMoreThan100Percent: `must not be greater than 100%` for percent strings above 100. */
export function checkNotMoreThan100Percent(value: unknown, path: Path, report: Report): void {
  if (typeof value === 'string' && isValidPercent(value).length === 0 && Number(value.slice(0, -1)) > 100) {
    report({ path, message: fieldInvalid(value, 'must not be greater than 100%') });
  }
}

/** Short rendering of a mapping for an `Invalid value` message (the server prints Go structs; JSON is close enough). */
export function shortValue(value: unknown): string {
  const s = formatBadValue(value);
  return s.length > 200 ? `${s.slice(0, 197)}...` : s;
}
