#!/usr/bin/env node
'use strict';
/**
 * `npm run bench`: podwright's speed where users feel it, against peers, on this machine.
 *
 *   1. render   N ReplicatedApps synthesized with validation on, vs plain cdk8s-plus-28
 *               Deployments with app.synth() (no validation), vs JSON.stringify of the same objects
 *   2. validate realistic corpora (bench/lib/corpora.js: cdk8s-plus-28's rendering, podwright's
 *               constructs, Helm-style text, the website examples, a mix) of 20,000 and 100,000
 *               documents with `podwright validate` (the CLI's run(), the report formatted into a
 *               byte counter), and kubeconform -strict on the same files in the same run
 *   3. latency  `podwright validate` on one small file, and `npm run synth` of apps/
 *
 * Every measurement runs in its own child process (peak RSS = that process's maxRSS),
 * from a compiled build in bench/out/build (so TypeScript transpiling is not timed).
 * The benchmark prints figures; nothing here asserts a time.
 *
 * Options: --quick (N=1,000 and 20,000 documents only), --only render|validate|latency (repeatable),
 *          --n 1000,10000, --no-build, --timeout SECONDS (per measurement, default 150),
 *          --runs N (validate runs per file size, median reported; default 3, 1 with --quick)
 */
const { execFileSync, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { performance } = require('perf_hooks');

const ROOT = path.join(__dirname, '..');
const OUT = path.join(__dirname, 'out');
const BUILD = path.join(OUT, 'build');
const NODE_FLAGS = ['--max-old-space-size=4096'];

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const values = (name) => argv.flatMap((a, i) => (a === name && argv[i + 1] ? [argv[i + 1]] : []));
const quick = flag('--quick');
const only = new Set(values('--only'));
const want = (part) => only.size === 0 || only.has(part);
const ns = values('--n').length > 0 ? values('--n')[0].split(',').map(Number) : quick ? [1000] : [1000, 10000];
const docCounts = quick ? [20000] : [20000, 100000];
const VALIDATE_RUNS = Number(values('--runs')[0] ?? (quick ? 1 : 3));

const results = { machine: machine(), render: [], validate: [], latency: {} };

function machine() {
  return { node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memGiB: Math.round(os.totalmem() / 2 ** 30) };
}

function log(line = '') {
  process.stdout.write(`${line}\n`);
}

function build() {
  const t = performance.now();
  fs.mkdirSync(OUT, { recursive: true });
  const tsc = spawnSync(process.execPath, [
    require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json',
    '--outDir', BUILD,
  ], { cwd: ROOT, encoding: 'utf8' });
  if (tsc.status !== 0) {
    // tsc still emits JavaScript on type errors; the benchmark measures what was emitted.
    log(`note: tsc reported type errors (the build was emitted anyway):\n${tsc.stdout.split('\n').slice(0, 6).join('\n')}`);
  }
  // Assets tsc does not copy (the schema JSON).
  for (const file of walk(path.join(ROOT, 'lib'))) {
    if (file.endsWith('.json')) {
      const dest = path.join(BUILD, path.relative(ROOT, file));
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      fs.copyFileSync(file, dest);
    }
  }
  log(`built bench/out/build in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** A measurement that takes longer than this is stopped and reported as timed out. */
const CHILD_TIMEOUT_S = Number(values('--timeout')[0] ?? 150);

function child(script, args) {
  const r = spawnSync(process.execPath, [...NODE_FLAGS, path.join(__dirname, 'lib', script), ...args], {
    cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' },
    timeout: CHILD_TIMEOUT_S * 1000, killSignal: 'SIGKILL',
  });
  if (r.error && r.error.code === 'ETIMEDOUT') return { timedOut: true, script, args };
  if (r.status !== 0) throw new Error(`${script} ${args.join(' ')} failed (exit ${r.status}):\n${r.stderr.slice(-3000)}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

const mb = (kb) => kb / 1024;
const fmt = (x, d = 0) => x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const pad = (s, w) => String(s).padStart(w);

function render() {
  log('\n== 1. Render at scale (construct + synth, in-process wall time; peak RSS of the process) ==');
  for (const n of ns) {
    const rows = {};
    for (const mode of ['podwright', 'plus', 'json']) {
      rows[mode] = child('render-child.js', [mode, String(n), path.join(OUT, `render-${mode}-${n}`)]);
      if (rows[mode].timedOut) rows[mode] = { ...rows[mode], mode, n };
      else results.render.push(rows[mode]);
      fs.rmSync(path.join(OUT, `render-${mode}-${n}`), { recursive: true, force: true });
      // The limit child builds the same podwright objects: skip it when podwright itself timed out.
      if (mode === 'podwright' && rows[mode].timedOut) break;
    }
    if (rows.podwright.timedOut) {
      log(`N = ${fmt(n)}   podwright: TIMED OUT after ${CHILD_TIMEOUT_S} s (see bench/README.md: quadratic cost); rest of this N skipped`);
      continue;
    }
    log(`N = ${fmt(n)}   (podwright: ${rows.podwright.what}; ${rows.podwright.objects} objects)`);
    log(`  ${'side'.padEnd(44)} ${pad('construct ms', 12)} ${pad('synth ms', 10)} ${pad('total ms', 10)} ${pad('peak RSS MB', 12)} ${pad('objects/s', 10)} ${pad('us/app', 8)}`);
    for (const [label, r] of [
      ['podwright (validated, written)', rows.podwright],
      ['cdk8s-plus-28 kplus.Deployment (no validation)', rows.plus],
      ['limit: JSON.stringify of podwright objects', rows.json],
    ]) {
      log(`  ${label.padEnd(44)} ${pad(fmt(r.constructMs), 12)} ${pad(fmt(r.synthMs), 10)} ${pad(fmt(r.totalMs), 10)} ${pad(fmt(mb(r.maxRssKB)), 12)} ${pad(fmt(r.objects / (r.totalMs / 1000)), 10)} ${pad(fmt((r.totalMs * 1000) / n), 8)}`);
    }
    log(`  ratio podwright / cdk8s-plus-28: time ${fmt(rows.podwright.totalMs / rows.plus.totalMs, 2)} (target <= 1.0), peak RSS ${fmt(rows.podwright.maxRssKB / rows.plus.maxRssKB, 2)} (target <= 1.0)`);
  }
  if (ns.length > 1) {
    const [a, b] = [ns[0], ns[ns.length - 1]];
    for (const mode of ['podwright', 'plus']) {
      const ra = results.render.find((r) => r.mode === mode && r.n === a);
      const rb = results.render.find((r) => r.mode === mode && r.n === b);
      if (!ra || !rb) continue;
      log(`  growth ${mode} N=${fmt(a)} -> ${fmt(b)}: time per app x${fmt((rb.totalMs / b) / (ra.totalMs / a), 2)}, peak RSS per app x${fmt((rb.maxRssKB / b) / (ra.maxRssKB / a), 2)} (target <= 1.2)`);
    }
  }
}

const KUBECONFORM_DIR = path.join(ROOT, '..', 'shared', 'peers', 'kubeconform-0.7.0');

/** kubeconform -strict on one file: wall time and peak RSS of the process (GNU time). */
function kubeconform(file, workers) {
  const bin = path.join(KUBECONFORM_DIR, 'kubeconform');
  const args = ['-strict', '-summary', '-ignore-missing-schemas', '-schema-location', path.join(KUBECONFORM_DIR, 'schemas', '{{ .ResourceKind }}{{ .KindSuffix }}.json')];
  if (workers) args.push('-n', String(workers));
  const t = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', bin, ...args, file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - t;
  if (r.error) throw r.error;
  const summary = /(\d+) resources found/.exec(r.stdout);
  const rss = Number(r.stderr.trim().split('\n').pop());
  return { ms, documents: summary ? Number(summary[1]) : NaN, docsPerSec: summary ? Number(summary[1]) / (ms / 1000) : NaN, maxRssKB: rss };
}

function haveKubeconform() {
  return fs.existsSync(path.join(KUBECONFORM_DIR, 'kubeconform')) && fs.existsSync('/usr/bin/time');
}

function validate() {
  log('\n== 2. Validate at scale: realistic corpora, podwright and kubeconform in the same run ==');
  log('  podwright: `podwright validate FILE` (all four layers, default config, text report), wall time of the whole process;');
  log('  kubeconform v0.7.0 -strict (schema only), default workers and -n 1, wall time of the whole process.');
  const { CORPORA, writeCorpus } = require('./lib/corpora');
  const peer = haveKubeconform();
  if (!peer) log(`  (kubeconform not found at ${KUBECONFORM_DIR} or no /usr/bin/time: podwright figures only)`);
  const rows = [];
  for (const count of docCounts) {
    for (const corpus of CORPORA) {
      const file = path.join(OUT, `${corpus}-${count}.yaml`);
      if (!fs.existsSync(file)) {
        const t = performance.now();
        writeCorpus(corpus, file, count);
        log(`  wrote ${path.basename(file)} (${fmt(fs.statSync(file).size / 2 ** 20, 1)} MB) in ${fmt((performance.now() - t) / 1000, 1)} s`);
      }
      // Several runs, podwright and kubeconform alternating, so that a change in the shared
      // machine's load falls on both; the median speed of each is reported, and the highest
      // peak RSS of the runs. One more podwright run with one worker thread beside the main one
      // (--workers 1; the default is none) shows what a second thread gains and costs in memory.
      const runs = [];
      const peerRuns = [];
      for (let i = 0; i < VALIDATE_RUNS; i++) {
        runs.push(child('validate-child.js', [file, 'text']));
        if (peer) peerRuns.push(kubeconform(file));
      }
      const r = { ...runs.find((x) => x.docsPerSec === median(runs.map((y) => y.docsPerSec))) };
      r.corpus = corpus;
      r.count = count;
      r.runsDocsPerSec = runs.map((x) => x.docsPerSec);
      r.maxRssKB = Math.max(...runs.map((x) => x.maxRssKB));
      r.fileMB = fs.statSync(file).size / 2 ** 20;
      const one = child('validate-child.js', [file, 'text', '--workers', '1']);
      r.withWorker = { docsPerSec: one.docsPerSec, maxRssKB: one.maxRssKB };
      if (peer) {
        r.kubeconform = peerRuns.find((x) => x.docsPerSec === median(peerRuns.map((y) => y.docsPerSec)));
        r.kubeconformRuns = peerRuns.map((x) => x.docsPerSec);
        r.kubeconform1 = kubeconform(file, 1);
      }
      results.validate.push(r);
      rows.push(r);
      const k = r.kubeconform;
      log(`  ${corpus.padEnd(10)} ${pad(fmt(count), 7)} docs ${pad(fmt(r.fileMB, 1), 6)} MB  podwright ${pad(fmt(r.docsPerSec), 6)} docs/s (runs ${runs.map((x) => fmt(x.docsPerSec)).join(', ')}), CPU ${fmt(r.cpuMs / 1000, 2)} s, ${pad(fmt(mb(r.maxRssKB)), 4)} MB, fast path ${fastCell(r)}`
        + `; --workers 1: ${fmt(one.docsPerSec)} docs/s, ${fmt(mb(one.maxRssKB))} MB`
        + (k ? `  |  kubeconform ${pad(fmt(k.docsPerSec), 6)} docs/s (runs ${r.kubeconformRuns.map((x) => fmt(x)).join(', ')}) ${pad(fmt(mb(k.maxRssKB)), 4)} MB, -n 1 ${pad(fmt(r.kubeconform1.docsPerSec), 6)} docs/s  |  ratio ${fmt(r.docsPerSec / k.docsPerSec, 2)}x` : ''));
    }
  }
  log('\n  per corpus, slowest ratio first (targets: podwright >= 3x kubeconform; fast path 100 %; peak RSS < 150 MB and flat in file size):');
  const byCorpus = CORPORA.map((c) => rows.filter((r) => r.corpus === c));
  const ratio = (r) => (r.kubeconform ? r.docsPerSec / r.kubeconform.docsPerSec : r.docsPerSec);
  byCorpus.sort((a, b) => Math.min(...a.map(ratio)) - Math.min(...b.map(ratio)));
  for (const rs of byCorpus) {
    const cells = rs.map((r) => `${fmt(r.count)}: ${r.kubeconform ? `${fmt(ratio(r), 2)}x` : `${fmt(r.docsPerSec)} docs/s`}, ${fmt(mb(r.maxRssKB))} MB`).join('; ');
    log(`  ${rs[0].corpus.padEnd(10)} ${cells}; fast path ${rs.map(fastCell).join(' / ')}`);
  }
  // The issue-15 targets, judged from the figures above (printed, never asserted).
  const all = rows.filter((r) => r.kubeconform);
  const flat = byCorpus.filter((rs) => rs.length > 1).map((rs) => rs[rs.length - 1].maxRssKB / rs[0].maxRssKB);
  log(`  targets: >= 3x kubeconform on every corpus: ${all.length === 0 ? 'no peer' : all.every((r) => ratio(r) >= 3) ? 'met' : `not met (lowest ${fmt(Math.min(...all.map(ratio)), 2)}x)`}`
    + `; fast path 100 %: ${rows.every((r) => fastShare(r) === 100) ? 'met' : `not met (lowest ${fmt(Math.min(...rows.map(fastShare)), 1)} %)`}`
    + `, of the documents without a YAML syntax error: ${rows.every((r) => wellFormedFastShare(r) === 100) ? 'met' : `not met (lowest ${fmt(Math.min(...rows.map(wellFormedFastShare)), 1)} %)`}`
    + `; peak RSS < 150 MB: ${rows.every((r) => mb(r.maxRssKB) < 150) ? 'met' : `not met (highest ${fmt(Math.max(...rows.map((r) => mb(r.maxRssKB))))} MB)`}`
    + (flat.length > 0 ? `; RSS ${fmt(docCounts[docCounts.length - 1])} / ${fmt(docCounts[0])} docs: x${fmt(Math.min(...flat), 2)}-${fmt(Math.max(...flat), 2)}` : ''));
  const file = path.join(OUT, `mix-${docCounts[0]}.yaml`);
  const sarif = child('validate-child.js', [file, 'sarif']);
  results.validate.push({ ...sarif, corpus: 'mix', count: docCounts[0] });
  log(`  mix ${fmt(docCounts[0])} docs, SARIF report (${fmt(sarif.reportBytes / 2 ** 20, 1)} MB): ${fmt(sarif.docsPerSec)} docs/s (one run), peak RSS ${fmt(mb(sarif.maxRssKB))} MB`);
}

/** Share of the documents the fast YAML reader read. */
function fastShare(r) {
  return (100 * r.fastDocuments) / r.documents;
}

/**
 * The same share among the documents without a YAML syntax error (no reader reads those:
 * the fast path declines them so that the full reader reports the error as it always has).
 */
function wellFormedFastShare(r) {
  return (100 * r.fastDocuments) / (r.documents - (r.syntaxErrorDocuments ?? 0));
}

function fastCell(r) {
  const share = `${fmt(fastShare(r), 1)} %`;
  return r.syntaxErrorDocuments ? `${share} (${fmt(wellFormedFastShare(r), 1)} % of the ${fmt(r.documents - r.syntaxErrorDocuments)} without a YAML syntax error)` : share;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeRun(cmd, args, env) {
  const t = performance.now();
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
  const ms = performance.now() - t;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status}):\n${r.stderr.slice(-2000)}`);
  return ms;
}

function latency() {
  log('\n== 3. Latency (process start to exit, median) ==');
  const { doc } = require('./lib/generate');
  const YAML = require('yaml');
  const small = path.join(OUT, 'small.yaml');
  fs.writeFileSync(small, YAML.stringify(doc(0), { lineWidth: 0, aliasDuplicateObjects: false }));
  const built = [];
  const source = [];
  for (let i = 0; i < 7; i++) built.push(timeRun(process.execPath, [path.join(__dirname, 'lib', 'cli.js'), 'validate', small]));
  for (let i = 0; i < 3; i++) source.push(timeRun(process.execPath, [path.join(ROOT, 'bin', 'podwright.js'), 'validate', small], { PODWRIGHT_FROM_SOURCE: '1' }));
  results.latency.validateSmallBuiltMs = median(built);
  results.latency.validateSmallSourceMs = median(source);
  log(`  podwright validate small.yaml (compiled build):   ${fmt(median(built))} ms  (target < 150 ms; runs: ${built.map((x) => fmt(x)).join(', ')})`);
  log(`  podwright validate small.yaml (from source, swc): ${fmt(median(source))} ms  (reference)`);
  const synthOut = path.join(OUT, 'synth-dist');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const synth = [];
  for (let i = 0; i < 3; i++) synth.push(timeRun(npm, ['run', '--silent', 'synth', '--', '--output', synthOut]));
  fs.rmSync(synthOut, { recursive: true, force: true });
  results.latency.npmRunSynthMs = median(synth);
  log(`  npm run synth (apps/main.ts, end to end):         ${fmt(median(synth))} ms  (target < 2,000 ms; runs: ${synth.map((x) => fmt(x)).join(', ')})`);
}

function main() {
  const t = performance.now();
  log(`podwright bench — node ${process.version}, ${results.machine.cpus} CPU (${results.machine.cpu}), ${results.machine.memGiB} GiB`);
  if (!flag('--no-build')) build();
  if (want('render')) render();
  if (want('validate')) validate();
  if (want('latency')) latency();
  fs.writeFileSync(path.join(OUT, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  log(`\ndone in ${fmt((performance.now() - t) / 1000, 1)} s; figures in bench/out/results.json`);
}

main();
