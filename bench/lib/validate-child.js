'use strict';
// One validate measurement in its own process: node bench/lib/validate-child.js <file> [format] [validate options]
// Runs `podwright validate <file> --format <format>` in-process through the CLI's run()
// (reading, all four layers with the default configuration, and formatting the report),
// with the report written to a byte counter instead of a terminal.
const path = require('path');
const { performance } = require('perf_hooks');
const BUILD = path.join(__dirname, '..', 'out', 'build');

const [file, format = 'text', ...extra] = process.argv.slice(2);
// PODWRIGHT_BENCH_WORKERS=N measures `--workers N` (worker threads beside the main thread) in every run of the bench.
if (process.env.PODWRIGHT_BENCH_WORKERS) extra.push('--workers', process.env.PODWRIGHT_BENCH_WORKERS);
const t0 = performance.now();
const cli = require(path.join(BUILD, 'lib', 'cli', 'main.js'));
const { RULES } = require(path.join(BUILD, 'lib', 'validation', 'rules', 'index.js'));
const { Engine } = require(path.join(BUILD, 'lib', 'validation', 'engine.js'));
const fastParseModule = require(path.join(BUILD, 'lib', 'validation', 'yaml', 'fast-parse.js'));
// Large inputs are checked in worker threads: they count their own documents and fast-path
// documents and hand the counts to the main thread (lib/validation/parallel/pool.ts).
const { parallelCounters } = require(path.join(BUILD, 'lib', 'validation', 'parallel', 'pool.js'));
parallelCounters.enabled = true;
const loadMs = performance.now() - t0;
// Counts the documents the fast YAML path read (the reader calls it through the module object).
let fastDocuments = 0;
const fastParse = fastParseModule.fastParse;
fastParseModule.fastParse = function countingFastParse(...args) {
  const doc = fastParse.apply(this, args);
  if (doc !== undefined) fastDocuments++;
  return doc;
};
// Counts documents and findings as the engine sees them (the report itself is only counted in bytes).
let documents = 0;
let findings = 0;
// Documents with a YAML syntax error: no reader can read them; the fast path declines them
// and the full reader reports the error (counted in this thread only; see inWorkers).
let syntaxErrorDocuments = 0;
const check = Engine.prototype.check;
Engine.prototype.check = function countingCheck(input) {
  documents++;
  if (input.problems && input.problems.some((p) => p.ruleId === 'yaml-syntax')) syntaxErrorDocuments++;
  return check.call(this, input);
};
// validate-files hands what the engine recorded to its result store and releases it from
// the engine (Engine.releaseFindings): counted as it goes, then what finish() adds.
const release = Engine.prototype.releaseFindings;
Engine.prototype.releaseFindings = function countingRelease() {
  findings += this.findings.length;
  return release.call(this);
};
// Cross-object findings go to a sink as finish() finds them (Engine.sendCrossObjectFindingsTo),
// not into finish()'s report: counted on their way there.
const send = Engine.prototype.sendCrossObjectFindingsTo;
Engine.prototype.sendCrossObjectFindingsTo = function countingSink(sink) {
  return send.call(this, (f) => { findings++; sink(f); });
};
const finish = Engine.prototype.finish;
Engine.prototype.finish = function countingFinish() {
  const report = finish.call(this);
  findings += report.findings.length;
  return report;
};
let reportBytes = 0;
const sink = { write: (s) => { reportBytes += Buffer.byteLength(s); return true; }, isTTY: false };
const io = { stdout: sink, stderr: sink, stdin: process.stdin, cwd: process.cwd(), env: {} };
const t1 = performance.now();
cli.run(['validate', file, '--format', format, ...extra], io).then((exitCode) => {
  const ms = performance.now() - t1;
  // performance.now() counts from the process's start: the wall time of the whole process
  // (node start, module load, reading, checking, the report), as kubeconform's is measured.
  const wallMs = performance.now();
  const layers = [...new Set(RULES.map((r) => r.meta.layer))].sort();
  // The main thread's own counts (above) include the parts it checks itself in a parallel run.
  const inWorkers = parallelCounters.documents;
  documents += inWorkers;
  fastDocuments += parallelCounters.fastDocuments;
  process.stdout.write(`${JSON.stringify({
    file: path.basename(file), format, exitCode, documents, fastDocuments, syntaxErrorDocuments, inWorkers, findings, reportBytes,
    rules: RULES.length, layers, loadMs, ms, wallMs, docsPerSec: documents / (wallMs / 1000),
    maxRssKB: process.resourceUsage().maxRSS,
    // CPU time of the whole process (every thread: V8's compiler and GC threads, worker threads), in ms.
    cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
  })}\n`);
});
