/**
 * Compact storage for what cross-object rules keep of every object for a whole run
 * (names, label sets, anchors): numbers in growable typed arrays and one copy of each
 * string, instead of an object (and a hidden class, and a string cut from the document's
 * text) per record. A 100,000-document file then costs a few dozen bytes per record.
 */
import { Anchor, ObjectRef, SourceLocation } from '../types';
import { sharedString } from './values';

const RECENT = 4;

/** Strings by number: one copy of each given to id() (equal strings, equal numbers), or kept as they come (keep). */
export class StringTable {
  private readonly ids = new Map<string, number>();
  private readonly strings: string[] = [];
  /** What keep() kept (numbers -2, -3, ...). */
  private readonly bytes = new ByteStrings();
  /** The last strings keep() kept, and their numbers. */
  private readonly recent: (string | undefined)[] = new Array<string | undefined>(RECENT).fill(undefined);
  private readonly recentIds = new Int32Array(RECENT);
  private recentAt = 0;

  /** The number of `s` (0, 1, ...), given the first time it is seen; -1 for undefined. */
  id(s: string | undefined): number {
    if (s === undefined) return -1;
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.strings.length;
      // A run-long table: V8's shared copy, not a slice that would keep a document's text alive.
      const own = sharedString(s);
      this.strings.push(own);
      this.ids.set(own, id);
    }
    return id;
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
    return this.ids.get(s);
  }

  /** The string of number `id`; undefined for -1. */
  get(id: number): string | undefined {
    return id >= 0 ? this.strings[id] : id === -1 ? undefined : this.bytes.get(-2 - id);
  }
}

/** A larger length for a growing array of rows of `width`: half as large again (less left unused than doubling). */
function grown(length: number, width: number): number {
  return (Math.ceil((length / width) * 1.5) + 1) * width;
}

/** Rows of a fixed number of 32-bit integers, appended one at a time. */
export class IntRows {
  private data: Int32Array;
  private rows = 0;

  /** @param width values per row, at most 10 */
  constructor(readonly width: number, initialRows = 64) {
    if (width < 1 || width > 10) throw new Error(`IntRows: width ${width} is not 1 to 10`);
    this.data = new Int32Array(width * initialRows);
  }

  get length(): number {
    return this.rows;
  }

  /** Appends a row (missing values are 0) and returns its number. */
  push(a: number, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0, h = 0, i = 0, j = 0): number {
    const w = this.width;
    if ((this.rows + 1) * w > this.data.length) {
      const bigger = new Int32Array(grown(this.data.length, w));
      bigger.set(this.data);
      this.data = bigger;
    }
    const x = this.data;
    const at = this.rows * w;
    // Unrolled: no array per row.
    x[at] = a;
    if (w > 1) x[at + 1] = b;
    if (w > 2) x[at + 2] = c;
    if (w > 3) x[at + 3] = d;
    if (w > 4) x[at + 4] = e;
    if (w > 5) x[at + 5] = f;
    if (w > 6) x[at + 6] = g;
    if (w > 7) x[at + 7] = h;
    if (w > 8) x[at + 8] = i;
    if (w > 9) x[at + 9] = j;
    return this.rows++;
  }

  get(row: number, column: number): number {
    return this.data[row * this.width + column]!;
  }

  set(row: number, column: number, value: number): void {
    this.data[row * this.width + column] = value;
  }
}

/** A UTF-16 surrogate without its pair: UTF-8 would write U+FFFD instead. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const EMPTY = Buffer.alloc(0);

/** Strings as UTF-8 bytes in one growing buffer, by number: no string object each. */
export class ByteStrings {
  /** Allocated at the first string (many runs keep none). */
  private buf = EMPTY;
  private used = 0;
  /** Per string: where it starts; it ends where the next starts. */
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
    if (this.used + most > this.buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(4096, this.buf.length + (this.buf.length >> 1), this.used + most));
      this.buf.copy(bigger, 0, 0, this.used);
      this.buf = bigger;
    }
    const id = this.starts.push(this.used);
    this.used += this.buf.write(s, this.used, 'utf8');
    return id;
  }

  get(id: number): string | undefined {
    if (id < 0 || id >= this.starts.length) return undefined;
    const unpaired = this.unpaired.get(id);
    if (unpaired !== undefined) return unpaired;
    const end = id + 1 < this.starts.length ? this.starts.get(id + 1) : this.used;
    return this.buf.toString('utf8', this.starts.get(id), end);
  }
}

/** A growable list of 32-bit integers. */
export class IntList {
  private data = new Int32Array(64);
  private n = 0;

  get length(): number {
    return this.n;
  }

  push(value: number): number {
    if (this.n === this.data.length) {
      const bigger = new Int32Array(grown(this.data.length, 1));
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.n] = value;
    return this.n++;
  }

  get(i: number): number {
    return this.data[i]!;
  }

  set(i: number, value: number): void {
    this.data[i] = value;
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
