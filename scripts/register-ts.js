// `node -r podwright/register main.ts`: runs a TypeScript cdk8s app without ts-node.
//
// A require hook that strips types with the project's own `typescript` package
// (`ts.transpileModule`: no type check, no program, a few milliseconds a file) and keeps
// the output in node_modules/.cache/podwright-register, keyed by the file's content, the
// TypeScript version and the tsconfig.json compilerOptions. A synth that changed no
// file does not even load TypeScript. Type checking stays `tsc --noEmit`'s job (and
// ts-jest's). Only files outside node_modules are compiled (packages ship JavaScript).
//
// Options: tsconfig.json's compilerOptions in the current directory (no `extends`), with
// module CommonJS and an inline source map (so stack traces point into the .ts files).
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const cwd = process.cwd();

function resolveTypeScript() {
  try {
    return require.resolve('typescript', { paths: [cwd, __dirname] });
  } catch {
    throw new Error("podwright/register: the 'typescript' package is needed (npm install --save-dev typescript).");
  }
}

const tsPath = resolveTypeScript();
const tsVersion = JSON.parse(fs.readFileSync(path.join(path.dirname(tsPath), '..', 'package.json'), 'utf8')).version;
const tsconfigPath = path.join(cwd, 'tsconfig.json');
const tsconfigText = fs.existsSync(tsconfigPath) ? fs.readFileSync(tsconfigPath, 'utf8') : '{}';
const cacheDir = fs.existsSync(path.join(cwd, 'node_modules'))
  ? path.join(cwd, 'node_modules', '.cache', 'podwright-register')
  : path.join(require('os').tmpdir(), `podwright-register-${process.getuid ? process.getuid() : 'user'}`);
const salt = `podwright-register 1\0${tsVersion}\0${tsconfigText}\0`;

let ts;
let compilerOptions;

/** The compiler options, computed on the first cache miss (it loads TypeScript). */
function options() {
  if (compilerOptions) return compilerOptions;
  ts = require(tsPath);
  const parsed = ts.parseConfigFileTextToJson(tsconfigPath, tsconfigText);
  const fromFile = ts.convertCompilerOptionsFromJson((parsed.config && parsed.config.compilerOptions) || {}, cwd).options;
  compilerOptions = {
    ...fromFile,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: undefined,
    noEmit: false,
    declaration: false,
    declarationMap: false,
    composite: false,
    incremental: false,
    sourceMap: false,
    inlineSourceMap: true,
    inlineSources: true,
  };
  return compilerOptions;
}

function compile(source, filename) {
  const key = crypto.createHash('sha256').update(salt).update(filename).update('\0').update(source).digest('hex');
  const cached = path.join(cacheDir, `${key}.js`);
  try {
    return fs.readFileSync(cached, 'utf8');
  } catch {
    // not cached yet
  }
  const out = require(tsPath).transpileModule(source, { compilerOptions: options(), fileName: filename, reportDiagnostics: false });
  try {
    fs.mkdirSync(cacheDir, { recursive: true });
    const tmp = `${cached}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, out.outputText);
    fs.renameSync(tmp, cached);
  } catch {
    // a read-only tree: compile every time
  }
  return out.outputText;
}

const inNodeModules = `${path.sep}node_modules${path.sep}`;
const previous = require.extensions['.ts'];
require.extensions['.ts'] = function compileTs(module, filename) {
  if (filename.includes(inNodeModules) && previous) return previous(module, filename);
  module._compile(compile(fs.readFileSync(filename, 'utf8'), filename), filename);
};
