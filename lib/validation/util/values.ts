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
