/**
 * Reads untrusted YAML (a pull request's manifests) into `ObjectInput`s for the
 * engine, one document at a time.
 *
 * Hostile input must give a located error for the document it is in, while the
 * other documents are still checked, and must neither crash, hang nor balloon:
 *
 * - The byte stream is split into documents at `---` marker lines before any YAML
 *   parsing. A line that starts with `---` followed by white space or the line end
 *   always starts a new document, even inside a block or quoted scalar (YAML 1.2
 *   spec, 9.1.4 and the c-forbidden production), so the split is exact. Only the
 *   current document is held in memory, so memory does not grow with file size.
 * - A document larger than the API server accepts in one request is not parsed.
 * - Bytes are checked for UTF-8 and NUL before decoding (`yaml-encoding`).
 * - Nesting depth is measured on the parser's token tree (iteratively) before the
 *   recursive composer and `toJS` run (`yaml-limits`).
 * - Alias expansion is bounded by the yaml package's `maxAliasCount` (`yaml-limits`).
 * - Tags are never executed (yaml v2 has no code-running tags); unknown ones are
 *   errors, because kubectl cannot decode them (`yaml-syntax`).
 * - Duplicate keys are errors with the field path (`yaml-duplicate-key`); the last
 *   value is kept, as the API server keeps one.
 * - Mappings become plain objects whose keys (including `__proto__`) are own
 *   properties; nothing is assigned through the prototype chain.
 */
import * as fs from 'fs';
import * as path from 'path';
import { isUtf8 } from 'buffer';
import { Composer, CST, Document, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, Parser, YAMLError } from 'yaml';
import type { Node as YamlNode, ParsedNode, Tags } from 'yaml';
import { InputProblem, ObjectInput, Path, SourceLocation } from '../types';
import { fastParse } from './fast-parse';
import { segmentName } from '../util/path';
import { upperBound } from '../util/sorted';
import { ownString } from '../util/values';

/** Bounds on what one document may cost to read. */
export interface ReadLimits {
  /**
   * Bytes in one document. Larger documents are reported and not parsed.
   * @default 3145728 (3 MiB: kube-apiserver's default --max-request-bytes, the largest object a request may carry)
   */
  readonly maxDocumentBytes: number;
  /** Nesting depth of collections in one document. @default 1000 */
  readonly maxDepth: number;
  /** The yaml package's alias expansion budget ("billion laughs" guard). @default 100 */
  readonly maxAliasCount: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxDocumentBytes: 3 * 1024 * 1024,
  maxDepth: 1000,
  maxAliasCount: 100,
};

export interface ReadOptions {
  /** Treat every document as a static Pod manifest. @default false */
  readonly staticPods?: boolean;
  /** Absolute folders whose files are static Pod manifests. @default [] */
  readonly staticPodDirs?: readonly string[];
  readonly limits?: Partial<ReadLimits>;
  /**
   * Read ordinary documents with the fast path (./fast-parse.ts) and keep the full
   * reader for the rest. Off only to compare the two.
   * @default true
   */
  readonly fastPath?: boolean;
}

/**
 * Parser settings: YAML 1.1, as kubectl and the API server read YAML through
 * sigs.k8s.io/yaml and go-yaml v2 (so `yes` is a boolean and `<<` merges), but
 * without the timestamp tag: go-yaml keeps unquoted dates as strings when
 * decoding into untyped JSON, and Kubernetes fields hold them as strings.
 */
const PARSE_OPTIONS = {
  version: '1.1' as const,
  uniqueKeys: false, // reported by our own walk, with the field path
  merge: true,
  customTags: (tags: Tags): Tags => tags.filter((t) => typeof t !== 'object' || t.tag !== 'tag:yaml.org,2002:timestamp'),
};

const NL = 0x0a;
const DASH = 0x2d;

/**
 * Splits a byte stream into YAML documents and reads each. Push chunks in,
 * take `ObjectInput`s out; call `end()` after the last chunk.
 */
export class YamlStreamReader {
  private readonly limits: ReadLimits;
  private readonly staticPod: boolean;
  /** Byte views of the current document (bounded by maxDocumentBytes). */
  private parts: Buffer[] = [];
  private docBytes = 0;
  private docNewlines = 0;
  private docStartLine = 1;
  /** True once the current segment began with a `---` marker line. */
  private docHasMarker = false;
  /** True when the next byte starts a line. */
  private atLineStart = true;
  /** Bytes held back because they may be the start of a marker split across chunks. */
  private carry: Buffer | undefined;
  /** Documents found but not yet parsed, in order. */
  private readonly pending: (() => ObjectInput[])[] = [];
  private first = true;
  private documentIndex = 0;
  private readonly fastPath: boolean;

  constructor(private readonly file: string | undefined, options: ReadOptions = {}) {
    this.limits = { ...DEFAULT_READ_LIMITS, ...options.limits };
    this.fastPath = options.fastPath ?? true;
    this.staticPod = options.staticPods === true
      || (file !== undefined && (options.staticPodDirs ?? []).some((dir) => isInside(path.resolve(file), dir)));
  }

  /**
   * Feeds the next chunk of bytes; returns the documents it completed. They are parsed
   * as they are iterated, one at a time (a 64 KB chunk completes dozens of documents, and
   * parsing them all at once kept them alive long enough to reach the old generation).
   * Documents come out in order whichever returned iterable pulls them.
   */
  push(chunk: Uint8Array): Iterable<ObjectInput> {
    let buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.carry) {
      buf = Buffer.concat([this.carry, buf]);
      this.carry = undefined;
    }
    if (this.first && buf.length > 0) {
      if (buf.length < 3 && buf[0] === 0xef) {
        this.carry = buf;
        return this.drain();
      }
      this.first = false;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3); // UTF-8 byte order mark
    }
    let segStart = 0;
    // The line starts that may hold a marker: the chunk's start (when a line starts there)
    // and every `---` after a line feed, found by the native search.
    let lineStart = this.atLineStart ? 0 : markerCandidate(buf, 0);
    while (lineStart !== -1 && buf.length - lineStart >= 4) {
      if (isMarker(buf, lineStart, false)) {
        this.append(buf.subarray(segStart, lineStart));
        segStart = lineStart;
        this.flushAtMarker();
      }
      lineStart = markerCandidate(buf, lineStart);
    }
    const last = buf.lastIndexOf(NL) + 1 || (this.atLineStart ? 0 : -1);
    if (last !== -1 && last >= segStart && last < buf.length && buf.length - last < 4 && isMarkerPrefix(buf, last)) {
      // Too few bytes to tell whether the last line is a marker: keep them for the next chunk.
      this.append(buf.subarray(segStart, last));
      this.carry = Buffer.from(buf.subarray(last));
      this.atLineStart = true;
      return this.drain();
    }
    this.append(buf.subarray(segStart));
    this.atLineStart = buf.length > 0 ? buf[buf.length - 1] === NL : this.atLineStart;
    return this.drain();
  }

  /** Ends the stream; returns the last documents (parsed as they are iterated, as with `push`). */
  end(): Iterable<ObjectInput> {
    if (this.carry) {
      const rest = this.carry;
      this.carry = undefined;
      // A held-back "---" at the very end of the stream is a marker line.
      if (isMarker(rest, 0, true)) {
        this.flushAtMarker();
      }
      this.append(rest);
    }
    this.flush();
    return this.drain();
  }

  /**
   * Document indices and lines used so far; after `end()` and the last document, those of
   * the whole stream. A stream read in parts (lib/validation/parallel) adds the counts of
   * the parts before to each part's document indices and lines.
   */
  get consumed(): { readonly documents: number; readonly lines: number } {
    return { documents: this.documentIndex, lines: this.docStartLine - 1 };
  }

  private *drain(): Generator<ObjectInput> {
    for (let next = this.pending.shift(); next !== undefined; next = this.pending.shift()) yield* next();
  }

  private append(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.docNewlines += countNewlines(bytes);
    this.docBytes += bytes.length;
    if (this.docBytes <= this.limits.maxDocumentBytes) this.parts.push(bytes);
    else this.parts = [];
  }

  private flushAtMarker(): void {
    // Comments and directives before the first marker belong to the first document.
    if (!this.docHasMarker && this.docBytes <= this.limits.maxDocumentBytes && isPrologue(Buffer.concat(this.parts))) {
      this.docHasMarker = true;
      return;
    }
    this.flush();
    this.docHasMarker = true;
  }

  private flush(): void {
    const startLine = this.docStartLine;
    const bytes = this.docBytes;
    const parts = this.parts;
    this.docStartLine += this.docNewlines;
    this.parts = [];
    this.docBytes = 0;
    this.docNewlines = 0;
    if (bytes === 0) return;
    if (bytes > this.limits.maxDocumentBytes) {
      this.pending.push(() => [this.problemInput(this.documentIndex++, {
        ruleId: 'yaml-limits',
        message: `the document is ${bytes} bytes, over the limit of ${this.limits.maxDocumentBytes} bytes for one object (kube-apiserver --max-request-bytes); it was not read`,
        fix: 'Split the document into smaller objects, or move large data out of the manifest (a volume or an image).',
        location: this.at(startLine, 1),
      })]);
      return;
    }
    const data = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    const encoding = encodingProblem(data);
    if (encoding) {
      const { line, column } = byteLineColumn(data, encoding.offset);
      this.pending.push(() => [this.problemInput(this.documentIndex++, {
        ruleId: 'yaml-encoding',
        message: encoding.message,
        fix: 'Save the file as UTF-8 text without NUL bytes, or remove the binary content (use a Secret with base64 data for binary values).',
        location: this.at(startLine + line - 1, column),
      })]);
      return;
    }
    this.pending.push(() => this.parseText(data.toString('utf8'), startLine));
  }

  private parseText(text: string, startLine: number): ObjectInput[] {
    const fast = this.fastPath ? fastParse(text, this.limits.maxDepth) : undefined;
    if (fast) {
      let lineStarts: number[] | undefined;
      const locate = (p: Path): SourceLocation | undefined => {
        const offset = fast.offsetOf(p);
        if (offset === undefined) return undefined;
        lineStarts ??= lineStartsOf(text);
        const line = lineIndexOf(lineStarts, offset);
        return this.at(startLine + line, offset - lineStarts[line]! + 1);
      };
      return [this.input({ object: fast.value, documentIndex: this.documentIndex++, locate, problems: [] })];
    }
    const lines = new LineCounter();
    const tokens: CST.Token[] = [];
    try {
      for (const token of new Parser(lines.addNewLine).parse(text)) tokens.push(token);
    } catch (e) {
      return [this.problemInput(this.documentIndex++, {
        ruleId: 'yaml-syntax',
        message: `the YAML parser failed: ${(e as Error).message}`,
        location: this.at(startLine, 1),
      })];
    }
    const toLocation = (offset: number): SourceLocation => {
      const pos = lines.linePos(offset);
      return this.at(startLine + pos.line - 1, pos.col);
    };
    for (const token of tokens) {
      const deep = tooDeep(token, this.limits.maxDepth);
      if (deep !== undefined) {
        return [this.problemInput(this.documentIndex++, {
          ruleId: 'yaml-limits',
          message: `the document nests more than ${this.limits.maxDepth} levels deep; it was not read`,
          fix: 'Flatten the document; no Kubernetes object nests this deep.',
          location: toLocation(deep),
        })];
      }
    }
    const out: ObjectInput[] = [];
    const composer = new Composer(PARSE_OPTIONS);
    const handle = (doc: Document.Parsed) => {
      const input = this.documentInput(doc, text, toLocation);
      if (input) out.push(input);
    };
    try {
      for (const token of tokens) for (const doc of composer.next(token)) handle(doc);
      for (const doc of composer.end(false, text.length)) handle(doc);
    } catch (e) {
      out.push(this.problemInput(this.documentIndex++, {
        ruleId: 'yaml-syntax',
        message: `the YAML parser failed: ${(e as Error).message}`,
        location: this.at(startLine, 1),
      }));
    }
    return out;
  }

  private documentInput(doc: Document.Parsed, text: string, toLocation: (offset: number) => SourceLocation): ObjectInput | undefined {
    const documentIndex = this.documentIndex++;
    const problems: InputProblem[] = [];
    const errors = doc.errors.filter((e) => !goYamlAccepts(e, text));
    for (const error of errors) problems.push(syntaxProblem(error, toLocation));
    for (const warning of doc.warnings) {
      if (warning.code === 'TAG_RESOLVE_FAILED') problems.push(tagProblem(warning, toLocation));
    }
    const contents = doc.contents as ParsedNode | null;
    if (contents === null && problems.length === 0) return undefined; // an empty document: skipped, as kubectl does
    const locate = (p: Path): SourceLocation | undefined => {
      const offset = offsetOf(contents, p);
      return offset === undefined ? undefined : toLocation(offset);
    };
    let object: unknown;
    if (errors.length === 0) {
      problems.push(...duplicateKeys(contents, toLocation));
      try {
        object = doc.toJS({ maxAliasCount: this.limits.maxAliasCount });
      } catch (e) {
        const bomb = e instanceof ReferenceError && /alias/i.test(e.message);
        problems.push({
          ruleId: bomb ? 'yaml-limits' : 'yaml-syntax',
          message: bomb
            ? `aliases expand beyond the limit of ${this.limits.maxAliasCount} (an alias bomb, "billion laughs"); the document was not read`
            : `the document cannot be read: ${(e as Error).message}`,
          fix: bomb ? 'Write the values out instead of nesting aliases of aliases.' : undefined,
          location: toLocation(contents?.range[0] ?? 0),
        });
        object = undefined;
      }
      if ((object === null || object === undefined) && problems.length === 0) return undefined; // `--- null` or `--- ~`
    }
    return this.input({ object, documentIndex, locate, problems });
  }

  private problemInput(documentIndex: number, problem: InputProblem): ObjectInput {
    return this.input({ object: undefined, documentIndex, problems: [problem] });
  }

  private input(parts: { object: unknown; documentIndex: number; locate?: ObjectInput['locate']; problems: InputProblem[] }): ObjectInput {
    detachReference(parts.object);
    const input: { -readonly [K in keyof ObjectInput]: ObjectInput[K] } = { object: parts.object, documentIndex: parts.documentIndex };
    if (this.file !== undefined) input.file = this.file;
    if (parts.locate && this.file !== undefined) input.locate = parts.locate;
    if (this.staticPod) input.staticPod = true;
    if (parts.problems.length > 0) input.problems = parts.problems;
    return input;
  }

  private at(line: number, column: number): SourceLocation {
    return { file: this.file ?? '<input>', line, column };
  }
}

/** Reads every document of a string (tests, in-memory YAML). */
export function readYamlString(text: string, file?: string, options?: ReadOptions): ObjectInput[] {
  const reader = new YamlStreamReader(file, options);
  return [...reader.push(Buffer.from(text, 'utf8')), ...reader.end()];
}

/** Reads a stream of byte chunks (a file stream, stdin), yielding each document as it completes. */
export async function* readYamlStream(chunks: AsyncIterable<Uint8Array | string>, file?: string, options?: ReadOptions): AsyncGenerator<ObjectInput> {
  for await (const batch of readYamlBatches(chunks, file, options)) yield* batch;
}

/**
 * Like `readYamlStream`, but yields, per chunk read, the documents it completed as a
 * synchronous iterable (parsed as they are pulled): one await per chunk instead of one
 * per document. Pull each batch empty before awaiting the next.
 */
export async function* readYamlBatches(chunks: AsyncIterable<Uint8Array | string>, file?: string, options?: ReadOptions): AsyncGenerator<Iterable<ObjectInput>> {
  const reader = new YamlStreamReader(file, options);
  for await (const chunk of chunks) {
    yield reader.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
  }
  yield reader.end();
}

/** Reads one file as a stream of documents. Errors opening or reading the file propagate (the CLI exits 2). */
export function readYamlFile(file: string, options?: ReadOptions, displayName = file): AsyncGenerator<ObjectInput> {
  return readYamlStream(fileChunks(file), displayName, fileOptions(file, options));
}

/** `readYamlFile` in batches (see `readYamlBatches`). */
export function readYamlFileBatches(file: string, options?: ReadOptions, displayName = file): AsyncGenerator<Iterable<ObjectInput>> {
  return readYamlBatches(fileChunks(file), displayName, fileOptions(file, options));
}

function fileChunks(file: string): AsyncIterable<Uint8Array> {
  return fs.createReadStream(file, { highWaterMark: 64 * 1024 });
}

/** The options one file is read with (`readYamlFile` uses them; so does a worker reading part of a file). */
export function fileOptions(file: string, options: ReadOptions | undefined): ReadOptions {
  // Decide static-pod folders on the real path, whatever name is shown.
  return { ...options, staticPods: options?.staticPods === true || (options?.staticPodDirs ?? []).some((dir) => isInside(path.resolve(file), dir)) };
}

/**
 * Both readers cut strings out of the document's text, and in V8 a cut of 13 characters
 * or more is a view that keeps the whole text alive. The fields that name an object
 * outlive its document (every result and finding carries them), so they are copied out:
 * a run then keeps a few bytes per document instead of every document's text (measured on
 * cdk8s-plus-20000: 28 MB of heap kept by the names of 20,000 documents, 10 MB with copies).
 */
function detachReference(object: unknown): void {
  if (typeof object !== 'object' || object === null || Array.isArray(object)) return;
  const o = object as Record<string, unknown>;
  detachField(o, 'apiVersion');
  detachField(o, 'kind');
  const meta = o.metadata;
  if (typeof meta === 'object' && meta !== null && !Array.isArray(meta)) {
    detachField(meta as Record<string, unknown>, 'name');
    detachField(meta as Record<string, unknown>, 'namespace');
  }
}

function detachField(o: Record<string, unknown>, key: string): void {
  const v = o[key];
  // An own string property only (a key like `__proto__` or an inherited name is left alone).
  if (typeof v === 'string' && v.length >= 13 && Object.prototype.hasOwnProperty.call(o, key)) o[key] = ownString(v);
}

// ---------------------------------------------------------------------------
// Byte-level helpers

/** Offsets where each line of `text` starts. */
function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The 0-based line holding `offset` (binary search over line starts). */
function lineIndexOf(starts: readonly number[], offset: number): number {
  return Math.max(0, upperBound(starts, offset) - 1);
}

function isInside(file: string, dir: string): boolean {
  const rel = path.relative(path.resolve(dir), file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

const NL_DASHES = Buffer.from('\n---');

/** The next line start at or after `from` + 1 that begins with `---` (a marker, if white space or the line end follows). */
function markerCandidate(buf: Buffer, from: number): number {
  const k = buf.indexOf(NL_DASHES, from);
  return k === -1 ? -1 : k + 1;
}

/** `---` followed by a space, tab, CR, LF (or the end of the stream, when `atEnd`). */
function isMarker(buf: Buffer, i: number, atEnd: boolean): boolean {
  if (buf[i] !== DASH || buf[i + 1] !== DASH || buf[i + 2] !== DASH) return false;
  const next = buf[i + 3];
  if (next === undefined) return atEnd;
  return next === 0x20 || next === 0x09 || next === 0x0d || next === NL;
}

function isMarkerPrefix(buf: Buffer, i: number): boolean {
  for (let j = i; j < buf.length && j < i + 3; j++) if (buf[j] !== DASH) return false;
  return true;
}

function countNewlines(buf: Buffer): number {
  let n = 0;
  for (let i = buf.indexOf(NL); i !== -1; i = buf.indexOf(NL, i + 1)) n++;
  return n;
}

/** True when the text holds only blank lines, comments and directives. */
function isPrologue(bytes: Buffer): boolean {
  if (!isUtf8(bytes)) return false;
  return bytes.toString('utf8').split('\n').every((line) => /^\s*(#.*)?$/.test(line) || line.startsWith('%'));
}

/** The first byte that is not UTF-8 text, or a NUL byte. */
function encodingProblem(data: Buffer): { offset: number; message: string } | undefined {
  if ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff)) {
    return { offset: 0, message: 'the file is UTF-16 (it starts with a UTF-16 byte order mark); podwright reads UTF-8 YAML' };
  }
  const nul = data.indexOf(0);
  const invalid = isUtf8(data) ? -1 : firstInvalidUtf8(data);
  if (nul === -1 && invalid === -1) return undefined;
  if (invalid === -1 || (nul !== -1 && nul < invalid)) {
    return { offset: nul, message: 'the document contains a NUL byte (binary data); YAML must be text' };
  }
  const b = data[invalid]!;
  return { offset: invalid, message: `the document is not valid UTF-8: byte 0x${b.toString(16).padStart(2, '0')} at byte offset ${invalid} of the document` };
}

function firstInvalidUtf8(data: Buffer): number {
  let i = 0;
  while (i < data.length) {
    const b = data[i]!;
    let need: number;
    let min: number;
    if (b < 0x80) { i++; continue; }
    if (b >= 0xc2 && b <= 0xdf) { need = 1; min = 0x80; }
    else if (b >= 0xe0 && b <= 0xef) { need = 2; min = 0x800; }
    else if (b >= 0xf0 && b <= 0xf4) { need = 3; min = 0x10000; }
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = data[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

function byteLineColumn(data: Buffer, offset: number): { line: number; column: number } {
  const before = data.subarray(0, offset);
  const lastNl = before.lastIndexOf(NL);
  return { line: countNewlines(before) + 1, column: offset - lastNl };
}

// ---------------------------------------------------------------------------
// Token- and node-level helpers

/** The offset of the first collection deeper than `max`, walking the token tree without recursion. */
function tooDeep(root: CST.Token, max: number): number | undefined {
  const stack: [CST.Token, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [token, depth] = stack.pop()!;
    switch (token.type) {
      case 'document':
        if (token.value) stack.push([token.value, depth]);
        break;
      case 'block-map':
      case 'block-seq':
      case 'flow-collection':
        if (depth + 1 > max) return token.offset;
        for (const item of token.items) {
          const entry = item as { key?: CST.Token | null; value?: CST.Token };
          if (entry.key) stack.push([entry.key, depth + 1]);
          if (entry.value) stack.push([entry.value, depth + 1]);
        }
        break;
      default:
        break;
    }
  }
  return undefined;
}

/**
 * Errors of the yaml package that kubectl (go-yaml v2) does not raise: go-yaml
 * accepts the escape \\' in double-quoted strings (the corpus file
 * pods/inject/envars-file-container.yaml reaches the API server with it). The
 * value keeps the backslash here, where go-yaml drops it.
 */
function goYamlAccepts(error: YAMLError, text: string): boolean {
  return error.code === 'BAD_DQ_ESCAPE' && text.slice(error.pos[0], error.pos[0] + 2) === "\\'";
}

const FIRST_LINE = /^(.*?)(?: at line \d+, column \d+)?:?(?:\n|$)/;

function syntaxProblem(error: YAMLError, toLocation: (offset: number) => SourceLocation): InputProblem {
  // kubectl's wording for tabs (go-yaml), so people can search for it.
  const text = error.code === 'TAB_AS_INDENT'
    ? 'found a tab character that violates indentation'
    : FIRST_LINE.exec(error.message)?.[1] ?? error.message;
  return {
    ruleId: 'yaml-syntax',
    message: `YAML syntax error: ${text}`,
    fix: error.code === 'TAB_AS_INDENT' ? 'Indent with spaces; YAML does not allow tabs in indentation.' : undefined,
    location: toLocation(error.pos[0]),
  };
}

function tagProblem(warning: YAMLError, toLocation: (offset: number) => SourceLocation): InputProblem {
  const tag = /Unresolved tag: (\S+)/.exec(warning.message)?.[1] ?? 'tag';
  const short = tag.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice('tag:yaml.org,2002:'.length)}` : tag;
  return {
    ruleId: 'yaml-syntax',
    message: `unknown YAML tag ${short}: kubectl cannot decode it (podwright never runs tags; the value was read as plain text)`,
    fix: 'Remove the tag; Kubernetes manifests use plain YAML values.',
    location: toLocation(warning.pos[0]),
  };
}

function keyString(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}

/** Duplicate keys, with the path of the repeated field, walking the tree without recursion. */
function duplicateKeys(root: ParsedNode | null, toLocation: (offset: number) => SourceLocation): InputProblem[] {
  const out: InputProblem[] = [];
  if (!root) return out;
  const stack: [YamlNode, Path][] = [[root, []]];
  while (stack.length > 0) {
    const [node, p] = stack.pop()!;
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = keyString(pair.key);
        if (key !== undefined) {
          if (key !== '<<' && seen.has(key)) {
            const range = (pair.key as YamlNode).range;
            out.push({
              ruleId: 'yaml-duplicate-key',
              message: `duplicate field "${key}"`,
              fix: 'Remove one of the two keys; the API server silently keeps only one of them.',
              path: [...p, key],
              location: toLocation(range?.[0] ?? 0),
            });
          }
          seen.add(key);
        }
        if (pair.value && !isAlias(pair.value)) stack.push([pair.value as YamlNode, [...p, key ?? '?']]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        if (item && !isAlias(item)) stack.push([item as YamlNode, [...p, i]]);
      });
    }
  }
  return out;
}

/** The offset of a field (its key, for mapping entries), or of its nearest ancestor in the source. */
function offsetOf(root: ParsedNode | null, p: Path): number | undefined {
  if (!root) return undefined;
  let node: YamlNode = root;
  let offset: number | undefined = root.range?.[0];
  for (const seg of p) {
    if (isMap(node)) {
      const pair = node.items.find((it) => isPair(it) && keyString(it.key) === String(segmentName(seg)));
      if (!pair || !isPair(pair)) break;
      offset = (pair.key as YamlNode | null)?.range?.[0] ?? offset;
      if (!pair.value || isAlias(pair.value) || !(pair.value as YamlNode).range) break;
      node = pair.value as YamlNode;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as YamlNode | undefined;
      if (!item || isAlias(item) || !item.range) break;
      offset = item.range[0];
      node = item;
    } else {
      break;
    }
  }
  return offset;
}
