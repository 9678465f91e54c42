/**
 * A worker thread that checks parts of files (see ./pool.ts): it reads its byte range
 * from disk, parses and checks each document with an engine of its own, and sends back
 * per-document results as plain data, with locations and document indices counted from
 * the start of the part (the main thread moves them).
 */
import * as fs from 'fs';
import { parentPort, workerData } from 'worker_threads';
import { ResolvedConfig } from '../config';
import { loadConfigFile } from '../config-file';
import { Engine } from '../engine';
import { rulesOf } from '../rule-set';
import { CrdRegistry, isCrdObject } from '../schema/crd-registry';
import { loadCrdFiles } from '../schema/crd-files';
import { ObjectInput, OutputRecord, Rule } from '../types';
import { isObject } from '../util/values';
import * as fastParseModule from '../yaml/fast-parse';
import { fileOptions, YamlStreamReader } from '../yaml/read';
import { DocumentResult, resultOf } from '../yaml/validate-files';
import { RangeResult, RangeTask, WorkerSetup } from './protocol';

/** An engine that also keeps the Namespaces it declares, so the main thread can declare them in turn. */
class RecordingEngine extends Engine {
  readonly namespaces: unknown[] = [];

  override declareNamespace(object: unknown): void {
    if (isObject(object) && object.kind === 'Namespace') this.namespaces.push(object);
    super.declareNamespace(object);
  }
}

/** The run's configuration, rebuilt from its plain parts and the files it was loaded from. */
function configOf(setup: WorkerSetup): ResolvedConfig {
  const loaded = loadConfigFile({ file: setup.recipe.file, cwd: setup.recipe.cwd }).config;
  const crdRegistry = setup.recipe.crdFiles.length > 0
    ? loadCrdFiles(setup.recipe.crdFiles, setup.recipe.cwd, '--crd', new CrdRegistry(loaded.crdRegistry))
    : loaded.crdRegistry;
  const config: ResolvedConfig = { ...setup.config, plugins: loaded.plugins, crdRegistry };
  const ids = rulesOf(config).map((r) => r.meta.id).join(',');
  if (ids !== setup.ruleIds.join(',')) throw new Error(`a worker thread loaded other rules than the main thread (${ids})`);
  return config;
}

/** Records per object instead of sessions: a cross-object rule's collect step, its records kept for the main thread. */
function collectingRules(rules: readonly Rule[], records: [string, OutputRecord][]): Rule[] {
  return rules.map((rule): Rule => {
    if (rule.meta.scope !== 'output' || !('steps' in rule) || !rule.steps) return rule;
    const { steps, meta } = rule;
    const emit = (record: OutputRecord) => records.push([meta.id, record]);
    return { meta, create: () => ({ visit: (target, anchor) => steps.collect(target, anchor, emit), finish: () => undefined }) };
  });
}

/** True for a CustomResourceDefinition, or a List that holds one. */
function holdsCrd(object: unknown): boolean {
  if (isCrdObject(object)) return true;
  const items = isObject(object) ? object.items : undefined;
  return Array.isArray(items) && items.some(isCrdObject);
}

// eslint-disable-next-line @typescript-eslint/no-empty-function
async function* noChunks(): AsyncGenerator<Buffer> {}

/** A reading or parsing error: the main thread reports `<file>: cannot read: <message>` (exit code 2). */
class Unreadable {
  constructor(readonly message: string) {}
}

const setup = workerData as WorkerSetup;
const config = configOf(setup);
const records: [string, OutputRecord][] = [];
const rules = collectingRules(rulesOf(config), records);
let fastDocuments = 0;
if (setup.countFastPath) {
  // As bench/lib/validate-child.js counts in the main thread: the reader calls fastParse
  // through the module object in the compiled build (swc's modules have getters only: not counted).
  const mod = fastParseModule as { fastParse: typeof fastParseModule.fastParse };
  const fastParse = mod.fastParse;
  try {
    mod.fastParse = (...args) => {
      const doc = fastParse(...args);
      if (doc !== undefined) fastDocuments++;
      return doc;
    };
  } catch {
    // not counted
  }
}

async function check(task: RangeTask): Promise<RangeResult> {
  records.length = 0;
  fastDocuments = 0;
  const engine = new RecordingEngine(config, rules);
  engine.useNamespacePolicies(task.policies);
  const reader = new YamlStreamReader(task.shown, fileOptions(task.file, setup.readOptions));
  const documents: DocumentResult[] = [];
  let inputs = 0;
  let pending = 0;
  let crd = false;
  const take = (batch: Iterable<ObjectInput>) => {
    const pulled = batch[Symbol.iterator]();
    for (;;) {
      let doc: IteratorResult<ObjectInput>;
      try {
        doc = pulled.next(); // parses the document
      } catch (e) {
        throw new Unreadable((e as Error).message);
      }
      if (doc.done) break;
      const input = doc.value;
      inputs++;
      if (holdsCrd(input.object)) crd = true;
      const findings = engine.check(input);
      const mayGrow = engine.mayGrow(findings);
      if (mayGrow) pending++;
      if (setup.keepAllDocuments || findings.length > 0 || mayGrow) documents.push(resultOf(input, findings));
    }
  };
  try {
    // An empty part (an empty file) has nothing to read; createReadStream takes an inclusive end.
    const empty = task.end !== undefined && task.end <= task.start;
    const chunks: AsyncIterator<Buffer> = empty ? noChunks() : fs.createReadStream(task.file, {
      start: task.start, end: task.end === undefined ? undefined : task.end - 1, highWaterMark: 64 * 1024,
    })[Symbol.asyncIterator]();
    for (;;) {
      let next: IteratorResult<Buffer>;
      try {
        next = await chunks.next();
      } catch (e) {
        throw new Unreadable((e as Error).message);
      }
      if (next.done) break;
      take(reader.push(next.value));
    }
    take(reader.end());
  } catch (e) {
    if (e instanceof Unreadable) return { task: task.task, kind: 'unreadable', message: e.message };
    throw e;
  }
  if (crd) return { task: task.task, kind: 'crd' };
  const report = engine.finish();
  // The input holds no CRD (the main thread made sure), so every object of an unknown kind
  // is "not checked": the first ones waited for finish() (they come last in `skipped`), the
  // ones past the engine's limit were reported at once. In document order:
  const skipped = report.skipped;
  const notChecked = [...skipped.slice(skipped.length - pending), ...skipped.slice(0, skipped.length - pending)];
  const consumed = reader.consumed;
  return {
    task: task.task,
    kind: 'done',
    documents,
    inputs,
    documentIndices: consumed.documents,
    lines: consumed.lines,
    objectCount: report.objectCount,
    levelCounts: report.podSecurityLevels ?? { privileged: 0, baseline: 0, restricted: 0 },
    records: records.splice(0),
    notChecked,
    namespaces: engine.namespaces,
    fastDocuments,
  };
}

let chain: Promise<void> = Promise.resolve();
parentPort!.on('message', (task: RangeTask) => {
  chain = chain.then(async () => {
    let result: RangeResult;
    try {
      result = await check(task);
    } catch (e) {
      result = { task: task.task, kind: 'failed', message: (e as Error).message, stack: (e as Error).stack };
    }
    parentPort!.postMessage(result);
  });
});
