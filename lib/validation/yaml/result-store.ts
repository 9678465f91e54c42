import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Finding, ObjectRef, Severity, SkippedObject, SourceLocation } from '../types';
import { ChunkedList } from '../util/chunked-list';
import { ownString, sharedString } from '../util/values';

/**
 * The results of a run, kept so that memory stays flat however large the input: each
 * document's result is written as a compact record (JSON of an array, the strings that
 * repeat written once in a shared table) as it is handed in, held in memory up to a bound
 * and then in a temporary file, and read back, in order, as many times as the report
 * formats need (the text report also reads single documents by position). Counts per
 * severity and each rule's first finding are kept as they come, so no report reads the
 * findings only to count them.
 *
 * The temporary file is unlinked as soon as it is opened (POSIX keeps it while the file
 * descriptor is open, and the system reclaims it however the process ends); where that is
 * refused (Windows), it is removed by `close()` or at exit.
 */

/** A list read back in order, as often as needed, without holding it whole. Arrays are such lists. */
export interface StoredList<T> extends Iterable<T> {
  readonly length: number;
}

/** One document that was read, with the findings the engine gave it. The object itself is not kept. */
export interface DocumentResult {
  readonly file?: string;
  readonly documentIndex?: number;
  readonly object: ObjectRef;
  readonly location?: SourceLocation;
  readonly findings: readonly Finding[];
}

/** What the reports need to know about a list of findings before they write it. */
export interface FindingSummary {
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  /** Each rule's first finding, in the order rules first appear. */
  readonly firstByRule: ReadonlyMap<string, Finding>;
}

/** `Deployment/default/web`, `Namespace/prod`, or `document 3` for something that is not an object. */
export function objectLabel(ref: ObjectRef, documentIndex?: number): string {
  if (ref.kind === undefined && ref.name === undefined) {
    return documentIndex === undefined ? '(no object)' : `document ${documentIndex + 1}`;
  }
  return [ref.kind ?? '(no kind)', ...(ref.namespace !== undefined ? [ref.namespace] : []), ref.name ?? '(no name)'].join('/');
}

/** The file a document's findings are shown under in the text report. */
export function documentFile(d: DocumentResult): string {
  return d.file ?? '(in memory)';
}

/** FNV-1a of a document's file and label: equal keys have equal hashes (the text report groups by them). */
export function groupHash(d: DocumentResult): number {
  return hash32(`${documentFile(d)}\u0000${objectLabel(d.object, d.documentIndex)}`);
}

function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Documents by position (what the text report reads); `at` is undefined for a position the list leaves out. */
export interface IndexedDocuments {
  readonly size: number;
  at(i: number): DocumentResult | undefined;
  groupHash(i: number): number;
  /** The documents in order with their positions; `skip(i)` true passes one over unread. */
  scan(skip?: (i: number) => boolean): Iterable<[number, DocumentResult]>;
}

/** A list of documents as IndexedDocuments: a ResultStore is one, an array is wrapped. */
export function indexed(list: StoredList<DocumentResult>): IndexedDocuments {
  if (list instanceof ResultStore) return list;
  const items = Array.isArray(list) ? list as readonly DocumentResult[] : [...list];
  return {
    size: items.length,
    at: (i) => items[i],
    groupHash: (i) => groupHash(items[i]!),
    *scan(skip) {
      for (let i = 0; i < items.length; i++) if (!skip?.(i)) yield [i, items[i]!];
    },
  };
}

/** Counts and first findings of a list of findings, read once. */
export function summarize(findings: Iterable<Finding>, into?: SummaryCounter): FindingSummary {
  const counter = into ?? new SummaryCounter();
  for (const f of findings) counter.add(f);
  return counter.result();
}

/** A FindingSummary built a finding at a time. */
export class SummaryCounter {
  private errors = 0;
  private warnings = 0;
  private infos = 0;
  private readonly firstByRule = new Map<string, Finding>();

  add(f: Finding): void {
    if (f.severity === 'error') this.errors++;
    else if (f.severity === 'warning') this.warnings++;
    else this.infos++;
    if (!this.firstByRule.has(f.ruleId)) this.firstByRule.set(f.ruleId, f);
  }

  result(): FindingSummary {
    return { errors: this.errors, warnings: this.warnings, infos: this.infos, firstByRule: new Map(this.firstByRule) };
  }
}

export interface ResultStoreOptions {
  /** Bytes of records held in memory before they go to a temporary file. @default 4 MiB */
  readonly memoryBytes?: number;
  /**
   * True for a result whose findings may still grow (an object read before its CRD: the
   * engine adds to its list at finish()): it stays in memory, as it is.
   * @default - none
   */
  readonly live?: (result: DocumentResult) => boolean;
  /** Leave out, when read, live results that ended without findings. @default false */
  readonly dropEmpty?: boolean;
  /** The folder for the temporary file. @default os.tmpdir() */
  readonly tmpDir?: string;
}

/** Records kept in memory, then spilled. */
const DEFAULT_MEMORY_BYTES = 4 * 1024 * 1024;
/** Distinct strings the shared table holds at most (later ones are written in full). */
const TABLE_SIZE = 16_384;
/** Longer strings are written in full. */
const TABLE_MAX_LENGTH = 256;
/** Bytes read at a time when reading records in order. */
const READ_BYTES = 1024 * 1024;
/** Bytes written at a time. */
const WRITE_BYTES = 256 * 1024;
/** Blocks of the temporary file `at` keeps (see ResultStore.block): 2 MiB. A block holds a few records: an object repeated in every part of a large file (a repeated example) has its documents read one after the other, and the next object's are in the same blocks; more blocks than such a run of reads touches are kept. */
const BLOCK_BYTES = 4 * 1024;
const CACHED_BLOCKS = 512;

/** Temporary files not yet removed (where unlinking an open file is refused), removed at exit. */
const leftovers = new Set<string>();
let exitHook = false;
function removeAtExit(dir: string): void {
  leftovers.add(dir);
  if (exitHook) return;
  exitHook = true;
  process.on('exit', () => {
    for (const d of leftovers) {
      try {
        fs.rmSync(d, { recursive: true, force: true });
      } catch {
        // nothing more to do at exit
      }
    }
  });
}

type Str = string | number | null;
type Loc = [Str, number, number] | null;
type Ref = [Str, Str, Str, Str];

/**
 * Document results in the order they were pushed: `push` one at a time, `seal` when the
 * run is over, then read (`for...of`, `at`, `findings()`), and `close` at the end.
 */
export class ResultStore implements StoredList<DocumentResult>, IndexedDocuments {
  private readonly dropEmpty: boolean;
  private readonly tmpDir: string | undefined;
  /** The `live` option until seal() (it may hold the engine: not kept while the reports are written). */
  private isLive: ((result: DocumentResult) => boolean) | undefined;
  private readonly memoryBytes: number;
  /** Shared string table: ids by string, strings by id. */
  private readonly ids = new Map<string, number>();
  private readonly strings: string[] = [];
  /** Position i's record starts at offsets[i] and ends at offsets[i + 1] (file mode). */
  private readonly offsets = new ChunkedList(Float64Array, 1024);
  private readonly hashes = new ChunkedList(Uint32Array, 1024);
  private count = 0;
  /** Records while in memory (undefined for live results). */
  private memory: (string | undefined)[] | undefined = [];
  private memoryUsed = 0;
  private readonly live = new Map<number, DocumentResult>();
  /** Findings each live result had when it was pushed. */
  private readonly liveCheckCount = new Map<number, number>();
  private fd: number | undefined;
  private dir: string | undefined;
  private written = 0;
  private writeBuf: Buffer | undefined;
  private writeUsed = 0;
  private sealed = false;
  private closed = false;
  /** Blocks of the temporary file read by `at`, least recently used first. */
  private readonly blocks = new Map<number, Buffer>();
  private readonly counter = new SummaryCounter();

  constructor(options: ResultStoreOptions = {}) {
    this.dropEmpty = options.dropEmpty === true;
    this.tmpDir = options.tmpDir;
    this.memoryBytes = options.memoryBytes ?? DEFAULT_MEMORY_BYTES;
    this.isLive = options.live;
  }

  /** Hands in the next document's result. */
  push(result: DocumentResult): void {
    if (this.sealed) throw new Error('ResultStore: push after seal');
    const i = this.count;
    this.hashes.set(i, groupHash(result));
    for (const f of result.findings) this.counter.add(f);
    this.count++;
    if (this.isLive?.(result)) {
      this.live.set(i, result);
      this.liveCheckCount.set(i, result.findings.length);
      this.append(undefined);
      return;
    }
    this.append(JSON.stringify(this.encode(result)));
  }

  /** Ends the pushing: what is buffered is written. */
  seal(): void {
    if (this.sealed) return;
    this.sealed = true;
    this.isLive = undefined;
    this.flush();
  }

  /** Removes the temporary file; the store cannot be read after. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.memory = undefined;
    this.blocks.clear();
    if (this.fd !== undefined) {
      try {
        fs.closeSync(this.fd);
      } catch {
        // already closed
      }
      this.fd = undefined;
    }
    if (this.dir !== undefined) {
      fs.rmSync(this.dir, { recursive: true, force: true });
      leftovers.delete(this.dir);
      this.dir = undefined;
    }
  }

  /** True once the records went to a temporary file. */
  get spilled(): boolean {
    return this.fd !== undefined;
  }

  /** The temporary file's folder while it exists (tests). */
  get temporaryFolder(): string | undefined {
    return this.dir;
  }

  /** Results read back: all pushed, less the live ones left empty when `dropEmpty`. */
  get length(): number {
    let n = this.count;
    if (this.dropEmpty) for (const r of this.live.values()) if (r.findings.length === 0) n--;
    return n;
  }

  get size(): number {
    return this.count;
  }

  /** Counts over the findings each result had when it was pushed (a live result's later findings are not in it). */
  get summary(): FindingSummary {
    return this.counter.result();
  }

  groupHash(i: number): number {
    return this.hashes.get(i);
  }

  [Symbol.iterator](): Iterator<DocumentResult> {
    const it = this.scan()[Symbol.iterator]();
    return { next: () => { const n = it.next(); return n.done ? { done: true, value: undefined } : { done: false, value: n.value[1] }; } };
  }

  /** The result at position i (undefined when it is left out). */
  at(i: number): DocumentResult | undefined {
    this.checkReadable();
    if (i < 0 || i >= this.count) return undefined;
    const live = this.live.get(i);
    if (live) return this.dropEmpty && live.findings.length === 0 ? undefined : live;
    if (this.memory) return this.decode(this.memory[i]!);
    const start = this.offsets.get(i);
    const end = this.offsets.get(i + 1);
    const first = Math.floor(start / BLOCK_BYTES);
    if (end - start <= BLOCK_BYTES && Math.floor((end - 1) / BLOCK_BYTES) === first) {
      const block = this.block(first);
      return this.decode(block.toString('utf8', start - first * BLOCK_BYTES, end - first * BLOCK_BYTES));
    }
    const buf = Buffer.allocUnsafe(end - start);
    readFully(this.fd!, buf, end - start, start);
    return this.decode(buf.toString('utf8'));
  }

  /**
   * Block `n` of the temporary file (BLOCK_BYTES from n * BLOCK_BYTES), from the few last
   * read: the text report reads the later documents of an object's group one at a time,
   * and the next group's are their neighbours (one read a block, not one a document).
   */
  private block(n: number): Buffer {
    let block = this.blocks.get(n);
    if (block !== undefined) {
      this.blocks.delete(n); // most recently used last
      this.blocks.set(n, block);
      return block;
    }
    if (this.blocks.size >= CACHED_BLOCKS) {
      const oldest = this.blocks.keys().next().value as number;
      const reused = this.blocks.get(oldest)!;
      this.blocks.delete(oldest);
      block = reused.length === BLOCK_BYTES ? reused : Buffer.allocUnsafe(BLOCK_BYTES);
    } else {
      block = Buffer.allocUnsafe(BLOCK_BYTES);
    }
    const from = n * BLOCK_BYTES;
    const length = readFully(this.fd!, block, Math.min(BLOCK_BYTES, this.written - from), from);
    const view = block.subarray(0, length);
    this.blocks.set(n, view.length === BLOCK_BYTES ? block : view);
    return view;
  }

  *scan(skip?: (i: number) => boolean): Generator<[number, DocumentResult]> {
    this.checkReadable();
    if (this.memory) {
      const memory = this.memory;
      for (let i = 0; i < this.count; i++) {
        if (skip?.(i)) continue;
        const d = this.liveOrDecode(i, memory[i]);
        if (d) yield [i, d];
      }
      return;
    }
    let block = Buffer.allocUnsafe(READ_BYTES);
    let blockStart = 0;
    let blockLength = 0;
    for (let i = 0; i < this.count; i++) {
      if (skip?.(i)) continue;
      const start = this.offsets.get(i);
      const end = this.offsets.get(i + 1);
      if (end === start) {
        const d = this.liveOrDecode(i, undefined);
        if (d) yield [i, d];
        continue;
      }
      if (start < blockStart || end > blockStart + blockLength) {
        if (end - start > block.length) block = Buffer.allocUnsafe(end - start);
        blockStart = start;
        blockLength = readFully(this.fd!, block, Math.min(block.length, this.written - start), start);
      }
      yield [i, this.decode(block.toString('utf8', start - blockStart, end - blockStart))];
    }
  }

  /**
   * The findings each result had when it was pushed, in order: what the engine reported
   * while checking (a live result's later findings come from finish()).
   */
  *checkedFindings(): Generator<Finding> {
    for (const [i, d] of this.scan()) {
      const n = this.liveCheckCount.get(i);
      if (n === undefined) yield* d.findings;
      else for (let k = 0; k < n; k++) yield d.findings[k]!;
    }
  }

  /** The live results (their findings may have grown since they were pushed). */
  liveResults(): Iterable<DocumentResult> {
    return this.live.values();
  }

  /**
   * A copy of a finding that shares no storage with the document it came from (its strings
   * from the shared table, or copied): for findings kept beside the store, such as those
   * of cross-object rules, whose names would otherwise hold their documents' text.
   */
  compact(f: Finding): Finding {
    const out: { -readonly [K in keyof Finding]: Finding[K] } = {
      ruleId: this.own(f.ruleId)!,
      layer: f.layer,
      severity: f.severity,
      message: this.own(f.message)!,
      fix: this.own(f.fix)!,
      object: this.compactRef(f.object),
      path: this.own(f.path)!,
    };
    if (f.location) out.location = this.compactLocation(f.location);
    if (f.constructPath !== undefined) out.constructPath = this.own(f.constructPath);
    return out;
  }

  /** A skipped object, compacted as `compact` does a finding. */
  compactSkipped(s: SkippedObject): SkippedObject {
    const out: { -readonly [K in keyof SkippedObject]: SkippedObject[K] } = { object: this.compactRef(s.object), reason: this.own(s.reason)! };
    if (s.location) out.location = this.compactLocation(s.location);
    if (s.constructPath !== undefined) out.constructPath = this.own(s.constructPath);
    return out;
  }

  private own(s: string | undefined): string | undefined {
    const v = this.str(s);
    return typeof v === 'number' ? this.strings[v] : v === null ? undefined : ownString(v);
  }

  private compactRef(o: ObjectRef): ObjectRef {
    const ref: { -readonly [K in keyof ObjectRef]: ObjectRef[K] } = {};
    if (o.apiVersion !== undefined) ref.apiVersion = this.own(o.apiVersion);
    if (o.kind !== undefined) ref.kind = this.own(o.kind);
    if (o.namespace !== undefined) ref.namespace = this.own(o.namespace);
    if (o.name !== undefined) ref.name = this.own(o.name);
    return ref;
  }

  private compactLocation(l: SourceLocation): SourceLocation {
    return { file: this.own(l.file)!, line: l.line, column: l.column };
  }

  private liveOrDecode(i: number, record: string | undefined): DocumentResult | undefined {
    if (record !== undefined) return this.decode(record);
    const live = this.live.get(i)!;
    return this.dropEmpty && live.findings.length === 0 ? undefined : live;
  }

  private checkReadable(): void {
    if (this.closed) throw new Error('ResultStore: read after close');
    if (!this.sealed) this.seal();
  }

  /** Appends position count-1's record (undefined: a live result, no bytes). */
  private append(record: string | undefined): void {
    const i = this.count - 1;
    if (this.memory) {
      this.memory.push(record);
      this.memoryUsed += record === undefined ? 0 : record.length;
      if (this.memoryUsed > this.memoryBytes) this.spill();
      return;
    }
    this.writeRecord(i, record);
  }

  /** Moves the records held in memory to a new temporary file; later records go there directly. */
  private spill(): void {
    const memory = this.memory!;
    const dir = fs.mkdtempSync(path.join(this.tmpDir ?? os.tmpdir(), 'podwright-results-'));
    const file = path.join(dir, 'results');
    this.dir = dir;
    this.fd = fs.openSync(file, 'w+');
    try {
      fs.unlinkSync(file);
      fs.rmdirSync(dir);
      this.dir = undefined;
    } catch {
      removeAtExit(dir);
    }
    this.memory = undefined;
    this.memoryUsed = 0;
    this.writeBuf = Buffer.allocUnsafe(WRITE_BYTES);
    for (let i = 0; i < memory.length; i++) this.writeRecord(i, memory[i]);
  }

  private writeRecord(i: number, record: string | undefined): void {
    this.offsets.set(i, this.written);
    if (record !== undefined) {
      const buf = this.writeBuf!;
      if (WRITE_BYTES - this.writeUsed < record.length * 3) { // UTF-8 takes at most 3 bytes per UTF-16 unit
        this.flush();
        if (record.length * 3 > WRITE_BYTES) {
          const bytes = Buffer.from(record, 'utf8');
          writeFully(this.fd!, bytes, this.written);
          this.written += bytes.length;
          this.offsets.set(i + 1, this.written);
          return;
        }
      }
      const n = buf.write(record, this.writeUsed);
      this.writeUsed += n;
      this.written += n;
    }
    this.offsets.set(i + 1, this.written);
  }

  private flush(): void {
    if (this.fd === undefined || this.writeUsed === 0) return;
    writeFully(this.fd, this.writeBuf!.subarray(0, this.writeUsed), this.written - this.writeUsed);
    this.writeUsed = 0;
  }

  // -------------------------------------------------------------------------
  // Records: [file, documentIndex, apiVersion, kind, namespace, name, location, findings...],
  // nine slots a finding: ruleId, layer, severity, message, fix, object (0: the document's),
  // path, location, constructPath. A string is its id in the table, or itself; absent is null.

  private str(s: string | undefined): Str {
    if (s === undefined) return null;
    const id = this.ids.get(s);
    if (id !== undefined) return id;
    if (this.strings.length >= TABLE_SIZE || s.length > TABLE_MAX_LENGTH) return s;
    // A copy: a string sliced from a document's text would keep the whole text alive. The
    // shared one: the engine's interned messages and paths, and the rules' literal fixes,
    // are that very copy, so lookups find them by identity.
    const own = sharedString(s);
    this.ids.set(own, this.strings.length);
    this.strings.push(own);
    return this.strings.length - 1;
  }

  private loc(l: SourceLocation | undefined): Loc {
    return l ? [this.str(l.file), l.line, l.column] : null;
  }

  private encode(r: DocumentResult): unknown[] {
    const o = r.object;
    const out: unknown[] = [this.str(r.file), r.documentIndex ?? null, this.str(o.apiVersion), this.str(o.kind), this.str(o.namespace), this.str(o.name), this.loc(r.location)];
    for (const f of r.findings) {
      const fo = f.object;
      const same = fo.apiVersion === o.apiVersion && fo.kind === o.kind && fo.namespace === o.namespace && fo.name === o.name;
      out.push(
        this.str(f.ruleId), this.str(f.layer), this.str(f.severity), this.str(f.message), this.str(f.fix),
        same ? 0 : [this.str(fo.apiVersion), this.str(fo.kind), this.str(fo.namespace), this.str(fo.name)] as Ref,
        this.str(f.path), this.loc(f.location), this.str(f.constructPath),
      );
    }
    return out;
  }

  private s(v: Str): string | undefined {
    return v === null ? undefined : typeof v === 'number' ? this.strings[v] : v;
  }

  private ref(a: Str, k: Str, ns: Str, n: Str): ObjectRef {
    const ref: { -readonly [K in keyof ObjectRef]: ObjectRef[K] } = {};
    if (a !== null) ref.apiVersion = this.s(a);
    if (k !== null) ref.kind = this.s(k);
    if (ns !== null) ref.namespace = this.s(ns);
    if (n !== null) ref.name = this.s(n);
    return ref;
  }

  private location(l: Loc): SourceLocation | undefined {
    return l === null ? undefined : { file: this.s(l[0])!, line: l[1], column: l[2] };
  }

  private decode(text: string): DocumentResult {
    const a = JSON.parse(text) as unknown[];
    const object = this.ref(a[2] as Str, a[3] as Str, a[4] as Str, a[5] as Str);
    const findings: Finding[] = [];
    for (let k = 7; k < a.length; k += 9) {
      const fo = a[k + 5] as 0 | Ref;
      const f: { -readonly [K in keyof Finding]: Finding[K] } = {
        ruleId: this.s(a[k] as Str)!,
        layer: this.s(a[k + 1] as Str) as Finding['layer'],
        severity: this.s(a[k + 2] as Str) as Severity,
        message: this.s(a[k + 3] as Str)!,
        fix: this.s(a[k + 4] as Str)!,
        object: fo === 0 ? object : this.ref(fo[0], fo[1], fo[2], fo[3]),
        path: this.s(a[k + 6] as Str)!,
      };
      const location = this.location(a[k + 7] as Loc);
      if (location) f.location = location;
      const constructPath = this.s(a[k + 8] as Str);
      if (constructPath !== undefined) f.constructPath = constructPath;
      findings.push(f);
    }
    // Keys in the order validate-files builds them (the JSON report prints them in this order).
    const result: { -readonly [K in keyof DocumentResult]?: DocumentResult[K] } = {};
    const file = this.s(a[0] as Str);
    if (file !== undefined) result.file = file;
    if (a[1] !== null) result.documentIndex = a[1] as number;
    result.object = object;
    const location = this.location(a[6] as Loc);
    if (location) result.location = location;
    result.findings = findings;
    return result as DocumentResult;
  }
}


function readFully(fd: number, buf: Buffer, length: number, position: number): number {
  let done = 0;
  while (done < length) {
    const n = fs.readSync(fd, buf, done, length - done, position + done);
    if (n <= 0) break;
    done += n;
  }
  return done;
}

function writeFully(fd: number, bytes: Buffer, position: number): void {
  let done = 0;
  while (done < bytes.length) done += fs.writeSync(fd, bytes, done, bytes.length - done, position + done);
}
