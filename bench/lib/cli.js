#!/usr/bin/env node
'use strict';
// bin/podwright.js, pointed at the benchmark's compiled build (bench/out/build) so that
// the benchmark never creates build/ (which would change what bin/podwright.js runs).
const path = require('path');
const cli = require(path.join(__dirname, '..', 'out', 'build', 'lib', 'cli', 'main.js'));
cli.run(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => {
    process.stderr.write(`podwright: internal error: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 2;
  },
);
