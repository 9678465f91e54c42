/**
 * A worker thread that checks parts of files (see ./pool.ts and ./part.ts): it reads each
 * part from disk, parses and checks it with an engine of its own, and sends back the
 * results as plain data, with locations and document indices counted from the start of
 * the part (the main thread moves them).
 */
import { parentPort, workerData } from 'worker_threads';
import { ResolvedConfig } from '../config';
import { loadConfigFile } from '../config-file';
import { rulesOf } from '../rule-set';
import { CrdRegistry } from '../schema/crd-registry';
import { loadCrdFiles } from '../schema/crd-files';
import * as fastParseModule from '../yaml/fast-parse';
import { resultOf } from '../yaml/validate-files';
import { PartChecker } from './part';
import { RangeResult, RangeTask, WorkerSetup } from './protocol';

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

const setup = workerData as WorkerSetup;
const config = configOf(setup);
const checker = new PartChecker(config, setup.readOptions, setup.keepAllDocuments, resultOf);
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

let chain: Promise<void> = Promise.resolve();
parentPort!.on('message', (task: RangeTask) => {
  chain = chain.then(async () => {
    let result: RangeResult;
    try {
      fastDocuments = 0;
      result = await checker.check(task);
      if (result.kind === 'done') result = { ...result, fastDocuments };
    } catch (e) {
      result = { task: task.task, kind: 'failed', message: (e as Error).message, stack: (e as Error).stack };
    }
    parentPort!.postMessage(result);
  });
});
