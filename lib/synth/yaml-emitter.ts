/**
 * A fast YAML emitter whose output is byte-identical to cdk8s's `Yaml.stringify`
 * (the `yaml` package with `{ keepUndefined: true, lineWidth: 0, version: '1.1' }`,
 * documents joined with `---\n`) for the JSON-shaped objects cdk8s renders.
 *
 * It writes block mappings and sequences itself and decides how each scalar is
 * written with the `yaml` package's own rules, so quoting stays the package's:
 *
 * - Strings of the common, provably plain shape (a letter, then letters, digits and
 *   `._/:=@+%~-`, not ending in `:`, longer than five characters, so that no YAML 1.1
 *   boolean or null word such as `yes`, `off`, `null` can match) are written as they are.
 * - Every other single-line string is formatted once by the `yaml` package itself and
 *   cached: with `lineWidth: 0` nothing folds, so a single-line scalar's text does not
 *   depend on where it stands (numbers-as-strings, booleans-as-strings, dates, `: `,
 *   ` #`, leading indicators, empty strings and control characters are all quoted
 *   exactly as the package quotes them).
 * - A document holding anything whose text can depend on its position (a multi-line
 *   string, a string starting with a document marker `---`, `...` or `%`, a key longer
 *   than the package's implicit-key limit), anything that is not plain JSON data (a
 *   Date, a Map, a class instance, a bigint, a function), or the same object twice
 *   (the package would write an anchor and an alias) is handed whole to the `yaml`
 *   package. Correctness first: the fallback is the reference.
 */
import * as fs from 'fs';
import * as YAML from 'yaml';
import { ChunkWriter } from '../validation/format/output';

/** The options cdk8s's Yaml.stringify passes to the yaml package. */
export const CDK8S_YAML_OPTIONS = { keepUndefined: true, lineWidth: 0, version: '1.1' } as const;

/** Thrown inside the emitter when a value needs the yaml package; never escapes this module. */
const FALLBACK: unique symbol = Symbol('yaml-emitter fallback');

/** A letter first, no character that could need quoting, not ending in ':'. */
const FAST_PLAIN = /^[A-Za-z][A-Za-z0-9._/:=@+%~-]*$/;
/** The yaml package writes keys longer than this as explicit `? key` entries. */
const MAX_IMPLICIT_KEY = 1024;
/** Bounds the scalar cache (the distinct strings that are not fast-plain). */
const MAX_CACHE = 100_000;

const stringCache = new Map<string, string | typeof FALLBACK>();
const numberCache = new Map<number, string>();

function stringText(s: string): string {
  if (s.length > 5 && FAST_PLAIN.test(s) && s.charCodeAt(s.length - 1) !== 58 /* ':' */) return s;
  let text = stringCache.get(s);
  if (text === undefined) {
    if (s.includes('\n') || /^(?:%|---|\.\.\.)/.test(s)) {
      text = FALLBACK;
    } else {
      const out = YAML.stringify(s, CDK8S_YAML_OPTIONS);
      const body = out.slice(0, -1);
      text = out.endsWith('\n') && !body.includes('\n') ? body : FALLBACK;
    }
    if (stringCache.size >= MAX_CACHE) stringCache.clear();
    stringCache.set(s, text);
  }
  if (text === FALLBACK) throw FALLBACK;
  return text;
}

function numberText(n: number): string {
  if (Number.isSafeInteger(n) && !Object.is(n, -0)) return String(n);
  let text = numberCache.get(n);
  if (text === undefined) {
    const out = YAML.stringify(n, CDK8S_YAML_OPTIONS);
    const body = out.slice(0, -1);
    if (!out.endsWith('\n') || body.includes('\n')) throw FALLBACK;
    text = body;
    if (numberCache.size >= MAX_CACHE) numberCache.clear();
    numberCache.set(n, text);
  }
  return text;
}

const enum Kind { Scalar, Map, Seq }

function kindOf(v: unknown): Kind {
  if (v === null || typeof v !== 'object') return Kind.Scalar;
  const proto = Object.getPrototypeOf(v);
  if (Array.isArray(v)) {
    if (proto !== Array.prototype) throw FALLBACK;
    return Kind.Seq;
  }
  if (proto !== Object.prototype && proto !== null) throw FALLBACK;
  return Kind.Map;
}

function scalarText(v: unknown): string {
  switch (typeof v) {
    case 'string': return stringText(v);
    case 'number': return numberText(v);
    case 'boolean': return v ? 'true' : 'false';
    case 'undefined': return 'null';
    case 'object': if (v === null) return 'null'; break;
    default: break;
  }
  throw FALLBACK;
}

class Writer {
  out = '';
  private readonly seen = new Set<object>();

  private enter(v: object): void {
    if (this.seen.has(v)) throw FALLBACK; // the yaml package would write an anchor and an alias
    this.seen.add(v);
  }

  /** Writes a non-empty mapping; the first line's indent is already written when `inline`. */
  map(obj: Record<string, unknown>, keys: string[], indent: string, inline: boolean): void {
    this.enter(obj);
    const child = `${indent}  `;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const keyText = stringText(key);
      if (keyText.length > MAX_IMPLICIT_KEY) throw FALLBACK;
      this.out += i === 0 && inline ? `${keyText}:` : `${indent}${keyText}:`;
      this.value(obj[key], child, false);
    }
  }

  /** Writes a non-empty sequence; the first line's indent is already written when `inline`. */
  seq(arr: unknown[], indent: string, inline: boolean): void {
    this.enter(arr);
    const child = `${indent}  `;
    for (let i = 0; i < arr.length; i++) {
      this.out += i === 0 && inline ? '- ' : `${indent}- `;
      this.value(arr[i], child, true);
    }
  }

  /**
   * Writes a value after `key:` (inSeq false: scalars follow a space, collections
   * start on the next line) or after `- ` (inSeq true: everything starts on the same line).
   */
  value(v: unknown, indent: string, inSeq: boolean): void {
    const kind = kindOf(v);
    if (kind === Kind.Scalar) {
      this.out += inSeq ? `${scalarText(v)}\n` : ` ${scalarText(v)}\n`;
    } else if (kind === Kind.Map) {
      const keys = Object.keys(v as object);
      if (keys.length === 0) {
        this.enter(v as object);
        this.out += inSeq ? '{}\n' : ' {}\n';
      } else if (inSeq) {
        this.map(v as Record<string, unknown>, keys, indent, true);
      } else {
        this.out += '\n';
        this.map(v as Record<string, unknown>, keys, indent, false);
      }
    } else {
      const arr = v as unknown[];
      if (arr.length === 0) {
        this.enter(arr);
        this.out += inSeq ? '[]\n' : ' []\n';
      } else if (inSeq) {
        this.seq(arr, indent, true);
      } else {
        this.out += '\n';
        this.seq(arr, indent, false);
      }
    }
  }
}

/**
 * One document, exactly as `YAML.stringify(doc, { keepUndefined: true, lineWidth: 0, version: '1.1' })`
 * writes it (ending in a newline).
 */
export function emitDocument(doc: unknown): string {
  return emitDocumentFast(doc) ?? YAML.stringify(doc, CDK8S_YAML_OPTIONS);
}

/** The emitter alone: the document's text, or undefined when it needs the yaml package. */
export function emitDocumentFast(doc: unknown): string | undefined {
  try {
    const w = new Writer();
    const kind = kindOf(doc);
    if (kind === Kind.Scalar) return `${scalarText(doc)}\n`;
    if (kind === Kind.Map) {
      const keys = Object.keys(doc as object);
      if (keys.length === 0) return '{}\n';
      w.map(doc as Record<string, unknown>, keys, '', false);
    } else {
      if ((doc as unknown[]).length === 0) return '[]\n';
      w.seq(doc as unknown[], '', false);
    }
    return w.out;
  } catch (e) {
    if (e === FALLBACK) return undefined;
    throw e;
  }
}

/**
 * Several documents, exactly as cdk8s's `Yaml.stringify(...docs)` writes them: an
 * undefined document becomes an empty line, documents are joined with `---\n`.
 */
export function emitDocuments(docs: readonly unknown[]): string {
  return docs.map(documentText).join('---\n');
}

/**
 * Writes what `emitDocuments` returns to an open file, a document at a time, so the
 * text of a large chart is never held whole in memory (writes are batched by
 * `ChunkWriter`). `resolve` turns each entry into its document just before it is
 * written (streamed objects, see fast-synth.ts).
 */
export function writeDocuments(fd: number, docs: readonly unknown[], resolve: (doc: unknown) => unknown = (d) => d): void {
  const out = new ChunkWriter((bytes) => fs.writeSync(fd, bytes));
  docs.forEach((d, i) => {
    if (i > 0) out.write('---\n');
    out.write(documentText(resolve(d)));
  });
  out.flush();
}

function documentText(d: unknown): string {
  return d === undefined ? '\n' : emitDocument(d);
}
