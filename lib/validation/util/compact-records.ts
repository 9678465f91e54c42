/**
 * Compact storage for what cross-object rules keep of every object for a whole run
 * (names, label sets, anchors): numbers in growable typed arrays and one copy of each
 * string, instead of an object (and a hidden class, and a string cut from the document's
 * text) per record. A 100,000-document file then costs a few dozen bytes per record.
 */
import { Anchor, ObjectRef, SourceLocation } from '../types';
import { ChunkedList } from './chunked-list';
import { upperBound } from './sorted';
import { sharedString } from './values';

const RECENT = 4;

/**
 * Strings given numbers first, kept in the JavaScript heap for the fastest lookups: the
 * strings looked up for every object (namespaces, label keys, kinds) come early in a run.
 */
const HOT = 1024;

/** Strings by number: one copy of each given to id() (equal strings, equal numbers), or kept as they come (keep). */
export class StringTable {
  /** The first HOT strings id() numbered (0 to HOT - 1). */
  private readonly hotIds = new Map<string, number>();
  private readonly hot: string[] = [];
  /**
   * The others (HOT, HOT + 1, ...), as bytes outside the JavaScript heap: these are mostly
   * each object's own (the keys of defined objects), and a Map of them grew with the input.
   */
  private readonly cold = new ByteStringSet();
  /** What keep() kept (numbers -2, -3, ...). */
  private readonly bytes = new ByteStrings();
  /** The last strings keep() kept, and their numbers. */
  private readonly recent: (string | undefined)[] = new Array<string | undefined>(RECENT).fill(undefined);
  private readonly recentIds = new Int32Array(RECENT);
  private recentAt = 0;

  /** The number of `s` (0, 1, ...), given the first time it is seen; -1 for undefined. */
  id(s: string | undefined): number {
    if (s === undefined) return -1;
    const id = this.hotIds.get(s);
    if (id !== undefined) return id;
    if (this.hot.length < HOT) {
      // A run-long table: V8's shared copy, not a slice that would keep a document's text alive.
      const own = sharedString(s);
      this.hot.push(own);
      this.hotIds.set(own, this.hot.length - 1);
      return this.hot.length - 1;
    }
    return HOT + this.cold.number(0, s, true);
  }

  /**
   * The number of `s` kept as it comes, for strings that are only read back (names, one
   * per object): no index is kept, and only an equal string among the last few kept shares
   * its number (the records of one object come together). Never compare these numbers.
   * -1 for undefined.
   */
  keep(s: string | undefined): number {
    if (s === undefined) return -1;
    for (let k = 0; k < RECENT; k++) if (this.recent[k] === s) return this.recentIds[k]!;
    // Outside the JavaScript heap, as UTF-8 bytes: no string object per name, and no room
    // for it in the heap's growth (V8 sizes its heap by a multiple of what is live there).
    const id = -2 - this.bytes.add(s);
    this.recent[this.recentAt] = s;
    this.recentIds[this.recentAt] = id;
    this.recentAt = (this.recentAt + 1) % RECENT;
    return id;
  }

  /** The number of `s` when id() was given it, else undefined (nothing is added). */
  find(s: string): number | undefined {
    const id = this.hotIds.get(s);
    if (id !== undefined || this.hot.length < HOT) return id;
    const n = this.cold.number(0, s, false);
    return n < 0 ? undefined : HOT + n;
  }

  /** The string of number `id`; undefined for -1. */
  get(id: number): string | undefined {
    if (id >= HOT) return this.cold.get(id - HOT);
    return id >= 0 ? this.hot[id] : id === -1 ? undefined : this.bytes.get(-2 - id);
  }
}

/** FNV-1a of a number (the seed) and a string's UTF-16 units, as a 32-bit integer. */
function seededHash(seed: number, s: string): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/**
 * Distinct (seed, string) pairs by number (0, 1, ...; equal pairs, equal numbers), found by
 * hash: the strings as bytes (ByteStrings), the seeds, hashes and the open-addressing
 * table in typed arrays, all outside the JavaScript heap. The seed is any number the
 * caller pairs with the string (a label key's number; 0 for plain strings).
 */
export class ByteStringSet {
  /** Numbers by hash (open addressing; -1: empty). */
  private slots = new Int32Array(256).fill(-1);
  private readonly seeds = new IntList();
  private readonly hashes = new IntList();
  private readonly strings = new ByteStrings();

  /** How many pairs: their numbers are 0 to size - 1. */
  get size(): number {
    return this.seeds.length;
  }

  /** The number of (seed, s): a new one when unseen and `add`, else -1 when unseen. */
  number(seed: number, s: string, add: boolean): number {
    const h = seededHash(seed, s);
    for (let mask = this.slots.length - 1, i = h & mask; ; i = (i + 1) & mask) {
      const n = this.slots[i]!;
      if (n === -1) {
        if (!add) return -1;
        const created = this.seeds.push(seed);
        this.hashes.push(h);
        this.strings.add(s);
        this.slots[i] = created;
        if (this.seeds.length * 4 > this.slots.length * 3) this.rehash();
        return created;
      }
      if (this.hashes.get(n) === h && this.seeds.get(n) === seed && this.strings.get(n) === s) return n;
    }
  }

  seedOf(n: number): number {
    return this.seeds.get(n);
  }

  get(n: number): string | undefined {
    return this.strings.get(n);
  }

  /** Twice the slots, every number placed again. */
  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let n = 0; n < this.seeds.length; n++) {
      let i = this.hashes.get(n) & mask;
      while (slots[i] !== -1) i = (i + 1) & mask;
      slots[i] = n;
    }
    this.slots = slots;
  }
}

/** Rows of a fixed number of 32-bit integers, appended one at a time. */
export class IntRows {
  private readonly data: ChunkedList<Int32Array>;
  private rows = 0;

  /** @param width values per row, at most 10 */
  constructor(readonly width: number, initialRows = 64) {
    if (width < 1 || width > 10) throw new Error(`IntRows: width ${width} is not 1 to 10`);
    this.data = new ChunkedList(Int32Array, width * initialRows);
  }

  get length(): number {
    return this.rows;
  }

  /** Appends a row (missing values are 0) and returns its number. */
  push(a: number, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0, h = 0, i = 0, j = 0): number {
    const w = this.width;
    const x = this.data;
    const at = this.rows * w;
    // Unrolled: no array per row.
    x.set(at, a);
    if (w > 1) x.set(at + 1, b);
    if (w > 2) x.set(at + 2, c);
    if (w > 3) x.set(at + 3, d);
    if (w > 4) x.set(at + 4, e);
    if (w > 5) x.set(at + 5, f);
    if (w > 6) x.set(at + 6, g);
    if (w > 7) x.set(at + 7, h);
    if (w > 8) x.set(at + 8, i);
    if (w > 9) x.set(at + 9, j);
    return this.rows++;
  }

  get(row: number, column: number): number {
    return this.data.get(row * this.width + column);
  }

  set(row: number, column: number, value: number): void {
    this.data.set(row * this.width + column, value);
  }
}

/** A UTF-16 surrogate without its pair: UTF-8 would write U+FFFD instead. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Bytes in one chunk of ByteStrings (the first grows to this by copying; a longer string gets a chunk of its own size). */
const BYTE_CHUNK = 64 * 1024;

/**
 * Strings as UTF-8 bytes in chunks of one buffer each, by number: no string object each.
 * The bytes of all strings, one after the other, make one sequence; each chunk holds a
 * stretch of it (a string never spans two), and `bases` says where each stretch starts.
 */
export class ByteStrings {
  /** Allocated at the first string (many runs keep none). */
  private readonly chunks: Buffer[] = [];
  /** Where each chunk's stretch starts in the sequence. */
  private readonly bases: number[] = [];
  /** Bytes in the sequence. */
  private used = 0;
  /** Per string: where it starts in the sequence; it ends where the next starts. */
  private readonly starts = new IntList();

  /** Strings UTF-8 cannot hold (lone surrogates), kept as they are, by number. */
  private readonly unpaired = new Map<number, string>();

  /** Keeps `s`; returns its number (0, 1, ...). */
  add(s: string): number {
    if (LONE_SURROGATE.test(s)) {
      const id = this.starts.push(this.used);
      this.unpaired.set(id, s);
      return id;
    }
    const most = s.length * 3; // UTF-8 takes at most 3 bytes per UTF-16 unit
    const last = this.chunks.length - 1;
    let chunk = this.chunks[last];
    let at = last < 0 ? 0 : this.used - this.bases[last]!;
    if (chunk === undefined || at + most > chunk.length) {
      if (chunk !== undefined && this.chunks.length === 1 && at + most <= BYTE_CHUNK) {
        // The first chunk grows by copying until it is a whole chunk.
        const bigger = Buffer.allocUnsafe(Math.min(BYTE_CHUNK, Math.max(chunk.length * 2, at + most)));
        chunk.copy(bigger, 0, 0, at);
        this.chunks[0] = chunk = bigger;
      } else {
        chunk = Buffer.allocUnsafe(chunk === undefined ? Math.max(4096, most) : Math.max(BYTE_CHUNK, most));
        this.chunks.push(chunk);
        this.bases.push(this.used);
        at = 0;
      }
    }
    const id = this.starts.push(this.used);
    this.used += chunk.write(s, at, 'utf8');
    return id;
  }

  get(id: number): string | undefined {
    if (id < 0 || id >= this.starts.length) return undefined;
    const unpaired = this.unpaired.get(id);
    if (unpaired !== undefined) return unpaired;
    const start = this.starts.get(id);
    const end = id + 1 < this.starts.length ? this.starts.get(id + 1) : this.used;
    if (start === end) return '';
    // The chunk whose stretch holds `start` (the last one starting at or before it).
    const k = upperBound(this.bases, start) - 1;
    const base = this.bases[k]!;
    return this.chunks[k]!.toString('utf8', start - base, end - base);
  }
}

/** A growable list of 32-bit integers. */
export class IntList extends ChunkedList<Int32Array> {
  constructor() {
    super(Int32Array);
  }
}

/** A set of small non-negative integers (StringTable numbers, say), one bit each. */
export class BitSet {
  private readonly words = new ChunkedList(Int32Array, 8);

  add(n: number): void {
    const w = n >>> 5;
    this.words.set(w, (w < this.words.length ? this.words.get(w) : 0) | (1 << (n & 31)));
  }

  has(n: number): boolean {
    const w = n >>> 5;
    return n >= 0 && w < this.words.length && (this.words.get(w) & (1 << (n & 31))) !== 0;
  }
}

const NO_EXEMPTIONS: ReadonlyMap<string, string> = new Map();

// Columns of an anchor row.
const API_VERSION = 0;
const KIND = 1;
const NAMESPACE = 2;
const NAME = 3;
const PATH = 4;
const FILE = 5;
const LINE = 6;
const COLUMN = 7;
const CONSTRUCT_PATH = 8;
const EXEMPTIONS = 9;

/**
 * Anchors (see types.ts) as rows of numbers: `add` keeps one and returns its number, `get`
 * gives back an equal Anchor (the same fields, in the same order, with equal values).
 */
export class AnchorTable {
  private readonly rows = new IntRows(10);
  /** Exemption maps of the objects anchored (most objects share the empty one). */
  private readonly exemptions: ReadonlyMap<string, string>[] = [];

  constructor(private readonly strings: StringTable = new StringTable()) {}

  add(a: Anchor): number {
    const s = this.strings;
    const o = a.object;
    const l = a.location;
    let exemptions = -1;
    if (a.exemptions.size > 0) {
      // Anchors of one object come one after the other and share its map.
      exemptions = this.exemptions.length - 1;
      if (this.exemptions[exemptions] !== a.exemptions) exemptions = this.exemptions.push(a.exemptions) - 1;
    }
    return this.rows.push(
      s.id(o.apiVersion), s.id(o.kind), s.id(o.namespace), s.keep(o.name), s.id(a.path),
      l ? s.id(l.file) : -1, l ? l.line : 0, l ? l.column : 0, s.keep(a.constructPath), exemptions,
    );
  }

  get(i: number): Anchor {
    const s = this.strings;
    const r = this.rows;
    // Key order as the engine builds them (objectRefOf, anchorOf): findings print in it.
    const object: ObjectRef = {
      apiVersion: s.get(r.get(i, API_VERSION)),
      kind: s.get(r.get(i, KIND)),
      namespace: s.get(r.get(i, NAMESPACE)),
      name: s.get(r.get(i, NAME)),
    };
    const file = r.get(i, FILE);
    const location: SourceLocation | undefined = file < 0 ? undefined : { file: s.get(file)!, line: r.get(i, LINE), column: r.get(i, COLUMN) };
    const e = r.get(i, EXEMPTIONS);
    return {
      object,
      path: s.get(r.get(i, PATH))!,
      location,
      constructPath: s.get(r.get(i, CONSTRUCT_PATH)),
      exemptions: e < 0 ? NO_EXEMPTIONS : this.exemptions[e]!,
    };
  }
}
