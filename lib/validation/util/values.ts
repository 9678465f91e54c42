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

/**
 * The copy of `s` that V8 keeps for property names (its internalized string): a flat
 * string of its own, like ownString's, and the one copy of that text that the process
 * shares. Tables of strings that live for a whole run (Interner, the result store) keep
 * these: two such copies are the same object, so a Map whose keys are shared copies finds
 * a shared copy at once, where equal strings built apart (a slice of a slice) are compared
 * a character at a time. Costs an object and a lookup: for strings kept, not for each read.
 */
export function sharedString(s: string): string {
  const holder: Record<string, number> = Object.create(null) as Record<string, number>;
  holder[s] = 0;
  for (const key in holder) return key;
  return ownString(s);
}
