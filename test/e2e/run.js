#!/usr/bin/env node
// `npm run test:e2e`: podwright used the way a user uses it, from the packed tarball.
//
// 1. npm pack (the prepack build), then a project made from the files of cdk8s-cli's own
//    `typescript-app` template (node_modules/cdk8s-cli/templates/typescript-app), with
//    podwright and its peers installed from the tarball and the npm cache (--prefer-offline: the registry only for what the cache lacks).
// 2. The README's fast app command (`node -r podwright/register main.ts`) under
//    `cdk8s synth`: ten constructs, output checked, time printed (cold and warm cache).
// 3. tsc --noEmit of the app and its jest test under moduleResolution node10 (the
//    template's own tsconfig), node16 and bundler; then jest with podwright/jest.
// 4. A failing synth reads like a linter under `cdk8s synth` and `node`: findings, one
//    summary line, exit 1, no stack trace, no object dump.
// 5. Version skew: podwright with its own nested copy of cdk8s and constructs (what npm
//    does when versions differ and a library pins them) fails closed.
//
// Environment: PODWRIGHT_E2E_TARBALL=<path> skips the pack; PODWRIGHT_E2E_KEEP=1 keeps
// the temporary folder; PODWRIGHT_E2E_TS_NODE=1 also times the template's own
// `npx ts-node main.ts` (installs ts-node: needs the registry or a cache that has it).
'use strict';
const { execFileSync, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const TEMPLATE = path.join(ROOT, 'node_modules', 'cdk8s-cli', 'templates', 'typescript-app');
const FILES = path.join(__dirname, 'project');
const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8'));
const version = (name) => lock.packages[`node_modules/${name}`].version;

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'podwright-e2e-'));
const env = { ...process.env, CDK8S_CHECK_UPGRADE: 'false', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
delete env.PODWRIGHT_SYNTH_WRITER;
let failures = 0;

function log(line) {
  process.stdout.write(`${line}\n`);
}

function check(ok, what, detail = '') {
  log(`${ok ? 'ok  ' : 'FAIL'}  ${what}`);
  if (!ok) {
    failures++;
    if (detail) log(detail.split('\n').map((l) => `      ${l}`).join('\n'));
  }
}

const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/**
 * Runs a command; returns its exit status, output (stdout + stderr), wall seconds and,
 * where /usr/bin/time exists, CPU seconds (user + system, children included: on a busy
 * shared machine the wall time says more about the neighbours).
 */
function run(cmd, args, cwd, extraEnv = {}) {
  const timeFile = path.join(work, '.time');
  const [c, a] = TIME ? [TIME, ['-f', '%U %S', '-o', timeFile, cmd, ...args]] : [cmd, args];
  const start = process.hrtime.bigint();
  const r = spawnSync(c, a, { cwd, env: { ...env, ...extraEnv }, encoding: 'utf8', maxBuffer: 64 << 20 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  let cpu;
  if (TIME && fs.existsSync(timeFile)) {
    const [user, sys] = fs.readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
    cpu = user + sys;
    fs.rmSync(timeFile);
  }
  return { status: r.status, out: `${r.stdout}${r.stderr}`, seconds, cpu };
}

/** `1.23 s (0.80 s CPU)`. */
function took(r) {
  return `${r.seconds.toFixed(2)} s${r.cpu === undefined ? '' : ` (${r.cpu.toFixed(2)} s CPU)`}${r.status === 0 ? '' : ` exit ${r.status}`}`;
}

function must(cmd, args, cwd) {
  const r = run(cmd, args, cwd);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited ${r.status}:\n${r.out}`);
  return r;
}

/** The tarball: packed from this checkout unless given. */
function tarball() {
  if (process.env.PODWRIGHT_E2E_TARBALL) return path.resolve(process.env.PODWRIGHT_E2E_TARBALL);
  // The pack builds into build/, which bin/ and plugin/ prefer to the sources: remove it
  // afterwards unless it was there before, so no stale build outlives the run.
  const build = path.join(ROOT, 'build');
  const hadBuild = fs.existsSync(build);
  try {
    const out = must('npm', ['pack', '--silent', '--pack-destination', work], ROOT).out.trim().split('\n').pop();
    return path.join(work, out);
  } finally {
    if (!hadBuild) fs.rmSync(build, { recursive: true, force: true });
  }
}

/** A project from the template's files, with podwright and its peers from the tarball and the cache. */
function makeProject(dir, tgz) {
  fs.mkdirSync(dir, { recursive: true });
  for (const f of ['tsconfig.json', 'jest.config.js', 'cdk8s.yaml']) fs.copyFileSync(path.join(TEMPLATE, f), path.join(dir, f));
  const pkg = JSON.parse(fs.readFileSync(path.join(TEMPLATE, 'package.json'), 'utf8'));
  pkg.name = 'e2e-app';
  // The template's versions, replaced by the ones this repository installs (so the cache
  // `npm ci` filled serves them): cdk8s-plus-28 for -33, and @swc/jest for ts-jest
  // (not in the cache; the type check is tsc's, below).
  pkg.dependencies = {
    cdk8s: version('cdk8s'), constructs: version('constructs'), 'cdk8s-plus-28': version('cdk8s-plus-28'), podwright: `file:${tgz}`,
  };
  pkg.devDependencies = {
    'cdk8s-cli': version('cdk8s-cli'), '@types/node': version('@types/node'), '@types/jest': version('@types/jest'),
    jest: version('jest'), '@swc/jest': version('@swc/jest'), '@swc/core': version('@swc/core'), typescript: version('typescript'),
  };
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  const jestConfig = fs.readFileSync(path.join(dir, 'jest.config.js'), 'utf8').replace('"ts-jest"', '"@swc/jest"');
  fs.writeFileSync(path.join(dir, 'jest.config.js'), jestConfig);
  // The README's fast app command; `imports: [k8s]` needs the network (cdk8s import), so it goes.
  fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), 'language: typescript\napp: node -r podwright/register main.ts\n');
  for (const f of ['charts.ts', 'main.ts', 'bad.ts', 'main.test.ts']) fs.copyFileSync(path.join(FILES, f), path.join(dir, f));
  must('npm', ['install', '--prefer-offline', '--no-package-lock'], dir);
}

function listYaml(dir) {
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort() : [];
}

/** What a failing synth must look like: findings, one summary line, no stack, no dump. */
function checkFailure(what, r, projectDir) {
  check(r.status === 1, `${what}: exit 1`, `exit ${r.status}\n${r.out}`);
  check(/^workloads\/frontend\/Resource  error   Deployment\/\S+ spec\.template\.spec\.hostNetwork: .*  pss-host-namespaces\n  fix: /m.test(r.out), `${what}: the finding names construct, field, rule and fix`, r.out);
  check((r.out.match(/^podwright: \d+ errors?, \d+ warnings? in \d+ objects, .*nothing was written/gm) || []).length === 1, `${what}: one summary line`, r.out);
  // cdk8s-cli ends a failed app with its own error and stack (lib/cli/index.js prints e.stack).
  const app = r.out.split(/^Error: command ".*" at .* returned a non-zero exit code 1$/m)[0];
  check(!/^\s+at /m.test(app) && !/report:|\[Object\]|throw /.test(app), `${what}: no stack trace, no object dump`, r.out);
  check(listYaml(path.join(projectDir, 'dist')).length === 0, `${what}: nothing written to dist/`);
}

function main() {
  log(`e2e in ${work}`);
  const tgz = tarball();
  log(`tarball ${path.basename(tgz)}`);
  const app = path.join(work, 'app');
  makeProject(app, tgz);

  // One copy of cdk8s and constructs: they are peers, not podwright's own dependencies.
  const nested = ['cdk8s', 'constructs', 'cdk8s-plus-28'].filter((n) => fs.existsSync(path.join(app, 'node_modules', 'podwright', 'node_modules', n)));
  check(nested.length === 0, 'one copy of cdk8s, constructs and cdk8s-plus-28 (peer dependencies)', `nested under podwright: ${nested.join(', ')}`);

  // Fast synth with the README's command, under cdk8s synth.
  const cold = run('npx', ['--no-install', 'cdk8s', 'synth'], app);
  check(cold.status === 0, 'cdk8s synth (node -r podwright/register main.ts)', cold.out);
  const files = listYaml(path.join(app, 'dist'));
  check(JSON.stringify(files) === JSON.stringify(['pods.k8s.yaml', 'workloads.k8s.yaml']), 'dist/ holds one file per chart', JSON.stringify(files));
  const workloads = fs.existsSync(path.join(app, 'dist', 'workloads.k8s.yaml')) ? fs.readFileSync(path.join(app, 'dist', 'workloads.k8s.yaml'), 'utf8') : '';
  const kinds = [...workloads.matchAll(/^kind: (\w+)$/gm)].map((m) => m[1]);
  check(['Deployment', 'StatefulSet', 'Service', 'PodDisruptionBudget'].every((k) => kinds.includes(k)), 'workloads: Deployment, StatefulSet, Service, PodDisruptionBudget', kinds.join(' '));
  const pods = fs.existsSync(path.join(app, 'dist', 'pods.k8s.yaml')) ? fs.readFileSync(path.join(app, 'dist', 'pods.k8s.yaml'), 'utf8') : '';
  check((pods.match(/^kind: Pod$/gm) || []).length === 5, 'pods: five Pods', pods.slice(0, 400));
  check(fs.existsSync(path.join(work, 'app', 'static-pods')) && fs.existsSync(path.join(app, 'debug-profiles')), 'static-pods/ and debug-profiles/ written beside dist/');
  const warm = run('npx', ['--no-install', 'cdk8s', 'synth'], app);
  const direct = run('node', ['-r', 'podwright/register', 'main.ts'], app);
  fs.rmSync(path.join(app, 'node_modules', '.cache', 'podwright-register'), { recursive: true, force: true });
  const directCold = run('node', ['-r', 'podwright/register', 'main.ts'], app);
  const cliAlone = run('npx', ['--no-install', 'cdk8s', '--version'], app);
  check(warm.status === 0 && direct.status === 0 && directCold.status === 0, 'synth again (cached and uncached transpile)', `${warm.out}${direct.out}${directCold.out}`);

  // Type check under the three module resolutions, then jest with podwright/jest.
  const resolutions = {
    node10: {}, // the template's tsconfig: module CommonJS, so moduleResolution node10
    node16: { module: 'node16', moduleResolution: 'node16' },
    bundler: { module: 'esnext', moduleResolution: 'bundler' },
  };
  const base = fs.readFileSync(path.join(app, 'tsconfig.json'), 'utf8');
  for (const [name, opts] of Object.entries(resolutions)) {
    const cfg = JSON.parse(base);
    Object.assign(cfg.compilerOptions, opts, { noEmit: true, types: ['node', 'jest'] });
    fs.writeFileSync(path.join(app, `tsconfig.${name}.json`), JSON.stringify(cfg, null, 2));
    const r = run('npx', ['--no-install', 'tsc', '-p', `tsconfig.${name}.json`], app);
    check(r.status === 0, `tsc --noEmit, moduleResolution ${name} (podwright and podwright/jest resolve)`, r.out);
  }
  // The project's own tests call cdk8s's Testing.app(), which leaves a cdk8s.outdir.* folder in
  // the temp folder per call: give them one inside this run's folder, removed with it.
  const jestTmp = path.join(work, 'tmp');
  fs.mkdirSync(jestTmp, { recursive: true });
  const jest = run('npx', ['--no-install', 'jest', '--ci'], app, { TMPDIR: jestTmp });
  check(jest.status === 0 && /Tests:\s+2 passed/.test(jest.out), 'jest with podwright/jest matchers', jest.out);

  // A failing synth, three ways.
  checkFailure('cdk8s synth of a broken app', run('npx', ['--no-install', 'cdk8s', 'synth', '--app', 'node -r podwright/register bad.ts'], app), app);
  checkFailure('node -r podwright/register bad.ts', run('node', ['-r', 'podwright/register', 'bad.ts'], app), app);

  // Version skew: a second copy under podwright (a different version: the repository's own
  // install of 2.70.x / 10.8.x against the app's), as npm nests it when versions differ.
  const skew = path.join(work, 'skew');
  fs.mkdirSync(skew);
  fs.copyFileSync(path.join(FILES, 'skew', 'main.js'), path.join(skew, 'main.js'));
  const installSkew = (versions) => {
    fs.writeFileSync(path.join(skew, 'package.json'), JSON.stringify({
      name: 'skew-app', private: true,
      dependencies: { ...versions, 'cdk8s-plus-28': version('cdk8s-plus-28'), podwright: `file:${tgz}` },
    }, null, 2));
    return run('npm', ['install', '--prefer-offline', '--no-package-lock'], skew);
  };
  let inst = installSkew(SKEW);
  let sameVersion = false;
  if (inst.status !== 0) {
    // Neither the registry nor the cache has the other versions: two copies of the same
    // version are still two copies (module identity is what the hooks depend on).
    log(`note  cdk8s@${SKEW.cdk8s} constructs@${SKEW.constructs} not installable offline; the skew check uses two copies of the same version`);
    sameVersion = true;
    inst = installSkew({ cdk8s: version('cdk8s'), constructs: version('constructs') });
  }
  if (inst.status !== 0) {
    check(false, 'install the skew project', inst.out);
  } else {
    const own = path.join(skew, 'node_modules', 'podwright', 'node_modules');
    fs.mkdirSync(own, { recursive: true });
    for (const n of ['cdk8s', 'constructs']) fs.cpSync(path.join(ROOT, 'node_modules', n), path.join(own, n), { recursive: true });
    const appVersion = JSON.parse(fs.readFileSync(path.join(skew, 'node_modules', 'cdk8s', 'package.json'), 'utf8')).version;
    const ownVersion = JSON.parse(fs.readFileSync(path.join(own, 'cdk8s', 'package.json'), 'utf8')).version;
    check(sameVersion || appVersion !== ownVersion, `skew: the app's cdk8s ${appVersion}, podwright's own ${ownVersion} (a second copy)`);
    const r = run('node', ['main.js'], skew);
    check(r.status === 1, 'skew: a restricted Deployment patched with hostNetwork fails synth (fails closed)', `exit ${r.status}\n${r.out}`);
    check(/another copy of cdk8s/.test(r.out) && /hostNetwork.*pss-host-namespaces/.test(r.out), 'skew: the other copy is named and the finding printed', r.out);
    check(listYaml(path.join(skew, 'dist')).length === 0, 'skew: nothing written');
  }

  log('');
  log(`figures (10 constructs, ${os.cpus().length} cores):`);
  log(`  node -r podwright/register main.ts, transpile cache empty  ${took(directCold)}`);
  log(`  node -r podwright/register main.ts, transpile cached       ${took(direct)}`);
  log(`  cdk8s synth with that app command: first run ${took(cold)}, cached ${took(warm)}`);
  log(`  (cdk8s-cli's own start-up, npx cdk8s --version: ${took(cliAlone)})`);
  if (process.env.PODWRIGHT_E2E_TS_NODE) {
    const i = run('npm', ['install', '--prefer-offline', '--no-package-lock', '--no-save', 'ts-node@10'], app);
    if (i.status === 0) {
      const t = run('npx', ['--no-install', 'cdk8s', 'synth', '--app', 'npx ts-node main.ts'], app);
      log(`  cdk8s synth, app: npx ts-node main.ts (the template's command)  ${took(t)}`);
    } else log('  ts-node: not installed (no registry and not in the cache)');
  }
}

/** The app's versions in the skew test: not the ones in this repository's lock. */
const SKEW = { cdk8s: '2.70.104', constructs: '10.8.0' };

try {
  main();
} catch (e) {
  failures++;
  log(`FAIL  ${e.message}`);
} finally {
  if (process.env.PODWRIGHT_E2E_KEEP) log(`kept ${work}`);
  else fs.rmSync(work, { recursive: true, force: true });
}
log(failures === 0 ? 'e2e: all checks passed' : `e2e: ${failures} check(s) failed`);
process.exitCode = failures === 0 ? 0 : 1;
