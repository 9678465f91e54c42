import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ResolvedConfig } from '../config';
import { Engine } from '../engine';
import { Finding, ObjectInput, ObjectRef, Report } from '../types';
import { ChunkedList } from '../util/chunked-list';
import { IntList } from '../util/compact-records';
import { asObject, field } from '../util/values';
import { PartChecker } from '../parallel/part';
import { checkInParts, ParallelDeclined, parallelCounters, ParallelOptions, PART_BYTES, PARALLEL_MIN_BYTES, PartUnreadable, workerCount, WorkerPool } from '../parallel/pool';
import { rulesOf } from '../rule-set';
import { readYamlFileBatches, readYamlString, ReadOptions } from './read';
import { DocumentResult, FindingSummary, ResultStore, StoredList } from './result-store';

export type { DocumentResult, FindingSummary, StoredList } from './result-store';

/**
 * The report of a run: the engine's, with the findings in a list read back from the run's
 * result store (see ./result-store.ts) rather than an array, so that memory stays flat.
 */
export interface RunReport extends Omit<Report, 'findings'> {
  /** Every finding, in the engine's order: each document's as it was checked, then those of finish(). */
  readonly findings: FindingList;
}

/**
 * Findings read back in order, with what the run knew of them as they were stored (an
 * array is a FindingList too: the reports compute what it does not say). A list made
 * anew says only what holds of it.
 */
export interface FindingList extends StoredList<Finding> {
  /** Counts and each rule's first finding. */
  readonly summary?: FindingSummary;
  /** The findings of the list that belong to no document of the run (cross-object rules), in order. */
  readonly unattached?: IndexedFindings;
}

/**
 * Findings read back in order or by position, each with the file the text report shows it
 * under (see shownFile) and a hash of its group there (that file and its object's label).
 */
export interface IndexedFindings extends StoredList<Finding> {
  at(i: number): Finding;
  /** groupHash (./result-store.ts) of the finding's shown file and object label: equal groups, equal hashes. */
  groupHash(i: number): number;
  /** The number of the finding's shown file: 0, 1, ... in the order files first appear in the list. */
  fileOf(i: number): number;
  /** The shown files, by number. */
  readonly fileNames: readonly string[];
}

/** The file a finding of no document is shown under in the text report: its location's, else `(other)`. */
export function shownFile(f: Finding): string {
  return f.location?.file ?? '(other)';
}

/**
 * The findings of cross-object rules (they belong to no document), kept as the documents'
 * results are (./result-store.ts: in memory up to a bound, then in a temporary file), so
 * that memory stays flat however many there are.
 */
export class StoredFindings implements IndexedFindings {
  private readonly store: ResultStore;
  private readonly fileIds = new Map<string, number>();
  readonly fileNames: string[] = [];
  private readonly files = new IntList();

  constructor(options: { readonly memoryBytes?: number; readonly tmpDir?: string } = {}) {
    this.store = new ResultStore(options);
  }

  push(f: Finding): void {
    const file = shownFile(f);
    let id = this.fileIds.get(file);
    if (id === undefined) {
      id = this.fileNames.push(file) - 1;
      this.fileIds.set(file, id);
    }
    this.files.push(id);
    // Stored as a result of its own under its shown file, so that the store's group hash is the text report's.
    this.store.push({ file, object: f.object, findings: [f] });
  }

  seal(): void {
    this.store.seal();
  }

  close(): void {
    this.store.close();
  }

  get length(): number {
    return this.store.size;
  }

  /** Counts and each rule's first finding, in order. */
  get summary(): FindingSummary {
    return this.store.summary;
  }

  at(i: number): Finding {
    return this.store.at(i)!.findings[0]!;
  }

  groupHash(i: number): number {
    return this.store.groupHash(i);
  }

  fileOf(i: number): number {
    return this.files.get(i);
  }

  * [Symbol.iterator](): Iterator<Finding> {
    for (const [, d] of this.store.scan()) yield d.findings[0]!;
  }
}

/** Everything the report formats need about one run. */
export interface RunResult {
  readonly report: RunReport;
  /**
   * Documents read, in order: every one when `keepAllDocuments` was set (JUnit's one
   * test case per object), else only those with findings. Read back from a store that
   * spills to a temporary file, so memory stays flat on large inputs.
   */
  readonly documents: StoredList<DocumentResult>;
  /** How many documents were read. */
  readonly documentCount: number;
  /**
   * Where each document's findings sit in its file (by position in `documents`), for a
   * report that writes a repeated object's documents one after the other instead of
   * holding them all (see lineKey). Absent: not known.
   */
  readonly findingLines?: FindingLines;
  /** Every file read, in order, as shown (relative to cwd, forward slashes). */
  readonly files: readonly string[];
  readonly failOn: 'error' | 'warning';
  /**
   * Removes the temporary file the results spilled to, once the reports are written (it is
   * removed at exit otherwise); the result cannot be read after.
   */
  readonly close?: () => void;
}

/** The order of a finding in the text report's object groups: by line, then column; without a location, last. */
export function lineKey(f: Finding): number {
  return f.location ? f.location.line * 1e6 + f.location.column : Number.MAX_SAFE_INTEGER;
}

/**
 * Per document of one list (`of`, by position): the least and greatest lineKey of its
 * findings; NaN when not known (or a finding has no location). A run whose documents were
 * replaced (the server layer adds findings) has figures for a list it no longer has.
 */
export class FindingLines {
  constructor(readonly of: StoredList<DocumentResult>) {}

  private readonly min = new ChunkedList(Float64Array, 1024);
  private readonly max = new ChunkedList(Float64Array, 1024);

  /** Records the next document's findings; `known` false when they may still change. */
  push(findings: readonly Finding[], known: boolean): void {
    let lo = Infinity;
    let hi = -Infinity;
    for (const f of findings) {
      if (!f.location) known = false;
      const k = lineKey(f);
      if (k < lo) lo = k;
      if (k > hi) hi = k;
    }
    this.min.push(known ? lo : NaN);
    this.max.push(known ? hi : NaN);
  }

  least(i: number): number {
    return i < this.min.length ? this.min.get(i) : NaN;
  }

  greatest(i: number): number {
    return i < this.max.length ? this.max.get(i) : NaN;
  }
}

/** A file that cannot be read, or a target that does not exist (exit code 2). */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

export interface ValidateFilesOptions {
  readonly config: ResolvedConfig;
  /** Absolute static-pod folders. */
  readonly staticPodDirs?: readonly string[];
  /** Treat every input as a static Pod manifest. */
  readonly staticPods?: boolean;
  /** @default process.cwd() */
  readonly cwd?: string;
  /** Keep a result for every document, not only those with findings (JUnit needs them). @default false */
  readonly keepAllDocuments?: boolean;
  /** What `-` reads. @default process.stdin */
  readonly stdin?: AsyncIterable<Uint8Array | string>;
  /** Called with every document read, in order, after the engine checked it (the server layer keeps them). Keeps the run in one thread. */
  readonly onInput?: (input: ObjectInput) => void;
  /** Bytes of results held in memory before the rest go to a temporary file (see ./result-store.ts). @default 4 MiB */
  readonly resultMemoryBytes?: number;
  /**
   * Check large inputs in worker threads (lib/validation/parallel), with the same results.
   * @default - one thread
   */
  readonly parallel?: ParallelOptions;
}

const YAML_EXT = /\.ya?ml$/i;
export const STDIN_NAME = '<stdin>';

/**
 * Validates files, folders (walked recursively for .yaml/.yml) and `-` (stdin).
 * Documents stream through the engine one at a time: findings are kept, objects are not.
 */
export async function validateFiles(targets: readonly string[], options: ValidateFilesOptions): Promise<RunResult> {
  const cwd = options.cwd ?? process.cwd();
  const files = expandTargets(targets, cwd);
  const engine = new Engine(options.config);
  const readOptions: ReadOptions = { staticPods: options.staticPods, staticPodDirs: options.staticPodDirs };
  // Objects may come before their Namespace: a first pass reads the Namespaces, so that
  // each object is judged at its Namespace's Pod Security level as it streams by.
  // Standard input is read twice from a temporary copy, so memory stays flat.
  let spill: string | undefined;
  try {
    if (files.includes('-')) {
      try {
        spill = await spillStdin(options.stdin ?? process.stdin);
      } catch (e) {
        throw new InputError(`${STDIN_NAME}: cannot read: ${(e as Error).message}`);
      }
    }
    const real = (file: string) => (file === '-' ? spill! : path.resolve(cwd, file));
    let crds = false;
    for (const file of files) crds = (await declareNamespaces(engine, real(file), readOptions)) || crds;
    const pool = startPool(engine, files.map(real), crds, readOptions, options);
    try {
      return await checkFiles(engine, files, real, cwd, readOptions, options, pool);
    } catch (e) {
      if (!(e instanceof ParallelDeclined)) throw e;
    } finally {
      await pool?.pool.close();
    }
    // A part held a CRD the scan did not see: everything again, in one thread.
    const again = new Engine(options.config);
    for (const file of files) await declareNamespaces(again, real(file), readOptions);
    return await checkFiles(again, files, real, cwd, readOptions, options, undefined);
  } finally {
    if (spill) fs.rmSync(path.dirname(spill), { recursive: true, force: true });
  }
}

/**
 * Worker threads for this run, or undefined for one thread: when asked for, the input is
 * large enough, nothing needs every object in this thread (`onInput`), the input mentions
 * no CustomResourceDefinition (objects may come before their CRD) and every cross-object
 * rule has steps (a plugin's rule written with visit/finish sees every object).
 */
function startPool(engine: Engine, files: readonly string[], crds: boolean, readOptions: ReadOptions, options: ValidateFilesOptions): { pool: WorkerPool; parallel: ParallelOptions } | undefined {
  const parallel = options.parallel;
  if (!parallel || options.onInput || crds || !engine.outputRulesHaveSteps) return undefined;
  const workers = workerCount(parallel);
  if (workers < 1) return undefined;
  let bytes = 0;
  for (const file of files) {
    try {
      bytes += fs.statSync(file).size;
    } catch {
      // the main pass reports it
    }
  }
  if (bytes < (parallel.minBytes ?? PARALLEL_MIN_BYTES)) return undefined;
  const { plugins, crdRegistry, ...plain } = options.config;
  const pool = new WorkerPool(workers, {
    recipe: parallel.config,
    config: plain,
    ruleIds: rulesOf(options.config).map((r) => r.meta.id),
    readOptions,
    keepAllDocuments: options.keepAllDocuments === true,
    countFastPath: parallelCounters.enabled,
  });
  return { pool, parallel };
}

async function checkFiles(
  engine: Engine, files: readonly string[], real: (file: string) => string, cwd: string, readOptions: ReadOptions, options: ValidateFilesOptions,
  workers: { pool: WorkerPool; parallel: ParallelOptions } | undefined,
): Promise<RunResult> {
  // Results go to a store that spills to a temporary file past a bound; the findings the
  // engine recorded (checked here, or adopted from a worker) are released once the store has them.
  const documents = new ResultStore({ live: (r) => engine.mayGrow(r.findings), dropEmpty: !options.keepAllDocuments, memoryBytes: options.resultMemoryBytes });
  // Cross-object findings (finish()) go to a store of their own as they are found.
  const crossObject = new StoredFindings({ memoryBytes: options.resultMemoryBytes });
  engine.sendCrossObjectFindingsTo((f) => crossObject.push(f));
  const findingLines = new FindingLines(documents);
  /** The one point where a document's result is handed on. */
  const keep = (result: DocumentResult) => {
    engine.releaseFindings();
    // Lines of a result whose findings may still grow (see mayGrow) are not known.
    findingLines.push(result.findings, !engine.mayGrow(result.findings));
    documents.push(result);
  };
  try {
    let documentCount = 0;
    const shownFiles = files.map((file) => (file === '-' ? STDIN_NAME : displayPath(file, cwd)));
    if (workers) {
      try {
        const parts = files.map((file, i) => ({ file: real(file), shown: shownFiles[i]! }));
        const partBytes = workers.parallel.partBytes ?? PART_BYTES;
        const local = new PartChecker(options.config, readOptions, options.keepAllDocuments === true, resultOf);
        documentCount = await checkInParts(workers.pool, engine, parts, keep, { partBytes, workers: workerCount(workers.parallel), readOptions, local });
      } catch (e) {
        if (e instanceof PartUnreadable) throw new InputError(`${e.shown}: cannot read: ${e.message}`);
        throw e;
      }
    }
    for (const [i, file] of (workers ? [] : files).entries()) {
      const shown = shownFiles[i]!;
      const batches = readYamlFileBatches(real(file), readOptions, shown);
      for (;;) {
        let next: IteratorResult<Iterable<ObjectInput>>;
        try {
          next = await batches.next();
        } catch (e) {
          throw new InputError(`${shown}: cannot read: ${(e as Error).message}`);
        }
        if (next.done) break;
        const pulled = next.value[Symbol.iterator]();
        for (;;) {
          let doc: IteratorResult<ObjectInput>;
          try {
            doc = pulled.next(); // parses the document
          } catch (e) {
            throw new InputError(`${shown}: cannot read: ${(e as Error).message}`);
          }
          if (doc.done) break;
          const input = doc.value;
          documentCount++;
          const findings = engine.check(input);
          options.onInput?.(input);
          // A custom resource read before its CRD gets its findings at finish(), into the same list.
          if (options.keepAllDocuments || findings.length > 0 || engine.mayGrow(findings)) keep(resultOf(input, findings));
        }
      }
    }
    engine.releaseFindings(); // the last part's, adopted after its documents were handed on
    const finished = engine.finish(); // late findings of custom resources; cross-object findings went to crossObject
    documents.seal();
    crossObject.seal();
    return {
      report: {
        ...finished,
        findings: reportFindings(documents, finished.findings, crossObject),
        skipped: finished.skipped.map((s) => documents.compactSkipped(s)),
      },
      documents,
      documentCount,
      findingLines,
      files: shownFiles,
      failOn: options.config.failOn,
      // Bound, not an arrow: an arrow here would keep this function's scope, and the engine in it, alive.
      close: closeStores.bind(undefined, documents, crossObject),
    };
  } catch (e) {
    closeStores(documents, crossObject);
    throw e;
  }
}

function closeStores(documents: ResultStore, crossObject: StoredFindings): void {
  documents.close();
  crossObject.close();
}

/**
 * The run's findings in the engine's order (each document's as checked, then finish()'s:
 * the late findings of custom resources, which belong to their documents, then those of
 * cross-object rules), their summary, and those that belong to no document.
 */
function reportFindings(store: ResultStore, late: readonly Finding[], crossObject: StoredFindings): FindingList {
  const stored = store.summary;
  const first = new Map(stored.firstByRule);
  let { errors, warnings, infos } = stored;
  for (const f of late) {
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
    else infos++;
    if (!first.has(f.ruleId)) first.set(f.ruleId, f);
  }
  const other = crossObject.summary;
  errors += other.errors;
  warnings += other.warnings;
  infos += other.infos;
  for (const [rule, f] of other.firstByRule) if (!first.has(rule)) first.set(rule, f);
  const summary: FindingSummary = { errors, warnings, infos, firstByRule: first };
  return {
    length: errors + warnings + infos,
    summary,
    unattached: crossObject,
    * [Symbol.iterator]() {
      yield* store.checkedFindings();
      yield* late;
      yield* crossObject;
    },
  };
}

/** Copies standard input to a file in a new temporary folder (removed by the caller). */
async function spillStdin(stdin: AsyncIterable<Uint8Array | string>): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podwright-stdin-'));
  const file = path.join(dir, 'stdin.yaml');
  const fd = fs.openSync(file, 'w');
  try {
    for await (const chunk of stdin) fs.writeSync(fd, typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
  } finally {
    fs.closeSync(fd);
  }
  return file;
}

const SCAN_BYTES = 1024 * 1024;
const NAMESPACE_WORD = Buffer.from('Namespace');
const NEWLINE = 0x0a;
/** Seen anywhere in a file, the run stays in one thread (see startPool). */
const CRD_WORD = Buffer.from('CustomResourceDefinition');
/** A document's `kind: Namespace` (block style, at the top level) or `"kind": "Namespace"` (flow style). */
const NAMESPACE_KIND = /^kind:[ \t]*["']?Namespace["']?[ \t]*(?:#.*)?$|"kind"[ \t]*:[ \t]*"Namespace"/gm;
/** One scan buffer for the whole run (files are scanned one after the other). */
let scanBuffer: Buffer | undefined;
/** One window for documentEdge, for the whole run. */
let edgeBuffer: Buffer | undefined;

/**
 * Declares to the engine every Namespace in one file, without parsing the rest of it:
 * the file is scanned a megabyte at a time for `kind: Namespace`, and only the documents
 * around a match (between the `---` lines before and after it) are read and parsed.
 * Errors are left to the main pass, which reports them. Returns true when the file
 * mentions CustomResourceDefinition anywhere.
 */
async function declareNamespaces(engine: Engine, file: string, readOptions: ReadOptions): Promise<boolean> {
  let fd: number | undefined;
  let crds = false;
  const starts = new Set<number>();
  try {
    fd = fs.openSync(file, 'r');
    const size = fs.fstatSync(fd).size;
    const buf = (scanBuffer ??= Buffer.allocUnsafe(SCAN_BYTES));
    for (let position = 0; position < size;) {
      const n = fs.readSync(fd, buf, 0, SCAN_BYTES, position);
      if (n <= 0) break;
      const chunk = buf.subarray(0, n);
      crds ||= chunk.includes(CRD_WORD);
      // Only the lines that hold the word are made strings: a string of the whole chunk
      // per read left a megabyte of garbage each, 50-90 MB before V8 collected them.
      for (let hit = chunk.indexOf(NAMESPACE_WORD); hit !== -1;) {
        const lineStart = chunk.lastIndexOf(NEWLINE, hit) + 1;
        const newline = chunk.indexOf(NEWLINE, hit);
        const lineEnd = newline === -1 ? n : newline;
        const line = chunk.toString('latin1', lineStart, lineEnd); // byte offsets = character offsets
        for (const m of line.matchAll(NAMESPACE_KIND)) {
          const at = position + lineStart + m.index!;
          const start = documentEdge(fd, at, size, -1);
          if (starts.has(start)) continue;
          starts.add(start);
          const end = documentEdge(fd, at, size, 1);
          const doc = Buffer.allocUnsafe(end - start);
          fs.readSync(fd, doc, 0, end - start, start);
          for (const input of readYamlString(doc.toString('utf8'), file, readOptions)) engine.declareNamespace(input.object);
        }
        hit = newline === -1 ? -1 : chunk.indexOf(NAMESPACE_WORD, newline);
      }
      if (position + n >= size) break;
      position += n - 64; // a match may straddle two reads
    }
  } catch {
    // the main pass reports what cannot be read
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  return crds;
}

/**
 * The byte offset where the YAML document around `at` begins (direction -1: just after
 * the `---` line before it, or 0) or ends (direction 1: the start of the next `---` line,
 * or the end of the file), read from the file in small windows.
 */
function documentEdge(fd: number, at: number, size: number, direction: -1 | 1): number {
  const WINDOW = 64 * 1024;
  const buf = (edgeBuffer ??= Buffer.allocUnsafe(WINDOW + 4));
  if (direction < 0) {
    for (let end = at; end > 0;) {
      const begin = Math.max(0, end - WINDOW);
      const n = fs.readSync(fd, buf, 0, Math.min(end + 4, size) - begin, begin);
      const text = buf.subarray(0, n).toString('latin1');
      const i = text.lastIndexOf('\n---', end - begin);
      if (i !== -1) {
        const lineEnd = text.indexOf('\n', i + 1);
        return lineEnd === -1 ? begin + n : begin + lineEnd + 1;
      }
      if (begin === 0) return text.startsWith('---') ? (text.indexOf('\n') + 1 || n) : 0;
      end = begin + 4;
    }
    return 0;
  }
  for (let begin = at; begin < size;) {
    const n = fs.readSync(fd, buf, 0, Math.min(WINDOW, size - begin), begin);
    const text = buf.subarray(0, n).toString('latin1');
    const i = text.indexOf('\n---');
    if (i !== -1) return begin + i + 1;
    if (begin + n >= size) return size;
    begin += n - 4;
  }
  return size;
}

/** What a report says an object is: apiVersion, kind, namespace, name (or generateName), those present. */
export function objectRefOf(value: unknown): ObjectRef {
  const metadata = asObject(field(value, 'metadata'));
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const object: { -readonly [K in keyof ObjectRef]: ObjectRef[K] } = {};
  const apiVersion = str(field(value, 'apiVersion'));
  const kind = str(field(value, 'kind'));
  const namespace = str(field(metadata, 'namespace'));
  const name = str(field(metadata, 'name')) ?? str(field(metadata, 'generateName'));
  if (apiVersion !== undefined) object.apiVersion = apiVersion;
  if (kind !== undefined) object.kind = kind;
  if (namespace !== undefined) object.namespace = namespace;
  if (name !== undefined) object.name = name;
  return object;
}

export function resultOf(input: ObjectInput, findings: Finding[]): DocumentResult {
  const object = objectRefOf(input.object);
  const location = input.locate?.([]) ?? input.problems?.[0]?.location;
  // Built by assignment, keys in the report's order: object spreads would give every kept result its own hidden class.
  const result: { -readonly [K in keyof DocumentResult]?: DocumentResult[K] } = {};
  if (input.file !== undefined) result.file = input.file;
  if (input.documentIndex !== undefined) result.documentIndex = input.documentIndex;
  result.object = object;
  if (location) result.location = location;
  result.findings = findings;
  return result as DocumentResult;
}

/** Files to read, in a stable order; throws InputError for a missing target. */
export function expandTargets(targets: readonly string[], cwd: string): string[] {
  const out: string[] = [];
  for (const target of targets) {
    if (target === '-') {
      out.push('-');
      continue;
    }
    const abs = path.resolve(cwd, target);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch {
      throw new InputError(`${target}: no such file or folder.`);
    }
    if (stat.isDirectory()) {
      const found = walk(abs);
      out.push(...found);
    } else {
      out.push(abs);
    }
  }
  return out;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch (e) {
      throw new InputError(`${current}: cannot read the folder: ${(e as Error).message}`);
    }
    const subdirs: string[] = [];
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = path.join(current, entry.name);
      // Symbolic links to folders are not followed (no loops); links to files are read.
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== '.git') subdirs.push(full);
      } else if ((entry.isFile() || entry.isSymbolicLink()) && YAML_EXT.test(entry.name)) {
        if (entry.isSymbolicLink()) {
          try {
            if (!fs.statSync(full).isFile()) continue;
          } catch {
            continue;
          }
        }
        out.push(full);
      }
    }
    stack.push(...subdirs.reverse());
  }
  return out.sort();
}

/** Relative to cwd with forward slashes when inside it, else absolute. */
export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, path.resolve(cwd, file));
  const shown = rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? path.resolve(cwd, file) : rel;
  return shown.split(path.sep).join('/');
}
