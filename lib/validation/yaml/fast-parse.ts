/**
 * A fast path for ordinary documents. The `yaml` package (which gives exact positions,
 * duplicate-key and alias handling, and the error messages) is about a dozen times
 * slower than a reader that builds plain values only; on a 20,000-document file it was
 * three quarters of `podwright validate`. (This reader replaces js-yaml with a listener
 * that recorded a position object per node: about 2.5 times the CPU, and three times
 * the garbage.)
 *
 * `fastParse` is a reader written for the block-style subset of YAML that Kubernetes
 * manifests use: block mappings and sequences (including sequences indented at their
 * key's column), plain, single- and double-quoted scalars (multi-line ones folded),
 * literal and folded block scalars with chomping and indentation indicators, flow
 * collections, comments, a `---` marker line and a `...` end marker. Plain scalars are
 * resolved by the very resolvers of the `yaml` package's YAML 1.1 schema (minus the
 * timestamp tag), as the full reader resolves them. Where each key and sequence item
 * starts is recorded in two flat arrays beside the values, so `offsetOf()` answers
 * as the full reader's ranges do without a position object per node.
 *
 * It declines (returns undefined) on everything else, and on anything it is not sure
 * to read exactly as the full reader: anchors, aliases, tags, directives, merge keys,
 * explicit keys, duplicate keys, keys that resolve to null, empty sequence entries,
 * tabs in indentation, a carriage return that does not end a line, other control
 * characters, or any syntax error. The caller then uses the full reader, which reports
 * those cases. A differential test keeps both paths equal on every document the fast
 * path accepts (test/validation/yaml/).
 */
import { Document, isScalar } from 'yaml';
import { Path } from '../types';
import { segmentName } from '../util/path';
import { ownString } from '../util/values';

export interface FastDocument {
  readonly value: Readonly<Record<string, unknown>>;
  /** The offset of the field at `path`, or of its nearest ancestor that exists. */
  offsetOf(path: Path): number | undefined;
}

// ---------------------------------------------------------------------------
// Plain scalars: the yaml package's YAML 1.1 resolvers

interface ScalarTag {
  readonly tag: string;
  readonly default?: boolean | string;
  readonly test?: RegExp;
  resolve(value: string, onError: (msg: string) => void, options: object): unknown;
}

/** Marks a plain scalar that no tag of the schema resolves: it stays a string. */
const NOT_TYPED = Symbol('string');

/**
 * The value of a plain scalar that one of the yaml package's YAML 1.1 tags (minus the
 * timestamp tag) resolves, tried in schema order; NOT_TYPED for a string.
 */
function yaml11Resolver(): (data: string) => unknown {
  const tags = (new Document(null, { version: '1.1' }).schema as unknown as { tags: ScalarTag[] }).tags
    .filter((t) => t.default === true && t.test instanceof RegExp && t.tag !== 'tag:yaml.org,2002:timestamp');
  const noError = () => { throw new Error('unresolvable scalar'); };
  // Kubernetes documents repeat a few hundred plain scalars ('TCP', '8080', 'true', ...):
  // each distinct one is resolved once. Only primitive results are kept (all of these tags give primitives).
  const known = new Map<string, unknown>();
  return (data: string): unknown => {
    let v = known.get(data);
    if (v === undefined && !known.has(data)) {
      const tag = tags.find((t) => t.test!.test(data));
      if (tag) {
        const r = tag.resolve(data, noError, {});
        v = isScalar(r) ? r.value : r; // booleans come back wrapped, to keep their source form
      } else {
        v = NOT_TYPED;
      }
      if (known.size >= 10_000) known.clear();
      // A copy of the key: a scalar cut from a document's text (a timestamp, a long number)
      // would keep the whole text alive as long as the table keeps it.
      if (v === null || typeof v !== 'object') known.set(ownString(data), v);
    }
    return v;
  };
}

let typed: ((data: string) => unknown) | undefined;

/**
 * Whether a plain scalar may be typed at all: every typed YAML 1.1 scalar starts with
 * one of `-+.~0-9eEnNyYtTfFoO`; the only typed scalars that start with a letter are the
 * booleans and nulls (y, yes, on, off, true, false, null, ... in three cases), five
 * characters at most, and floats with an exponent and nothing before it (`e3` is NaN:
 * the yaml package's float test makes the digits before `e` optional). Most scalars of
 * a manifest (names, images, paths) fail this test and skip the lookup.
 */
function mayBeTyped(s: string): boolean {
  const c = s.charCodeAt(0);
  if (c >= 0x30 && c <= 0x39) return true; // 0-9
  switch (c) {
    case 0x2d: case 0x2b: case 0x2e: case 0x7e: return true; // - + . ~
    case 0x65: case 0x45: { // e E: an exponent, `e3` or `E-2`
      const d = s.charCodeAt(1);
      return (d >= 0x30 && d <= 0x39) || d === 0x2b || d === 0x2d;
    }
    case 0x6e: case 0x4e: case 0x79: case 0x59: case 0x74: case 0x54: case 0x66: case 0x46: case 0x6f: case 0x4f: // nNyYtTfFoO
      return s.length <= 5;
    default: return false;
  }
}

function plainValue(s: string): unknown {
  if (!mayBeTyped(s)) return s;
  const v = typed!(s);
  return v === NOT_TYPED ? s : v;
}

/** A plain key as the full reader names it (String of its value); null keys are declined (the two readers name them differently). */
function plainKey(s: string): string {
  if (!mayBeTyped(s)) return s;
  const v = typed!(s);
  if (v === NOT_TYPED) return s;
  if (v === null) fail();
  return String(v);
}

// ---------------------------------------------------------------------------
// The reader. One document at a time, in module state (the reader is synchronous).

const SP = 0x20, TAB = 0x09, LF = 0x0a, CR = 0x0d, HASH = 0x23, COLON = 0x3a, DASH = 0x2d, DOT = 0x2e;
const SQ = 0x27, DQ = 0x22, LBRACK = 0x5b, RBRACK = 0x5d, LBRACE = 0x7b, RBRACE = 0x7d, COMMA = 0x2c;
const PIPE = 0x7c, GT = 0x3e, BACKSLASH = 0x5c;

/** Thrown (one shared object, no stack) when the document is left to the full reader. */
const DECLINE = { declined: true };
function fail(): never {
  throw DECLINE;
}

let src = '';
let len = 0;
/** The cursor. */
let i = 0;
/** Where the cursor's line starts. */
let ls = 0;
/** The column of the content line the cursor is on (after nextLine), -1 at the end of the document. */
let ind = -1;
/** Set by nextLine: blank lines and comment lines it passed. */
let blanks = 0;
let comments = false;
/** Set when the document ends at a `...` (or `---`) marker line. */
let marker = false;
let depth = 0;
let maxDepth = 1000;
/** Whether the document holds a carriage return at all. */
let hasCR = false;
/**
 * Positions, in preorder. A collection is a record [end, start, kind] (end: the index
 * after its last entry; start: its offset; kind: 1 for a mapping, -1 for a sequence),
 * followed by its entries: 2 * (offset of the key or item), + 1 when the entry's value
 * is a collection, whose record follows the entry at once; a mapping's entries have a
 * second slot, the index of the key in `names`.
 */
let pos = new Int32Array(1024);
let posLen = 0;
let names: string[] = [];
let namesLen = 0;
// Both are scratch space, reused from one document to the next; each document keeps an
// exact copy of its part (growing a fresh array entry by entry cost a few kilobytes of
// garbage per document, about a tenth of what a run allocates).

/** Makes room for `n` more positions. */
function reserve(n: number): void {
  if (posLen + n <= pos.length) return;
  const grown = new Int32Array(Math.max(pos.length * 2, posLen + n));
  grown.set(pos);
  pos = grown;
}

function put1(a: number): void {
  reserve(1);
  pos[posLen++] = a;
}

function put2(a: number, b: number): void {
  reserve(2);
  pos[posLen] = a;
  pos[posLen + 1] = b;
  posLen += 2;
}

function put3(a: number, b: number, c: number): void {
  reserve(3);
  pos[posLen] = a;
  pos[posLen + 1] = b;
  pos[posLen + 2] = c;
  posLen += 3;
}

/**
 * Reads one document quickly, or returns undefined when the document needs the full
 * reader. Only mappings (Kubernetes objects) are taken.
 */
export function fastParse(text: string, depthLimit: number): FastDocument | undefined {
  // Positions are kept as 2 * offset (+ 1) in 32 bits: a longer text is left to the full reader.
  if (text.length > 0x3fffffff) return undefined;
  typed ??= yaml11Resolver();
  src = text;
  len = text.length;
  i = 0;
  ls = 0;
  depth = 0;
  maxDepth = depthLimit;
  marker = false;
  hasCR = text.indexOf('\r') >= 0;
  flowLevel = 0;
  posLen = 0;
  namesLen = 0;
  let value: unknown;
  try {
    value = readDocument();
  } catch {
    // A decline, or anything unforeseen (a stack overflow under a depth limit set very
    // high): the full reader reads the document, and reports what is wrong with it.
    return undefined;
  } finally {
    src = '';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const p = pos.slice(0, posLen);
  const n = names.slice(0, namesLen);
  return {
    value: value as Record<string, unknown>,
    offsetOf: (path) => locate(p, n, path),
  };
}

function readDocument(): unknown {
  nextLine();
  if (marker && src.charCodeAt(i) === DASH) {
    // The `---` line: only a comment may follow the marker on it.
    marker = false;
    i += 3;
    finishLine();
  }
  if (ind < 0) fail(); // empty, or a stray marker
  if (src.charCodeAt(i) === 0x25) fail(); // % directive
  const value = blockNode(-1, true);
  if (ind >= 0) fail(); // content after the root node
  if (marker) {
    // `...`: the document ends; only comments may follow.
    if (src.charCodeAt(i) !== DOT) fail();
    marker = false;
    i += 3;
    finishLine();
    if (ind >= 0 || marker) fail();
  }
  return value;
}

/** At a line start: `---` or `...` followed by white space or the line end. */
function isMarker(at: number): boolean {
  const c = src.charCodeAt(at);
  if ((c !== DASH && c !== DOT) || src.charCodeAt(at + 1) !== c || src.charCodeAt(at + 2) !== c) return false;
  const d = src.charCodeAt(at + 3);
  return d === SP || d === TAB || d === LF || d === CR || Number.isNaN(d);
}

/**
 * From a line start, passes blank and comment lines; leaves the cursor on the first
 * character of the next content line and sets `ind` to its column (-1 at the end or at
 * a document marker line, with `marker` set). Counts the lines it passed in `blanks`
 * (blank lines) and `comments` (any comment line).
 */
function nextLine(): void {
  blanks = 0;
  comments = false;
  for (;;) {
    ls = i;
    if (i >= len) {
      ind = -1;
      return;
    }
    let j = i;
    while (src.charCodeAt(j) === SP) j++;
    const c = src.charCodeAt(j);
    if (c === LF) {
      blanks++;
      i = j + 1;
      continue;
    }
    if (j >= len) {
      i = j;
      ind = -1;
      return;
    }
    if (c === HASH) {
      comments = true;
      const nl = src.indexOf('\n', j);
      i = nl < 0 ? len : nl + 1;
      continue;
    }
    if (c === CR && src.charCodeAt(j + 1) === LF) {
      blanks++;
      i = j + 2;
      continue;
    }
    if (c === TAB || c === CR) fail(); // a tab in indentation, or a line that is only white space with a tab
    if (j === i && isMarker(j)) {
      i = j;
      ind = -1;
      marker = true;
      return;
    }
    i = j;
    ind = j - ls;
    return;
  }
}

/** After a node on its line: white space, an optional comment, the line end; then nextLine(). */
function finishLine(): void {
  let c = src.charCodeAt(i);
  const before = i;
  while (c === SP || c === TAB) c = src.charCodeAt(++i);
  if (c === HASH) {
    if (i === before) fail(); // a comment must be separated from the node
    const nl = src.indexOf('\n', i);
    i = nl < 0 ? len : nl;
    c = src.charCodeAt(i);
  }
  if (c === CR && src.charCodeAt(i + 1) === LF) c = src.charCodeAt(++i);
  if (c === LF) i++;
  else if (i < len) fail();
  nextLine();
}

function enter(): void {
  if (++depth >= maxDepth) fail(); // the full reader reports documents nested too deep
}

/** Whether the cursor is on a block sequence entry's `-`. */
function atDash(): boolean {
  if (src.charCodeAt(i) !== DASH) return false;
  const d = src.charCodeAt(i + 1);
  return d === SP || d === TAB || isBreakAfter(i + 1);
}

function isSpaceOrBreak(c: number): boolean {
  return c === SP || c === TAB || c === LF || c === CR || Number.isNaN(c);
}

function isBreakAfter(at: number): boolean {
  const c = src.charCodeAt(at);
  return c === LF || Number.isNaN(c) || (c === CR && src.charCodeAt(at + 1) === LF);
}

/**
 * A node in block context, the cursor on its first character, at column `ind`, which
 * is deeper than `parent` (the indentation of the collection holding it). `mayBeCollection`
 * is false for a value on its key's line (where a block collection cannot start).
 */
function blockNode(parent: number, mayBeCollection: boolean): unknown {
  const c = src.charCodeAt(i);
  switch (c) {
    case DASH:
      if (atDash()) {
        if (!mayBeCollection) fail();
        return blockSequence(i - ls);
      }
      return plainOrMapping(parent, mayBeCollection);
    case LBRACK:
    case LBRACE: {
      const v = flowCollection(parent);
      const after = skipInline();
      if (src.charCodeAt(after) === COLON) fail(); // a flow collection as a key
      finishLine();
      return v;
    }
    case DQ:
    case SQ: {
      const start = i;
      const line = ls;
      const col = i - ls;
      const s = quoted(parent);
      const after = skipInline();
      if (src.charCodeAt(after) === COLON) {
        if (!mayBeCollection || ls !== line) fail();
        i = start;
        return blockMapping(col);
      }
      finishLine();
      return s;
    }
    case PIPE:
    case GT:
      return blockScalar(parent);
    default:
      if (!startsPlain(c)) fail();
      return plainOrMapping(parent, mayBeCollection);
  }
}

/** The offset after spaces and tabs from the cursor (the cursor does not move). */
function skipInline(): number {
  let j = i;
  let c = src.charCodeAt(j);
  while (c === SP || c === TAB) c = src.charCodeAt(++j);
  return j;
}

/**
 * Whether a plain scalar may start with `c` here. The indicators cannot (YAML 1.2
 * c-indicator); of the three that may when a safe character follows (`-`, `?`, `:`),
 * only `-` is taken.
 */
function startsPlain(c: number): boolean {
  switch (c) {
    case 0x3f: case COLON: case COMMA: case LBRACK: case RBRACK: case LBRACE: case RBRACE:
    case HASH: case 0x26: case 0x2a: case 0x21: case PIPE: case GT: case SQ: case DQ:
    case 0x25: case 0x40: case 0x60: // ? : , [ ] { } # & * ! | > ' " % @ `
    case SP: case TAB: case LF: case CR:
      return false;
    default:
      // Not a control character, NEL, a Unicode line separator or a byte order mark: the yaml
      // package drops some of them where a node starts (inside scalars they are content to both).
      return c > 0x1f && (c < 0x7f || c > 0x9f) && c !== 0x2028 && c !== 0x2029 && c !== 0xfeff;
  }
}

/** Whether a plain scalar may start with `c` in a flow collection: not a `-` on its own (a block sequence entry there is an error). */
function startsFlowPlain(c: number): boolean {
  if (c !== DASH) return startsPlain(c);
  const d = src.charCodeAt(i + 1);
  return !(isSpaceOrBreak(d) || d === COMMA || d === LBRACK || d === RBRACK || d === LBRACE || d === RBRACE);
}

/** Set by scanPlainLine: the end of the scalar's text on the line (white space trimmed). */
let plainEnd = 0;
const STOP_LINE = 0, STOP_COMMENT = 1, STOP_KEY = 2;

/**
 * Scans a plain scalar's text on the cursor's line (block context), from `from`: stops
 * at the line end, at a comment (` #`), or at a `:` followed by white space or the line
 * end (a key). Sets `plainEnd`; returns the reason and leaves the cursor where it stopped.
 */
function scanPlainLine(from: number): number {
  let j = from;
  let end = from;
  for (;;) {
    const c = src.charCodeAt(j);
    if (c === LF || Number.isNaN(c)) break;
    if (c === SP || c === TAB) {
      j++;
      continue;
    }
    if (c === CR) {
      if (src.charCodeAt(j + 1) === LF) break;
      fail();
    }
    if (c === HASH && (src.charCodeAt(j - 1) === SP || src.charCodeAt(j - 1) === TAB)) {
      plainEnd = end;
      i = end;
      return STOP_COMMENT;
    }
    if (c === COLON) {
      const d = src.charCodeAt(j + 1);
      if (d === SP || d === TAB || d === LF || Number.isNaN(d) || (d === CR && src.charCodeAt(j + 2) === LF)) {
        plainEnd = end;
        i = j;
        return STOP_KEY;
      }
    }
    j++;
    end = j;
  }
  plainEnd = end;
  i = j;
  return STOP_LINE;
}

/** A plain scalar, or a block mapping whose first key is a plain scalar, at column `ind`. */
function plainOrMapping(parent: number, mayBeCollection: boolean): unknown {
  const start = i;
  const col = i - ls;
  const stop = scanPlainLine(start);
  if (stop === STOP_KEY) {
    if (!mayBeCollection) fail(); // `key: a: b`
    i = start;
    return blockMapping(col);
  }
  const first = src.slice(start, plainEnd);
  if (stop === STOP_COMMENT) {
    finishLine();
    return plainValue(first);
  }
  // The line ended: the scalar goes on over lines indented deeper than its parent.
  finishLine();
  if (ind <= parent || comments) return plainValue(first);
  let text = first;
  while (ind > parent && !comments) {
    // On a continuation line the indicators are text (YAML 1.2 ns-plain-char), but for a
    // `:` (left to the full reader) and a `#` (a comment line, which ended the scalar above).
    const c = src.charCodeAt(i);
    if (c === COLON || (!startsPlain(c) && c > 0x7e) || c < 0x21) fail();
    const lineStart = i;
    const lineStop = scanPlainLine(lineStart);
    if (lineStop === STOP_KEY) fail();
    text += (blanks === 0 ? ' ' : '\n'.repeat(blanks)) + src.slice(lineStart, plainEnd);
    finishLine();
    if (lineStop === STOP_COMMENT) {
      if (ind > parent) fail();
      break;
    }
  }
  return plainValue(text);
}

/** A block mapping at column `col`, the cursor on its first key. */
function blockMapping(col: number): Record<string, unknown> {
  enter();
  const obj: Record<string, unknown> = {};
  const rec = posLen;
  put3(0, i, 1);
  let entries = 0;
  for (;;) {
    const keyStart = i;
    const c = src.charCodeAt(i);
    let key: string;
    if (c === DQ || c === SQ) {
      const line = ls;
      key = quoted(col);
      if (ls !== line) fail(); // an implicit key is one line
      i = skipInline();
      if (src.charCodeAt(i) !== COLON || !isSpaceOrBreak(src.charCodeAt(i + 1))) fail();
    } else {
      if (!startsPlain(c)) fail();
      if (scanPlainLine(keyStart) !== STOP_KEY) fail(); // a line without a key in a mapping
      key = plainKey(src.slice(keyStart, plainEnd));
    }
    if (key === '<<') fail(); // a merge key (or a key that reads like one)
    if (i - keyStart > 1000) fail(); // the yaml package limits implicit keys to 1024 characters
    i++; // the colon
    const slot = posLen;
    put2(keyStart * 2, namesLen);
    names[namesLen++] = key;
    let value: unknown;
    const v = skipInline();
    const d = src.charCodeAt(v);
    if (d === LF || Number.isNaN(d) || d === HASH || d === CR) {
      finishLine();
      if (ind > col) value = blockNode(col, true);
      else if (ind === col && atDash()) value = blockSequence(col);
      else value = null;
    } else {
      i = v;
      value = blockNode(col, false);
    }
    if (posLen > slot + 2) pos[slot]! += 1;
    if (key === '__proto__') Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
    else obj[key] = value;
    entries++;
    if (ind === col) {
      if (atDash()) fail();
      continue;
    }
    if (ind > col) fail();
    break;
  }
  if (entries > 1 && ownKeyCount(obj) !== entries) fail(); // a duplicate key
  pos[rec] = posLen;
  depth--;
  return obj;
}

/**
 * The keys an object holds. A mapping with a duplicate key holds fewer keys than it has
 * entries (the later value replaced the earlier): counted once at the mapping's end, this
 * costs less than asking the object about each key before it is set (a lookup of a new
 * string as a property name, which mostly misses and then searches the prototype too).
 */
function ownKeyCount(obj: Record<string, unknown>): number {
  let n = 0;
  for (const key in obj) if (Object.prototype.hasOwnProperty.call(obj, key)) n++;
  return n;
}

/** A block sequence whose dashes are at column `col`, the cursor on the first dash. */
function blockSequence(col: number): unknown[] {
  enter();
  const arr: unknown[] = [];
  const rec = posLen;
  put3(0, i, -1);
  for (;;) {
    i++; // the dash
    const v = skipInline();
    // The yaml package reads a tab after the dash as indentation (an error before a compact collection).
    for (let k = i; k < v; k++) if (src.charCodeAt(k) === TAB) fail();
    const d = src.charCodeAt(v);
    if (d === LF || Number.isNaN(d) || d === HASH || d === CR) {
      finishLine();
      if (ind <= col) fail(); // an empty entry
    } else {
      i = v;
    }
    const slot = posLen;
    put1(i * 2);
    arr.push(blockNode(col, true));
    if (posLen > slot + 1) pos[slot]! += 1;
    if (ind === col && atDash()) continue;
    if (ind > col) fail();
    break;
  }
  pos[rec] = posLen;
  depth--;
  return arr;
}

/**
 * A single- or double-quoted scalar, the cursor on its opening quote; leaves the cursor
 * after the closing quote. Lines after the first must be indented deeper than `parent`.
 */
function quoted(parent: number): string {
  const q = src.charCodeAt(i);
  const open = i;
  // The common case: one line, no escapes.
  for (let j = open + 1; ; j++) {
    const c = src.charCodeAt(j);
    if (c === q) {
      if (q === SQ && src.charCodeAt(j + 1) === SQ) break;
      i = j + 1;
      return src.slice(open + 1, j);
    }
    if (c === LF || c === BACKSLASH || c === CR || Number.isNaN(c)) break;
  }
  let out = '';
  let seg = open + 1;
  let j = seg;
  for (;;) {
    const c = src.charCodeAt(j);
    if (Number.isNaN(c) || c === CR) fail();
    if (c === q) {
      if (q === SQ && src.charCodeAt(j + 1) === SQ) {
        out += src.slice(seg, j + 1);
        j += 2;
        seg = j;
        continue;
      }
      i = j + 1;
      return out + src.slice(seg, j);
    }
    if (c === BACKSLASH && q === DQ) {
      out += src.slice(seg, j);
      const e = src.charCodeAt(j + 1);
      j += 2;
      switch (e) {
        case 0x30: out += '\0'; break;
        case 0x61: out += '\x07'; break;
        case 0x62: out += '\b'; break;
        case 0x74: case TAB: out += '\t'; break;
        case 0x6e: out += '\n'; break;
        case 0x76: out += '\v'; break;
        case 0x66: out += '\f'; break;
        case 0x72: out += '\r'; break;
        case 0x65: out += '\x1b'; break;
        case SP: out += ' '; break;
        case DQ: out += '"'; break;
        case 0x2f: out += '/'; break;
        case BACKSLASH: out += '\\'; break;
        case 0x4e: out += '\x85'; break;
        case 0x5f: out += '\xa0'; break;
        case 0x4c: out += '\u2028'; break;
        case 0x50: out += '\u2029'; break;
        // go-yaml (kubectl) accepts \' and so does the full reader, keeping the backslash (read.ts goYamlAccepts).
        case SQ: out += "\\'"; break;
        case 0x78: out += hexEscape(j, 2); j += 2; break;
        case 0x75: out += hexEscape(j, 4); j += 4; break;
        case 0x55: out += hexEscape(j, 8); j += 8; break;
        case LF: {
          // An escaped line break: no space; the next line's leading white space goes.
          j = foldLines(j, parent);
          if (blanks > 0) fail(); // empty lines after an escaped line break: the yaml package folds them otherwise than YAML 1.2 says
          break;
        }
        default: fail();
      }
      seg = j;
      continue;
    }
    if (c === LF) {
      // A line break folds to a space, or to one line feed per empty line after it;
      // white space around it is dropped.
      let end = j;
      while (end > seg && (src.charCodeAt(end - 1) === SP || src.charCodeAt(end - 1) === TAB)) end--;
      out += src.slice(seg, end);
      j = foldLines(j + 1, parent);
      out += blanks === 0 ? ' ' : '\n'.repeat(blanks);
      seg = j;
      continue;
    }
    j++;
  }
}

/**
 * Inside a quoted scalar, from the start of the line after a break: passes empty lines
 * (counted in `blanks`) and the next line's leading white space, and returns the offset
 * of its first character. That line must be indented deeper than `parent` and not be a
 * document marker.
 */
function foldLines(j: number, parent: number): number {
  blanks = 0;
  for (;;) {
    const start = j;
    let c = src.charCodeAt(j);
    while (c === SP) c = src.charCodeAt(++j);
    const spaces = j - start;
    while (c === SP || c === TAB) c = src.charCodeAt(++j);
    if (c === LF) {
      blanks++;
      j++;
      continue;
    }
    if (Number.isNaN(c) || c === CR) fail();
    if (spaces <= parent || (spaces === 0 && isMarker(start))) fail();
    ls = start;
    return j;
  }
}

function hexEscape(at: number, digits: number): string {
  const hex = src.slice(at, at + digits);
  if (hex.length !== digits || !/^[0-9a-fA-F]+$/.test(hex)) fail();
  const code = parseInt(hex, 16);
  if (code > 0x10ffff) fail();
  return String.fromCodePoint(code);
}

/**
 * A literal (`|`) or folded (`>`) block scalar, the cursor on its indicator; `parent` is
 * the indentation of the collection holding it (its content is indented deeper).
 * Ends with the cursor on the next content line (nextLine).
 */
function blockScalar(parent: number): string {
  const folded = src.charCodeAt(i) === GT;
  i++;
  let chomp = 0; // -1 strip, 0 clip, 1 keep
  let explicit = 0;
  for (let k = 0; k < 2; k++) {
    const c = src.charCodeAt(i);
    if ((c === DASH || c === 0x2b) && chomp === 0) {
      chomp = c === DASH ? -1 : 1;
      i++;
    } else if (c >= 0x31 && c <= 0x39 && explicit === 0) {
      explicit = c - 0x30;
      i++;
    } else {
      break;
    }
  }
  // The header line: white space and a comment only.
  let c = src.charCodeAt(i);
  if (c !== SP && c !== TAB && c !== LF && !Number.isNaN(c)) fail();
  while (c === SP || c === TAB) c = src.charCodeAt(++i);
  if (c === HASH) {
    const nl = src.indexOf('\n', i);
    i = nl < 0 ? len : nl;
    c = src.charCodeAt(i);
  }
  if (c === LF) i++;
  else if (i < len) fail();
  if (parent < 0) fail(); // a block scalar as the whole document
  if (hasCR) fail(); // line breaks as CR LF in a block scalar are left to the full reader
  let indent = explicit > 0 ? parent + explicit : -1;
  let text = '';
  let lead = 0; // empty lines before the first content line
  let maxLeadSpaces = 0;
  let pending = 0; // empty lines since the last content line
  let lastKind = 0; // 0 none, 1 text, 2 more indented text
  let spacesOnly = false; // whether the last line of text holds spaces only
  let p = i;
  let end = p; // where the scalar's lines end (the start of the line after its last line)
  for (;;) {
    if (p >= len) break;
    const start = p;
    let s = p;
    while (src.charCodeAt(s) === SP) s++;
    const spaces = s - start;
    const ch = src.charCodeAt(s);
    if (Number.isNaN(ch)) fail(); // spaces at the end of the document without a line break
    if (ch === LF && (indent < 0 || spaces <= indent || folded || lastKind === 0)) {
      // An empty line (spaces beyond the indentation make a line of text in a literal scalar).
      if (indent < 0) {
        if (spaces > maxLeadSpaces) maxLeadSpaces = spaces;
      } else if (spaces > indent) {
        fail(); // a folded scalar's line of spaces only, or one before the first line of text
      }
      if (lastKind === 0) lead++;
      else pending++;
      p = s + 1;
      end = p;
      continue;
    }
    if (indent < 0) {
      if (spaces <= parent) {
        if (ch === TAB) fail();
        break; // no content: the scalar is empty
      }
      indent = spaces;
      if (maxLeadSpaces > indent) fail(); // the yaml package rejects leading empty lines deeper than the content
    }
    if (spaces < indent) {
      if (ch === TAB) fail();
      break;
    }
    const nl = src.indexOf('\n', s);
    if (nl < 0) fail(); // a block scalar that ends without a line break is left to the full reader
    const kind = folded && (src.charCodeAt(start + indent) === SP || src.charCodeAt(start + indent) === TAB) ? 2 : 1;
    spacesOnly = ch === LF;
    const line = src.slice(start + indent, nl);
    if (lastKind === 0) {
      text = '\n'.repeat(lead) + line;
    } else if (!folded) {
      text += '\n'.repeat(pending + 1) + line;
    } else if (lastKind === 1 && kind === 1) {
      text += (pending === 0 ? ' ' : '\n'.repeat(pending)) + line;
    } else {
      text += '\n'.repeat(pending + 1) + line;
    }
    pending = 0;
    lastKind = kind;
    p = nl + 1;
    end = p;
  }
  if (maxLeadSpaces > 0 && indent < 0) fail();
  if (spacesOnly) fail(); // the yaml package chomps a last line of spaces as an empty line
  // Chomping (YAML 1.2 8.1.1.2): strip drops the final line break and the empty lines
  // after it, clip keeps the final line break, keep keeps them all.
  if (lastKind === 0) {
    text = chomp === 1 ? '\n'.repeat(lead) : '';
  } else if (chomp === 0) {
    text += '\n';
  } else if (chomp === 1) {
    text += '\n'.repeat(pending + 1);
  }
  // The lines the scalar took end at `end`, an empty line after the last content line
  // among them; what follows starts a line.
  i = end;
  nextLine();
  if (ind > parent && !marker) fail(); // content deeper than the parent but outside the scalar
  return text;
}

// ---------------------------------------------------------------------------
// Flow collections

/** How many flow collections the cursor is in. */
let flowLevel = 0;

/**
 * In a flow collection: passes white space, line breaks and comments. Lines must be
 * indented deeper than `parent`, but for the outermost collection's closing bracket
 * (as the yaml package reads them).
 */
function skipFlow(parent: number): void {
  let sep = isSpaceOrBreak(src.charCodeAt(i - 1));
  for (;;) {
    const c = src.charCodeAt(i);
    if (c === SP || c === TAB) {
      i++;
      sep = true;
    } else if (c === LF || (c === CR && src.charCodeAt(i + 1) === LF)) {
      i += c === LF ? 1 : 2;
      ls = i;
      let j = i;
      while (src.charCodeAt(j) === SP) j++;
      const d = src.charCodeAt(j);
      if (j === i && isMarker(j)) fail();
      if (d !== LF && d !== HASH && d !== CR && !Number.isNaN(d)) {
        if (j - i <= parent && !(j - i === parent && flowLevel === 1 && (d === RBRACK || d === RBRACE))) fail();
        if (d === TAB) fail();
      }
      i = j;
      sep = true;
    } else if (c === HASH) {
      if (!sep) fail();
      const nl = src.indexOf('\n', i);
      i = nl < 0 ? len : nl;
    } else if (Number.isNaN(c)) {
      fail(); // an unclosed collection
    } else {
      return;
    }
  }
}

/** A flow sequence or mapping, the cursor on its bracket; leaves the cursor after the closing bracket. */
function flowCollection(parent: number): unknown {
  enter();
  flowLevel++;
  const rec = posLen;
  const seq = src.charCodeAt(i) === LBRACK;
  put3(0, i, seq ? -1 : 1);
  i++;
  let result: unknown;
  if (seq) {
    const arr: unknown[] = [];
    for (;;) {
      skipFlow(parent);
      if (src.charCodeAt(i) === RBRACK) break;
      const slot = posLen;
      put1(i * 2);
      arr.push(flowNode(parent));
      if (posLen > slot + 1) pos[slot]! += 1;
      skipFlow(parent);
      const c = src.charCodeAt(i);
      if (c === COMMA) i++;
      else if (c === RBRACK) break;
      else fail(); // a single-pair mapping, or a syntax error
    }
    result = arr;
  } else {
    const obj: Record<string, unknown> = {};
    for (;;) {
      skipFlow(parent);
      const c = src.charCodeAt(i);
      if (c === RBRACE) break;
      const keyStart = i;
      const line = ls;
      let key: string;
      if (c === DQ || c === SQ) {
        key = quoted(parent);
        if (ls !== line) fail();
        i = skipInline();
        if (src.charCodeAt(i) !== COLON) fail();
      } else {
        if (!startsFlowPlain(c)) fail();
        const raw = flowPlain(true);
        if (src.charCodeAt(i) !== COLON) fail(); // a key without a value
        key = plainKey(raw);
      }
      if (key === '<<') fail();
      i++; // the colon
      const slot = posLen;
      put2(keyStart * 2, namesLen);
      names[namesLen++] = key;
      skipFlow(parent);
      const d = src.charCodeAt(i);
      const value = d === COMMA || d === RBRACE ? null : flowNode(parent);
      if (posLen > slot + 2) pos[slot]! += 1;
      if (obj[key] !== undefined && Object.prototype.hasOwnProperty.call(obj, key)) fail();
      if (key === '__proto__') Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
      else obj[key] = value;
      skipFlow(parent);
      const e = src.charCodeAt(i);
      if (e === COMMA) i++;
      else if (e === RBRACE) break;
      else fail();
    }
    result = obj;
  }
  i++; // the closing bracket
  pos[rec] = posLen;
  flowLevel--;
  depth--;
  return result;
}

function flowNode(parent: number): unknown {
  const c = src.charCodeAt(i);
  if (c === DQ || c === SQ) return quoted(parent);
  if (c === LBRACK || c === LBRACE) return flowCollection(parent);
  if (!startsFlowPlain(c)) fail();
  return plainValue(flowPlain(false));
}

/**
 * A plain scalar in a flow collection, on one line: ends before a flow indicator, a
 * comment, the line end, or a `:` followed by white space or a flow indicator (then
 * the cursor is on that `:`). Returns its text.
 */
function flowPlain(key: boolean): string {
  const start = i;
  let j = i;
  let end = i;
  for (;;) {
    const c = src.charCodeAt(j);
    if (c === LF || Number.isNaN(c) || c === COMMA || c === LBRACK || c === RBRACK || c === LBRACE || c === RBRACE) break;
    if (c === CR) {
      if (src.charCodeAt(j + 1) === LF) break;
      fail();
    }
    if (c === SP || c === TAB) {
      j++;
      continue;
    }
    if (c === HASH && (src.charCodeAt(j - 1) === SP || src.charCodeAt(j - 1) === TAB)) break;
    if (c === COLON) {
      const d = src.charCodeAt(j + 1);
      if (d === SP || d === TAB || d === LF || d === CR || Number.isNaN(d) || d === COMMA || d === LBRACK || d === RBRACK || d === LBRACE || d === RBRACE) {
        if (!key) fail(); // a single-pair mapping in a sequence, or `{a: b: c}`
        i = j;
        return src.slice(start, end);
      }
    }
    j++;
    end = j;
  }
  i = end;
  if (key) fail();
  // A plain scalar that goes on over another line is left to the full reader.
  const save = i;
  let k = i;
  let d = src.charCodeAt(k);
  while (d === SP || d === TAB) d = src.charCodeAt(++k);
  if (d === LF || d === CR) {
    do {
      d = src.charCodeAt(++k);
    } while (d === SP || d === TAB || d === LF || d === CR);
    if (d !== COMMA && d !== RBRACK && d !== RBRACE && d !== HASH) fail();
  }
  i = save;
  return src.slice(start, end);
}

// ---------------------------------------------------------------------------
// Locations

/** The offset of the field at `path` (its key, for a mapping entry), or of its nearest ancestor, as the full reader's offsetOf. */
function locate(p: Int32Array, n: readonly string[], path: Path): number | undefined {
  if (p.length === 0) return undefined;
  let rec = 0;
  let offset = p[1]!;
  for (const seg of path) {
    if (rec < 0) break;
    const end = p[rec]!;
    let found = -1;
    let child = -1;
    if (p[rec + 2]! < 0) {
      if (typeof seg !== 'number') break;
      let k = 0;
      for (let s = rec + 3; s < end; s = p[s]! & 1 ? p[s + 1]! : s + 1) {
        if (k++ === seg) {
          found = s;
          child = s + 1;
          break;
        }
      }
    } else {
      const name = String(segmentName(seg));
      for (let s = rec + 3; s < end; s = p[s]! & 1 ? p[s + 2]! : s + 2) {
        if (n[p[s + 1]!] === name) {
          found = s;
          child = s + 2;
          break;
        }
      }
    }
    if (found < 0) break;
    const slot = p[found]!;
    offset = slot >> 1;
    rec = slot & 1 ? child : -1;
  }
  return offset;
}
