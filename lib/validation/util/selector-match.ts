/**
 * Label selectors as small detached data, for output rules that must not keep whole objects:
 * matching semantics of metav1.LabelSelector (LabelSelectorAsSelector in
 * staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/helpers.go) and of a Service's map selector.
 * (Validation of selectors lives in label-selector.ts.)
 */
import { Interner } from './interner';
import { asArray, asObject, field, isObject } from './values';

export type Labels = Readonly<Record<string, string>>;

export interface Requirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  readonly values: readonly string[];
}

export interface Selector {
  readonly matchLabels: Labels;
  readonly requirements: readonly Requirement[];
}

const NO_LABELS: Labels = Object.freeze({});

/**
 * String-valued labels of a mapping (own keys only), copied: output rules keep labels of
 * every object of a large file, and a fresh object built key by key shares its hidden
 * class with the others (the rendered objects' own label maps often do not).
 */
export function labelsOf(value: unknown): Labels {
  const obj = asObject(value);
  if (!obj) return NO_LABELS;
  const out: Record<string, string> = {};
  for (const k of Object.keys(obj)) {
    const v = obj[k];
    // Cross-object rules keep these for the whole run: shared copies, not slices of the document's text.
    if (typeof v === 'string') out[labelStrings.intern(k)] = labelStrings.intern(v);
  }
  return out;
}

/** Label keys and values repeat across a run's objects: one copy of each. */
const labelStrings = new Interner(16_384);

/** A metav1.LabelSelector; undefined when the value is not a mapping. */
export function parseLabelSelector(value: unknown): Selector | undefined {
  if (!isObject(value)) return undefined;
  const requirements: Requirement[] = [];
  for (const e of asArray(field(value, 'matchExpressions'))) {
    const key = field(e, 'key');
    const operator = field(e, 'operator');
    if (typeof key !== 'string' || (operator !== 'In' && operator !== 'NotIn' && operator !== 'Exists' && operator !== 'DoesNotExist')) continue;
    requirements.push({ key, operator, values: asArray(field(e, 'values')).filter((v): v is string => typeof v === 'string') });
  }
  return { matchLabels: labelsOf(field(value, 'matchLabels')), requirements: requirements.length === 0 ? NO_REQUIREMENTS : requirements };
}

const NO_REQUIREMENTS: readonly Requirement[] = Object.freeze([]);

const has = (labels: Labels, key: string) => Object.prototype.hasOwnProperty.call(labels, key);

/** True when the selector selects a pod with these labels. An empty selector selects everything. */
export function selects(selector: Selector, labels: Labels): boolean {
  if (!mapSelects(selector.matchLabels, labels)) return false;
  for (const r of selector.requirements) {
    const v = has(labels, r.key) ? labels[r.key] : undefined;
    if (r.operator === 'In' && !(v !== undefined && r.values.includes(v))) return false;
    if (r.operator === 'NotIn' && v !== undefined && r.values.includes(v)) return false;
    if (r.operator === 'Exists' && v === undefined) return false;
    if (r.operator === 'DoesNotExist' && v !== undefined) return false;
  }
  return true;
}

/**
 * True when every label of a Service's map selector is on the pod. Output rules call this
 * for many pairs of objects: it allocates nothing (`for...in` over the selector's own keys;
 * selectors are built by labelsOf, plain objects whose prototype has no enumerable keys).
 */
export function mapSelects(selector: Labels, labels: Labels): boolean {
  for (const k in selector) {
    if (!has(selector, k)) continue;
    if (!has(labels, k) || labels[k] !== selector[k]) return false;
  }
  return true;
}

/** `a=b,c=d`, for messages. */
export function formatLabels(labels: Labels): string {
  return Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',');
}

/** Namespaces compare equal when they match or either is unset (applied to the current namespace). */
export function sameNamespace(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}

/**
 * Items filed under label pairs, so that matching N selectors against M label sets
 * looks at a few candidates each instead of all M (output rules see 20,000-document
 * files). An item with no pairs is "unkeyed" and is a candidate for every lookup.
 */
export class LabelPairIndex<T> {
  private readonly byPair = new Map<string, T[]>();
  private readonly unkeyed: T[] = [];

  /** Files `item` under each pair of `labels`; with no pairs, as unkeyed. */
  add(item: T, labels: Labels): void {
    const keys = Object.keys(labels);
    if (keys.length === 0) {
      this.unkeyed.push(item);
      return;
    }
    for (const k of keys) {
      const pair = `${k}\u0000${labels[k]}`;
      const list = this.byPair.get(pair);
      if (list) list.push(item);
      else this.byPair.set(pair, [item]);
    }
  }

  /** Items that may carry every pair of `selector`: those filed under its rarest pair. */
  candidatesForAll(selector: Labels): readonly T[] {
    let best: readonly T[] | undefined;
    for (const [k, v] of Object.entries(selector)) {
      const list = this.byPair.get(`${k}\u0000${v}`) ?? [];
      if (!best || list.length < best.length) best = list;
    }
    return best ?? [...this.unkeyed, ...[...this.byPair.values()].flat()];
  }

  /** Items filed under any pair of `labels`, plus the unkeyed ones, each once. */
  candidatesForAny(labels: Labels): T[] {
    const out = new Set<T>(this.unkeyed);
    for (const [k, v] of Object.entries(labels)) for (const item of this.byPair.get(`${k}\u0000${v}`) ?? []) out.add(item);
    return [...out];
  }
}
