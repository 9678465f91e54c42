/**
 * Checks large inputs on every core: files are split at document boundaries into parts
 * of a few megabytes; worker threads (./worker.ts) each read, parse and check one part at
 * a time with an engine of their own; the main thread takes the parts' results in
 * document order, moves their line numbers and document indices (adding those of the
 * parts before), hands each document's result on, and gives the main engine the rest
 * (findings, counts, cross-object records, objects not checked), so that it finishes the
 * run as if it had checked every document itself: the reports are the same byte for byte.
 *
 * What the parts cannot know of each other, and how it is kept exact:
 * - Namespace policies: each part starts from the policies the main engine holds when the
 *   part is sent (the pre-pass's Namespaces, plus those of the parts taken so far). When a
 *   part is taken, the main engine's policies must be the ones it started from; if an
 *   earlier part changed them (a Namespace declared twice with other labels, or one the
 *   pre-pass did not find), the part is checked again from the right ones.
 * - CRDs in the input: objects may come before their CRD; the one-thread engine checks
 *   them at the end. The caller runs in one thread when any file mentions
 *   CustomResourceDefinition; a part that meets one written with YAML escapes makes the
 *   run start over in one thread (ParallelDeclined).
 * - Objects of unknown kinds: the workers say which, in order; the main engine reports
 *   them as not checked in the one-thread order (Engine.adopt).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { Engine, listItems } from '../engine';
import { Finding, ObjectInput, OutputRecord, SkippedObject, SourceLocation } from '../types';
import { Interner } from '../util/interner';
import { upperBound } from '../util/sorted';
import { isObject } from '../util/values';
import { readYamlString, ReadOptions } from '../yaml/read';
import type { DocumentResult } from '../yaml/validate-files';
import { PartChecker } from './part';
import { ConfigRecipe, RangeResult, RangeTask, WorkerSetup } from './protocol';

export interface ParallelOptions {
  /** How the workers rebuild the configuration (what the CLI loaded it from). */
  readonly config: ConfigRecipe;
  /** Use worker threads only when the files add up to this many bytes. @default PARALLEL_MIN_BYTES */
  readonly minBytes?: number;
  /** Bytes in one part (it ends at the next document boundary). @default PART_BYTES */
  readonly partBytes?: number;
  /** Worker threads; 0 checks in this thread. @default 0 (see DEFAULT_WORKERS) */
  readonly workers?: number;
}

/**
 * Below this, one thread: starting a worker, loading the rules and the schemas in it,
 * costs about 150 ms of CPU, more than checking a small file takes.
 */
export const PARALLEL_MIN_BYTES = 4 * 1024 * 1024;
/** Parts of this size keep both workers busy and the results waiting in the main thread small. */
export const PART_BYTES = 2 * 1024 * 1024;

/**
 * Worker threads when none are asked for: none. Measured on the 2-core machine the team
 * shares (bench/lib/validate-child.js, --workers 0, 1 and 2 alternating, load 5-12; the
 * kernel shares CPU per session, so a run's threads split its share), one worker beside
 * the main thread was 1.4-1.9x slower on the 20,000-document corpora, two 1.6-2.8x, at
 * 50-60 MB more peak RSS per worker: each isolate compiles and warms up the rules on its
 * own, and V8's background work (GC, compiler) grows with the isolates. Where cores are
 * free, `--workers N` may pay; measure.
 */
export const DEFAULT_WORKERS = 0;

/** How many worker threads a run uses (never more than the machine has cores). */
export function workerCount(options: ParallelOptions): number {
  return Math.min(options.workers ?? DEFAULT_WORKERS, os.availableParallelism());
}

/**
 * What the benchmark counts (bench/lib/validate-child.js): documents checked in worker
 * threads and those of them the fast YAML path read, and documents of the parts the main
 * thread checked itself (through its own modules). Off unless `enabled` is set.
 */
export const parallelCounters = { enabled: false, documents: 0, fastDocuments: 0, mainDocuments: 0 };

/** A part met a CRD the scan did not see: the caller starts the run over in one thread. */
export class ParallelDeclined extends Error {}

/** A file to check: its real path and its name in reports. */
export interface PartFile {
  readonly file: string;
  readonly shown: string;
}

/** A part read by a worker that could not read it: `<file>: cannot read: <message>`. */
export class PartUnreadable extends Error {
  constructor(readonly shown: string, message: string) {
    super(message);
  }
}

/** The worker threads of one run. Close it on every path (`close()` ends them all). */
export class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: RangeTask[] = [];
  private readonly waiting = new Map<number, { resolve: (r: RangeResult) => void; reject: (e: Error) => void }>();
  private failure: Error | undefined;

  constructor(count: number, setup: WorkerSetup) {
    for (let i = 0; i < count; i++) {
      const worker = startWorker(setup);
      worker.on('message', (result: RangeResult) => {
        const waiter = this.waiting.get(result.task);
        this.waiting.delete(result.task);
        this.idle.push(worker);
        this.pump();
        waiter?.resolve(result);
      });
      worker.on('error', (e) => this.fail(e));
      worker.on('exit', (code) => this.fail(new Error(`a worker thread stopped (exit code ${code})`)));
      this.workers.push(worker);
      this.idle.push(worker);
    }
  }

  /** Checks one part in the next free worker. */
  run(task: RangeTask): Promise<RangeResult> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.set(task.task, { resolve, reject });
      this.queue.push(task);
      this.pump();
    });
  }

  /** Ends every worker thread. */
  async close(): Promise<void> {
    this.failure ??= new Error('the worker threads were closed');
    const workers = this.workers.splice(0);
    for (const w of workers) w.removeAllListeners('exit');
    await Promise.all(workers.map((w) => w.terminate()));
    this.fail(this.failure);
  }

  private pump(): void {
    while (this.idle.length > 0 && this.queue.length > 0) this.idle.pop()!.postMessage(this.queue.shift()!);
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const waiter of this.waiting.values()) waiter.reject(this.failure);
    this.waiting.clear();
  }
}

/** Starts one worker: the compiled worker.js, or from the TypeScript sources through the swc require hook (tests, PODWRIGHT_FROM_SOURCE). */
function startWorker(setup: WorkerSetup): Worker {
  const options = { workerData: setup, stdout: false, stderr: false };
  if (!__filename.endsWith('.ts')) return new Worker(path.join(__dirname, 'worker.js'), options);
  const register = path.resolve(__dirname, '..', '..', '..', 'scripts', 'register.js');
  const source = `require(${JSON.stringify(register)}); require(${JSON.stringify(path.join(__dirname, 'worker.ts'))});`;
  return new Worker(source, { ...options, eval: true });
}

/**
 * Checks files in parts on the pool's workers; hands each document's result on in
 * document order (`keep`, the one hand-off point) and gives the main engine what the
 * workers found. Returns how many documents were read.
 */
export async function checkInParts(
  pool: WorkerPool, engine: Engine, files: readonly PartFile[], keep: (result: DocumentResult) => void,
  options: { readonly partBytes: number; readonly workers: number; readonly readOptions: ReadOptions; readonly local: PartChecker },
): Promise<number> {
  // The main thread checks every (workers + 1)-th part itself, when its turn comes (with the
  // policies the parts before it left: never again); the workers check the others, ahead.
  const isLocal = (task: RangeTask) => task.task % (options.workers + 1) === 0;
  const ahead = 2 * options.workers + 1;
  // Each part starts from the Namespace policies the documents before it leave: those the
  // engine holds now, changed by the Namespaces found before the part's start, in order.
  const tasks: RangeTask[] = [];
  const policiesAt = new Engine(engine.config, []);
  policiesAt.useNamespacePolicies(engine.namespacePolicyEntries());
  for (const f of files) {
    const scan = scanFile(f.file);
    if (!scan) {
      tasks.push({ task: tasks.length, file: f.file, shown: f.shown, start: 0, policies: policiesAt.namespacePolicyEntries() });
      continue;
    }
    const namespaces = namespacesIn(f.file, f.shown, scan, options.readOptions);
    let n = 0;
    for (const [start, end] of partsOf(scan, options.partBytes)) {
      for (; n < namespaces.length && namespaces[n]!.at < start; n++) policiesAt.declareNamespace(namespaces[n]!.object);
      tasks.push({ task: tasks.length, file: f.file, shown: f.shown, start, end, policies: policiesAt.namespacePolicyEntries() });
    }
    for (; n < namespaces.length; n++) policiesAt.declareNamespace(namespaces[n]!.object);
  }
  const sent = new Map<number, { key: string; result: Promise<RangeResult> }>();
  const send = (task: RangeTask, policies = task.policies) => {
    const result = pool.run({ ...task, policies });
    result.catch(() => undefined); // taken in order below; an early failure must not be unhandled
    sent.set(task.task, { key: JSON.stringify(policies), result });
  };
  const strings = new Interner(16384);
  let documents = 0;
  let file: string | undefined;
  let lineBase = 0;
  let indexBase = 0;
  let next = 0;
  for (const task of tasks) {
    for (; next < tasks.length && next <= task.task + ahead; next++) if (!isLocal(tasks[next]!)) send(tasks[next]!);
    if (task.file !== file) {
      file = task.file;
      lineBase = 0;
      indexBase = 0;
    }
    let result: RangeResult;
    if (isLocal(task)) {
      result = await options.local.check({ ...task, policies: engine.namespacePolicyEntries() });
    } else {
      result = await sent.get(task.task)!.result;
      if (sent.get(task.task)!.key !== JSON.stringify(engine.namespacePolicyEntries())) {
        // An earlier part changed the Namespace policies this part was checked with: again, from the right ones.
        send(task, engine.namespacePolicyEntries());
        result = await sent.get(task.task)!.result;
      }
      sent.delete(task.task);
    }
    if (result.kind === 'failed') throw Object.assign(new Error(result.message), { stack: result.stack });
    if (result.kind === 'unreadable') throw new PartUnreadable(task.shown, result.message);
    if (result.kind === 'crd') throw new ParallelDeclined();
    const moved = mover(task.shown, lineBase);
    const findings: Finding[] = [];
    for (const d of result.documents) {
      const doc = d as { -readonly [K in keyof DocumentResult]: DocumentResult[K] };
      doc.file = task.shown;
      if (doc.documentIndex !== undefined) doc.documentIndex += indexBase;
      if (doc.location) doc.location = moved(doc.location);
      for (const f of doc.findings) {
        const finding = f as { -readonly [K in keyof Finding]: Finding[K] };
        finding.ruleId = strings.intern(finding.ruleId);
        finding.message = strings.intern(finding.message);
        finding.fix = strings.intern(finding.fix);
        if (finding.location) finding.location = moved(finding.location);
        findings.push(finding);
      }
      keep(doc);
    }
    for (const [, record] of result.records) {
      if (record.anchor?.location) (record.anchor as { location?: SourceLocation }).location = moved(record.anchor.location);
    }
    for (const s of result.notChecked) {
      if (s.location) (s as { location?: SourceLocation }).location = moved(s.location);
    }
    for (const namespace of result.namespaces) engine.declareNamespace(namespace);
    engine.adopt({
      findings, objectCount: result.objectCount, levelCounts: result.levelCounts,
      records: result.records as (readonly [string, OutputRecord])[], notChecked: result.notChecked as SkippedObject[],
    });
    documents += result.inputs;
    if (parallelCounters.enabled && isLocal(task)) {
      parallelCounters.mainDocuments += result.inputs;
    } else if (parallelCounters.enabled) {
      parallelCounters.documents += result.inputs;
      parallelCounters.fastDocuments += result.fastDocuments;
    }
    lineBase += result.lines;
    indexBase += result.documentIndices;
  }
  return documents;
}

/** Moves a location in the file by the lines of the parts before (locations elsewhere stay). */
function mover(shown: string, lines: number): (location: SourceLocation) => SourceLocation {
  return (l) => (l.file !== shown && l.file !== undefined ? l : { file: shown, line: l.line + lines, column: l.column });
}

/** What one pass over a file finds: its size, where its documents start, where "Namespace" occurs. */
export interface FileScan {
  readonly size: number;
  /** Offsets of the marker lines, ascending. */
  readonly markers: readonly number[];
  /** Offsets of the word "Namespace", ascending. */
  readonly namespaceWords: readonly number[];
}

const SCAN_BYTES = 1024 * 1024;
const MARKER = Buffer.from('\n---');
const NAMESPACE = Buffer.from('Namespace');

/**
 * Reads a file once, a megabyte at a time, for its marker lines (a line start, `---`, then
 * a space, tab, CR, LF or the end of the file: where the reader splits documents) and the
 * word "Namespace". Undefined when it cannot be read (the worker that reads it says why).
 */
export function scanFile(file: string): FileScan | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const size = fs.fstatSync(fd).size;
    const markers: number[] = [];
    const namespaceWords: number[] = [];
    const buf = Buffer.allocUnsafe(SCAN_BYTES);
    const isMarkerEnd = (b: number | undefined, at: number) => (b === undefined ? at === size : b === 0x20 || b === 0x09 || b === 0x0d || b === 0x0a);
    // Reads overlap by 9 bytes, so a "\n---" with the byte after it, and the word, are always seen whole in one.
    for (let begin = 0; begin < size;) {
      const n = fs.readSync(fd, buf, 0, Math.min(SCAN_BYTES, size - begin), begin);
      if (n <= 0) break;
      const text = buf.subarray(0, n);
      if (begin === 0 && n >= 3 && text[0] === 0x2d && text[1] === 0x2d && text[2] === 0x2d && isMarkerEnd(n > 3 ? text[3] : undefined, 3)) markers.push(0);
      for (let i = text.indexOf(MARKER); i !== -1; i = text.indexOf(MARKER, i + 1)) {
        const at = begin + i + 1;
        if (markers.length > 0 && at <= markers[markers.length - 1]!) continue;
        if (i + 4 < n ? isMarkerEnd(text[i + 4], at + 3) : at + 3 === size) markers.push(at);
      }
      for (let i = text.indexOf(NAMESPACE); i !== -1; i = text.indexOf(NAMESPACE, i + 1)) {
        const at = begin + i;
        if (namespaceWords.length === 0 || at > namespaceWords[namespaceWords.length - 1]!) namespaceWords.push(at);
      }
      if (begin + n >= size) break;
      begin += n - 9;
    }
    return { size, markers, namespaceWords };
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Byte ranges of about `partBytes` each that start at a marker line, never the file's
 * first one (comments and directives before it belong to the document after it).
 */
export function partsOf(scan: FileScan, partBytes: number): [number, number][] {
  const starts = [0];
  const markers = scan.markers;
  let m = 1; // markers[0], the first, never starts a part
  for (let target = partBytes; target < scan.size; target = starts[starts.length - 1]! + partBytes) {
    while (m < markers.length && markers[m]! < target) m++;
    if (m >= markers.length) break;
    starts.push(markers[m]!);
  }
  return starts.map((s, i) => [s, i + 1 < starts.length ? starts[i + 1]! : scan.size]);
}

/**
 * The objects the engine would declare as Namespaces, with where their documents start:
 * each document that holds the word is read, and its object (or each item of a List)
 * that is a Namespace kept. What a part starts from is then known before the parts
 * before it are checked.
 */
function namespacesIn(file: string, shown: string, scan: FileScan, readOptions: ReadOptions): { at: number; object: unknown }[] {
  const out: { at: number; object: unknown }[] = [];
  if (scan.namespaceWords.length === 0) return out;
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    let done = -1;
    for (const word of scan.namespaceWords) {
      if (word < done) continue;
      const k = upperBound(scan.markers, word); // markers[k - 1] <= word < markers[k]
      const start = k > 0 ? scan.markers[k - 1]! : 0;
      const end = k < scan.markers.length ? scan.markers[k]! : scan.size;
      done = end;
      const bytes = Buffer.allocUnsafe(end - start);
      fs.readSync(fd, bytes, 0, end - start, start);
      let inputs: ObjectInput[];
      try {
        inputs = readYamlString(bytes.toString('utf8'), shown, readOptions);
      } catch {
        continue; // the worker reports it
      }
      for (const input of inputs) {
        const items = listItems(input.object) ?? [input.object];
        for (const object of items) if (isObject(object) && object.kind === 'Namespace') out.push({ at: start, object });
      }
    }
  } catch {
    // the worker reports what cannot be read
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  return out;
}
