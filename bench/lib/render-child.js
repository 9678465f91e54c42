'use strict';
// One render measurement in its own process: node bench/lib/render-child.js <podwright|plus|json> <N> <outdir>
// Prints one JSON line. Peak RSS is process.resourceUsage().maxRSS of this process, read as
// soon as the output is written: the files are read back afterwards (to count objects and
// bytes), and that check is not part of what is measured.
const fs = require('fs');
const path = require('path');
const { performance } = require('perf_hooks');

const [mode, nArg, outdir] = process.argv.slice(2);
const n = Number(nArg);
const t0 = performance.now();
const cdk8s = require('cdk8s');
const { BUILD, podwrightApps, plusDeployments } = require('./workloads');
const pw = require(path.join(BUILD, 'lib', 'index.js'));
const loadMs = performance.now() - t0;

fs.rmSync(outdir, { recursive: true, force: true });
const t1 = performance.now();
let what;
let constructMs;
let synthMs;
let objects;
let bytes = 0;
if (mode === 'podwright' || mode === 'json') {
  const app = new pw.PodwrightApp({ outdir, log: () => undefined });
  const chart = new cdk8s.Chart(app, 'bench');
  what = podwrightApps(chart, n);
  constructMs = performance.now() - t1;
  const t2 = performance.now();
  if (mode === 'podwright') {
    app.synth();
  } else {
    // The limit: the same final objects (computed untimed below), serialized with JSON.stringify.
    synthMs = 0;
  }
  synthMs = performance.now() - t2;
  if (mode === 'json') {
    const docs = chart.toJson();
    const t3 = performance.now();
    fs.mkdirSync(outdir, { recursive: true });
    const text = docs.map((d) => JSON.stringify(d)).join('\n');
    fs.writeFileSync(path.join(outdir, 'bench.json'), text);
    synthMs = performance.now() - t3;
    constructMs = 0;
    what = `JSON.stringify of ${what} objects`;
  }
} else if (mode === 'plus') {
  const app = new cdk8s.App({ outdir });
  const chart = new cdk8s.Chart(app, 'bench');
  what = plusDeployments(chart, n);
  constructMs = performance.now() - t1;
  const t2 = performance.now();
  app.synth();
  synthMs = performance.now() - t2;
} else {
  throw new Error(`unknown mode ${mode}`);
}
const maxRssKB = process.resourceUsage().maxRSS;
for (const f of fs.readdirSync(outdir)) {
  const text = fs.readFileSync(path.join(outdir, f), 'utf8');
  bytes += Buffer.byteLength(text);
  if (!objects) objects = 0;
  objects += f.endsWith('.json') ? text.split('\n').length : (text.match(/^---$/gm) || []).length + 1;
}
fs.rmSync(outdir, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify({
  mode, n, what, objects, bytes, loadMs, constructMs, synthMs, totalMs: constructMs + synthMs,
  maxRssKB,
})}\n`);
