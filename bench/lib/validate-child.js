'use strict';
// One validate measurement in its own process: node bench/lib/validate-child.js <file>
// Streams the file through validateFiles (the CLI's API) with the default config: all four layers on.
const path = require('path');
const { performance } = require('perf_hooks');
const BUILD = path.join(__dirname, '..', 'out', 'build');

const [file] = process.argv.slice(2);
const t0 = performance.now();
const { validateFiles } = require(path.join(BUILD, 'lib', 'validation', 'yaml', 'validate-files.js'));
const { resolveConfig } = require(path.join(BUILD, 'lib', 'validation', 'config.js'));
const { RULES } = require(path.join(BUILD, 'lib', 'validation', 'rules', 'index.js'));
const loadMs = performance.now() - t0;
const config = resolveConfig({}, RULES.map((r) => r.meta.id), 'bench');
const t1 = performance.now();
validateFiles([file], { config }).then((result) => {
  const ms = performance.now() - t1;
  const layers = [...new Set(RULES.map((r) => r.meta.layer))].sort();
  process.stdout.write(`${JSON.stringify({
    file: path.basename(file), documents: result.documentCount, findings: result.report.findings.length,
    rules: RULES.length, layers, loadMs, ms, docsPerSec: result.documentCount / (ms / 1000),
    maxRssKB: process.resourceUsage().maxRSS,
  })}\n`);
});
