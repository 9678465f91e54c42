// A require hook that compiles TypeScript on the fly with swc (type-stripping only,
// about a millisecond a file), so `cdk8s synth` and the CLI run from source without
// ts-node's cold type-checking compile. Type checking is `npm run typecheck`'s job.
'use strict';
const fs = require('fs');
const { transformSync } = require('@swc/core');

const options = {
  jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
  swcrc: false,
};

require.extensions['.ts'] = function compileTs(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = transformSync(source, { ...options, filename });
  module._compile(code, filename);
};
