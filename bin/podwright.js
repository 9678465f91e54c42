#!/usr/bin/env node
'use strict';
// Launches the podwright CLI: the compiled build (npm run build) when present,
// else the TypeScript sources through an on-the-fly swc transform.
// PODWRIGHT_FROM_SOURCE=1 forces the sources (tests use it, so a stale build/ cannot hide a change).
const fs = require('fs');
const path = require('path');

const built = path.join(__dirname, '..', 'build', 'lib', 'cli', 'main.js');
let cli;
if (!process.env.PODWRIGHT_FROM_SOURCE && fs.existsSync(built)) {
  cli = require(built);
} else {
  require('../scripts/register.js');
  cli = require('../lib/cli/main.ts');
}
cli.run(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => {
    process.stderr.write(`podwright: internal error: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 2;
  },
);
