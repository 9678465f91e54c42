/**
 * Label selectors as small detached data, for output rules that must not keep whole objects:
 * matching semantics of metav1.LabelSelector (LabelSelectorAsSelector in
 * staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/helpers.go) and of a Service's map selector.
 * (Validation of selectors lives in label-selector.ts.)
 */
import { ByteStringSet, IntList, IntRows, StringTable } from './compact-records';
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
 * String-valued labels of a mapping (own keys only), copied: what a cross-object rule's
 * collect step hands on (plain data); its session keeps them compact (LabelSets).
 */
export function labelsOf(value: unknown): Labels {
  const obj = asObject(value);
  if (!obj) return NO_LABELS;
  const out: Record<string, string> = {};
  for (const k of Object.keys(obj)) {
    const v = obj[k];
    if (typeof v === 'string') out[k] = v;
  }
  return out;
}

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

/**
 * Namespaces (StringTable numbers, -1 for unset) compare equal when they match or either
 * is unset (applied to the current namespace).
 */
export function sameNamespaceId(a: number, b: number): boolean {
  return a < 0 || b < 0 || a === b;
}

/**
 * Label sets kept for a whole run as numbers: each (key, value) pair is a number (equal
 * pairs, equal numbers), each set a run of pair numbers in one shared array, named by
 * where it starts. Sets keep their labels' order (Object.keys), so the first pair and the
 * printed form are those of the labels given.
 */
export class LabelSets {
  /**
   * Pairs: a value with its key's number as the seed, outside the JavaScript heap (most
   * values are each object's own, seen once).
   */
  private readonly pairs = new ByteStringSet();
  /** Sets: a length, then that many pairs. Set 0 is the empty set. */
  private readonly pool = new IntList();

  constructor(readonly strings: StringTable = new StringTable()) {
    this.pool.push(0);
  }

  /** How many distinct pairs were seen: pair numbers are 0 to pairCount - 1. */
  get pairCount(): number {
    return this.pairs.size;
  }

  /** Keeps a label set; returns its number. */
  add(labels: Labels): number {
    const keys = Object.keys(labels);
    if (keys.length === 0) return 0;
    const pool = this.pool;
    const set = pool.push(keys.length);
    for (const k of keys) pool.push(this.pairOf(k, labels[k]!));
    return set;
  }

  private pairOf(key: string, value: string): number {
    return this.pairs.number(this.strings.id(key), value, true);
  }

  size(set: number): number {
    return this.pool.get(set);
  }

  /** The i-th pair of a set. */
  pair(set: number, i: number): number {
    return this.pool.get(set + 1 + i);
  }

  /** True when every pair of `selector` is in `labels` (a Service's map selector over a pod's labels). */
  subset(selector: number, labels: number): boolean {
    const n = this.size(selector);
    const m = this.size(labels);
    outer: for (let i = 0; i < n; i++) {
      const p = this.pair(selector, i);
      for (let j = 0; j < m; j++) if (this.pair(labels, j) === p) continue outer;
      return false;
    }
    return true;
  }

  /** The value of label `key` in a set, or undefined. */
  valueOf(set: number, key: string): string | undefined {
    const k = this.strings.find(key);
    if (k === undefined) return undefined;
    const n = this.size(set);
    for (let i = 0; i < n; i++) {
      const p = this.pair(set, i);
      if (this.pairs.seedOf(p) === k) return this.pairs.get(p);
    }
    return undefined;
  }

  /** `a=b,c=d`, for messages (as formatLabels prints the labels the set was made of). */
  format(set: number): string {
    const parts: string[] = [];
    for (let i = 0; i < this.size(set); i++) {
      const p = this.pair(set, i);
      parts.push(`${this.strings.get(this.pairs.seedOf(p))!}=${this.pairs.get(p)!}`);
    }
    return parts.join(',');
  }
}

/** A label selector kept with its matchLabels as a LabelSets set. */
export interface CompactSelector {
  readonly matchLabels: number;
  readonly requirements: readonly Requirement[];
}

/** A Selector kept compact (the requirements, rare, as objects of shared strings). */
export function compactSelector(sets: LabelSets, selector: Selector): CompactSelector {
  const own = (s: string) => sets.strings.get(sets.strings.id(s))!;
  const requirements = selector.requirements.length === 0 ? NO_REQUIREMENTS
    : selector.requirements.map((r) => ({ key: own(r.key), operator: r.operator, values: r.values.map(own) }));
  return { matchLabels: sets.add(selector.matchLabels), requirements };
}

/** True when the selector selects a pod with the labels of set `labels`. An empty selector selects everything. */
export function compactSelects(sets: LabelSets, selector: CompactSelector, labels: number): boolean {
  if (!sets.subset(selector.matchLabels, labels)) return false;
  for (const r of selector.requirements) {
    const v = sets.valueOf(labels, r.key);
    if (r.operator === 'In' && !(v !== undefined && r.values.includes(v))) return false;
    if (r.operator === 'NotIn' && v !== undefined && r.values.includes(v)) return false;
    if (r.operator === 'Exists' && v === undefined) return false;
    if (r.operator === 'DoesNotExist' && v !== undefined) return false;
  }
  return true;
}

/**
 * Items (numbers) filed under label pairs (numbers of one LabelSets), as chains in typed
 * arrays, so that matching N selectors against M label sets looks at a few candidates each
 * instead of all M. An item filed under no pair is "unkeyed".
 */
export class PairIndex {
  /** Per pair: its last entry (-1: none), and how many entries it has. */
  private readonly head = new IntList();
  private readonly count = new IntList();
  /** Per entry: the item, the entry before it under the same pair (-1: none). */
  private readonly entries = new IntRows(2);
  private readonly unkeyedItems = new IntList();

  /** Files `item` under `pair`. */
  add(item: number, pair: number): void {
    while (this.head.length <= pair) {
      this.head.push(-1);
      this.count.push(0);
    }
    this.head.set(pair, this.entries.push(item, this.head.get(pair)));
    this.count.set(pair, this.count.get(pair) + 1);
  }

  /** Files `item` as unkeyed. */
  addUnkeyed(item: number): void {
    this.unkeyedItems.push(item);
  }

  /** How many items are filed under `pair`. */
  countOf(pair: number): number {
    return pair < this.count.length ? this.count.get(pair) : 0;
  }

  /** True when `test` holds for some item filed under `pair` (latest first). */
  someUnder(pair: number, test: (item: number) => boolean): boolean {
    for (let e = pair < this.head.length ? this.head.get(pair) : -1; e !== -1; e = this.entries.get(e, 1)) {
      if (test(this.entries.get(e, 0))) return true;
    }
    return false;
  }

  /** True when `test` holds for some unkeyed item. */
  someUnkeyed(test: (item: number) => boolean): boolean {
    for (let i = 0; i < this.unkeyedItems.length; i++) if (test(this.unkeyedItems.get(i))) return true;
    return false;
  }

  /**
   * True when `test` holds for some item that may select a pod with the labels of `set`
   * (of `sets`): the unkeyed items, then those filed under each pair of the set. An item
   * filed under several of its pairs may be tested more than once.
   */
  someForLabels(sets: LabelSets, set: number, test: (item: number) => boolean): boolean {
    if (this.someUnkeyed(test)) return true;
    for (let i = 0; i < sets.size(set); i++) if (this.someUnder(sets.pair(set, i), test)) return true;
    return false;
  }
}
