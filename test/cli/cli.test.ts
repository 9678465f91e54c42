import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Readable } from 'stream';
import { run, CliIO } from '../../lib/cli/main';
import { formatRulesMarkdown } from '../../lib/validation/format/rules';
import { RULES } from '../../lib/validation/rules';
import { GOOD_POD, manifestDir, MIXED } from '../validation/fixtures/cli-run';

const ROOT = path.resolve(__dirname, '../..');

async function cli(args: string[], cwd: string, stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: { write: (s: string) => { stdout += s; return true; }, isTTY: false },
    stderr: { write: (s: string) => { stderr += s; return true; } },
    stdin: Readable.from([Buffer.from(stdin)]),
    cwd,
    env: {},
  };
  const code = await run(args, io);
  return { code, stdout, stderr };
}

let dir: string;
beforeAll(() => {
  dir = manifestDir({ ...MIXED, 'warn/pod.yaml': GOOD_POD.replace('name: good', 'name: warn') });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('podwright validate', () => {
  test('--crd FILE|DIR (repeatable) checks custom resources against their CRDs; a bad one is exit 2', async () => {
    const crd = ['apiVersion: apiextensions.k8s.io/v1', 'kind: CustomResourceDefinition', 'metadata: {name: gadgets.example.com}', 'spec:',
      '  group: example.com', '  names: {kind: Gadget, plural: gadgets}', '  scope: Namespaced', '  versions:', '  - name: v1', '    served: true', '    storage: true',
      '    schema: {openAPIV3Schema: {type: object, properties: {spec: {type: object, properties: {size: {type: integer}}}}}}', ''].join('\n');
    fs.mkdirSync(path.join(dir, 'crd-only'));
    fs.writeFileSync(path.join(dir, 'crd-only', 'gadget-crd.yaml'), crd);
    fs.writeFileSync(path.join(dir, 'gadget.yml'), 'apiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: g}\nspec: {size: big}\n');
    const before = await cli(['validate', '--format', 'json', 'gadget.yml'], dir);
    expect(JSON.parse(before.stdout).skipped).toHaveLength(1);
    const bad = await cli(['validate', '--crd', 'ok', 'gadget.yml'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('--crd: ok: no CustomResourceDefinition (apiextensions.k8s.io/v1) with a schema found; give the CRD\'s YAML file or a folder of them.\n');
    const res = await cli(['validate', '--format', 'json', '--crd', 'crd-only', '--crd=crd-only/gadget-crd.yaml', 'gadget.yml'], dir);
    expect(res.code).toBe(1);
    const report = JSON.parse(res.stdout);
    expect(report.skipped).toEqual([]);
    expect(report.findings.map((f: { ruleId: string; path: string; message: string }) => `${f.ruleId} ${f.path}: ${f.message}`)).toEqual([
      'custom-resource-schema spec.size: Invalid value: "string": spec.size in body must be of type integer: "string"',
    ]);
  });

  test('--server without assets: exit 2 with how to get them; the offline run needs nothing', async () => {
    const res = await cli(['validate', '--server', 'ok/good.yaml'], dir);
    expect(res.code).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr).toMatch(/^podwright validate --server: No API server assets: set KUBEBUILDER_ASSETS or pass --server-assets DIR .*`setup-envtest use 1\.28 -p path`/);
    const missing = await cli(['validate', '--server-assets', 'no-such-folder', 'ok/good.yaml'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`No executable kube-apiserver at ${path.join(dir, 'no-such-folder', 'kube-apiserver')}.`);
  });

  test('exit 0 for a clean file', async () => {
    const res = await cli(['validate', '--pod-security', 'privileged', '--config', 'none.json'], dir).catch((e) => e);
    expect(res.code).toBe(2); // a missing --config file is an input error
    expect(res.stderr).toBe('none.json: no such configuration file.\n');
    fs.writeFileSync(path.join(dir, 'quiet.json'), JSON.stringify({ podSecurity: 'privileged', rules: Object.fromEntries(RULES.filter((r) => r.meta.layer === 'practice').map((r) => [r.meta.id, 'off'])) }));
    const clean = await cli(['validate', '--config', 'quiet.json', 'ok/good.yaml'], dir);
    expect(clean.stderr).toBe('');
    expect(clean.stdout).toMatch(/^✔ 0 errors/m);
    expect(clean.code).toBe(0);
  });

  test('exit 1 for findings at or above --fail-on, walking folders for .yaml/.yml only', async () => {
    const res = await cli(['validate', '--format', 'json', 'bad'], dir);
    expect(res.code).toBe(1);
    const report = JSON.parse(res.stdout);
    expect(report.summary.files).toBe(2);
    expect(new Set(report.findings.map((f: { location?: { file: string } }) => f.location?.file))).toEqual(new Set(['bad/broken.yaml', 'bad/tabs.yml']));
  });

  test('--fail-on warning fails on warnings; error does not', async () => {
    const warnings = RULES.filter((r) => r.meta.severity === 'warning');
    if (warnings.length === 0) return; // no warning-level rule registered yet
    const base = await cli(['validate', '--format', 'json', '--pod-security', 'privileged', 'ok/good.yaml'], dir);
    const report = JSON.parse(base.stdout);
    if (report.summary.warnings === 0 || report.summary.errors > 0) return;
    expect(base.code).toBe(0);
    expect((await cli(['validate', '--fail-on', 'warning', '--pod-security', 'privileged', 'ok/good.yaml'], dir)).code).toBe(1);
  });

  test('stdin with -', async () => {
    const res = await cli(['validate', '--format', 'json', '-'], dir, 'a: 1\na: 2\n');
    const report = JSON.parse(res.stdout);
    expect(report.findings.find((f: { ruleId: string }) => f.ruleId === 'yaml-duplicate-key').location).toEqual({ file: '<stdin>', line: 2, column: 1 });
    expect(res.code).toBe(1);
  });

  test('--output writes the report atomically and prints nothing', async () => {
    const res = await cli(['validate', '--format', 'sarif', '-o', 'out/report.sarif', 'bad'], dir);
    expect(res.stdout).toBe('');
    expect(res.code).toBe(2); // out/ does not exist
    expect(res.stderr).toMatch(/^out\/report\.sarif: cannot write the report: /);
    const ok = await cli(['validate', '--format', 'sarif', '--output=report.sarif', 'bad'], dir);
    expect(ok.code).toBe(1);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'report.sarif'), 'utf8')).version).toBe('2.1.0');
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  test.each([
    [['validate', '--formt', 'json'], 'podwright validate: unknown option --formt; did you mean --format?'],
    [['validate', '--format', 'yml'], 'podwright validate: --format yml is not one of text, json, sarif, junit.'],
    [['validate', '--format', 'jsn'], 'podwright validate: --format jsn is not one of text, json, sarif, junit; did you mean json?'],
    [['validate', '--static-pod'], 'podwright validate: unknown option --static-pod; did you mean --static-pods?'],
    [['validate', '--k8s-version', 'latest'], '--k8s-version: "latest" is not a Kubernetes version; write it as "1.NN", for example "1.28" (supported: 1.28 to 1.33).'],
    [['validate', '--k8s-version', '1.27'], '--k8s-version: Kubernetes 1.27 is not supported; podwright validates 1.28 to 1.33 exactly: use one of those.'],
    [['validate', '--k8s-version', '1.34'], '--k8s-version: Kubernetes 1.34 is not supported; podwright validates 1.28 to 1.33 exactly: use one of those.'],
    [['validate', '--k8s-version', '1.3'], '--k8s-version: Kubernetes 1.3 is not supported; podwright validates 1.28 to 1.33 exactly: use one of those.'],
    [['validate', '--format'], 'podwright validate: --format needs a value.'],
    [['validate', 'missing.yaml'], 'missing.yaml: no such file or folder.'],
    [['valdate'], 'podwright: unknown command "valdate"; did you mean "validate"?'],
    [['rules', '--format', 'html'], 'podwright rules: --format html is not one of text, markdown.'],
  ])('usage error %j exits 2', async (args, message) => {
    const res = await cli(args, dir);
    expect(res.stderr).toBe(`${message}\n`);
    expect(res.code).toBe(2);
  });

  test('a bad config file exits 2 with its message', async () => {
    fs.writeFileSync(path.join(dir, 'podwright.config.json'), '{"podSecurty": "baseline"}');
    try {
      const res = await cli(['validate', 'ok'], dir);
      expect(res.code).toBe(2);
      expect(res.stderr).toBe('podwright.config.json: unknown key "podSecurty"; did you mean "podSecurity"?\n');
    } finally {
      fs.unlinkSync(path.join(dir, 'podwright.config.json'));
    }
  });

  test('a k8sVersion outside 1.28 to 1.33 in the config file exits 2 naming the range', async () => {
    fs.writeFileSync(path.join(dir, 'podwright.config.json'), '{"k8sVersion": "1.20"}');
    try {
      const res = await cli(['validate', 'ok'], dir);
      expect(res.code).toBe(2);
      expect(res.stderr).toBe('podwright.config.json: k8sVersion: Kubernetes 1.20 is not supported; podwright validates 1.28 to 1.33 exactly: use one of those.\n');
    } finally {
      fs.unlinkSync(path.join(dir, 'podwright.config.json'));
    }
  });

  test('--help on every command', async () => {
    for (const args of [['--help'], ['validate', '--help'], ['rules', '-h']]) {
      const res = await cli(args, dir);
      expect(res.code).toBe(0);
      expect(res.stdout).toMatch(/^Usage: podwright/);
    }
  });
});

describe('podwright rules', () => {
  test('lists every rule with layer, severity, description and fix', async () => {
    const res = await cli(['rules'], dir);
    expect(res.code).toBe(0);
    for (const r of RULES) expect(res.stdout).toContain(`${r.meta.id}  [${r.meta.layer}, ${r.meta.severity}]\n  ${r.meta.description}\n  fix: ${r.meta.fix}\n`);
  });

  test('docs/rules.md is up to date (run `npm run docs:rules`)', () => {
    const file = path.join(ROOT, 'docs/rules.md');
    expect(fs.existsSync(file)).toBe(true);
    expect(fs.readFileSync(file, 'utf8')).toBe(formatRulesMarkdown());
  });
});

test('bin/podwright.js runs the CLI from source and returns its exit code', () => {
  const res = spawnSync(process.execPath, [path.join(ROOT, 'bin/podwright.js'), 'validate', '--format', 'json', 'bad/tabs.yml'], {
    cwd: dir, encoding: 'utf8', env: { ...process.env, PODWRIGHT_FROM_SOURCE: '1' }, timeout: 300_000,
  });
  expect(res.stderr).toBe('');
  expect(res.status).toBe(1);
  expect(JSON.parse(res.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toContain('yaml-syntax');
});
