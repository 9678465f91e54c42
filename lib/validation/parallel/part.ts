/**
 * Checks one part of a file (a byte range that starts at a document) with an engine of
 * its own: what a worker thread does (./worker.ts), and what the main thread does for the
 * parts it takes itself (./pool.ts). The results are plain data, with locations and
 * document indices counted from the start of the part.
 */
import * as fs from 'fs';
import { ResolvedConfig } from '../config';
import { Engine } from '../engine';
import { rulesOf } from '../rule-set';
import { isCrdObject } from '../schema/crd-registry';
import { Finding, ObjectInput, OutputRecord, Rule } from '../types';
import { isObject } from '../util/values';
import { fileOptions, ReadOptions, YamlStreamReader } from '../yaml/read';
import type { DocumentResult } from '../yaml/validate-files';
import { RangeResult, RangeTask } from './protocol';

/** An engine that also keeps the Namespaces it declares, so the main thread can declare them in turn. */
class RecordingEngine extends Engine {
  readonly namespaces: unknown[] = [];

  override declareNamespace(object: unknown): void {
    if (isObject(object) && object.kind === 'Namespace') this.namespaces.push(object);
    super.declareNamespace(object);
  }
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

/** Checks parts with one configuration; one part at a time. */
export class PartChecker {
  private readonly records: [string, OutputRecord][] = [];
  private readonly rules: readonly Rule[];

  /**
   * @param resultOf what the report keeps of one document (validate-files.ts's; given, so
   *   that this module does not import the one that imports it)
   */
  constructor(
    private readonly config: ResolvedConfig, private readonly readOptions: ReadOptions, private readonly keepAllDocuments: boolean,
    private readonly resultOf: (input: ObjectInput, findings: Finding[]) => DocumentResult,
  ) {
    this.rules = collectingRules(rulesOf(config), this.records);
  }

  async check(task: RangeTask): Promise<RangeResult> {
    const records = this.records;
    records.length = 0;
    const engine = new RecordingEngine(this.config, this.rules);
    engine.useNamespacePolicies(task.policies);
    const reader = new YamlStreamReader(task.shown, fileOptions(task.file, this.readOptions));
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
        if (this.keepAllDocuments || findings.length > 0 || mayGrow) documents.push(this.resultOf(input, findings));
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
      fastDocuments: 0,
    };
  }
}
