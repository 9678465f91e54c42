import { KubeObject } from '../types';

/** True for a plain mapping (not null, not an array). */
export function isObject(value: unknown): value is KubeObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value as a mapping, or undefined. */
export function asObject(value: unknown): KubeObject | undefined {
  return isObject(value) ? value : undefined;
}

/** The value as an array, or an empty array. */
export function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The value as a string, or undefined. */
export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Own-property read that never walks the prototype chain (`__proto__`, `constructor` are plain keys here). */
export function field(obj: unknown, key: string): unknown {
  if (!isObject(obj)) return undefined;
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

/**
 * A copy of `s` that keeps no larger string alive. V8 cuts a string of 13 characters or
 * more out of a larger one as a slice that holds the whole parent (a document's text);
 * the concatenation here is flattened into a new string, of which the result is a slice.
 */
export function ownString(s: string): string {
  return s.length < 13 ? s : ` ${s}`.slice(1);
}

