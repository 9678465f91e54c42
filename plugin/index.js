// The cdk8s CLI loads validation plugins with a plain `require` of this folder
// (cdk8s.yaml: `package: ./plugin`). Use the compiled library when it exists,
// else compile the TypeScript source on the fly with swc.
'use strict';
const fs = require('fs');
const path = require('path');

const built = path.join(__dirname, '..', 'build', 'lib', 'synth', 'cdk8s-plugin.js');
if (fs.existsSync(built)) {
  module.exports = require(built);
} else {
  require('../scripts/register.js');
  module.exports = require('../lib/synth/cdk8s-plugin.ts');
}
