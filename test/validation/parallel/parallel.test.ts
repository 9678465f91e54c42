import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { Readable } from 'stream';
import { CliIO, run } from '../../../lib/cli/main';
import { ResolvedConfig } from '../../../lib/validation/config';
import { loadConfigFile } from '../../../lib/validation/config-file';
import { exitCodeOf } from '../../../lib/validation/format/common';
import { jsonReportChunks } from '../../../lib/validation/format/json';
import { junitChunks } from '../../../lib/validation/format/junit';
import { sarifChunks } from '../../../lib/validation/format/sarif';
import { textChunks } from '../../../lib/validation/format/text';
import { parallelCounters, partsOf, scanFile } from '../../../lib/validation/parallel/pool';
import { rulesOf } from '../../../lib/validation/rule-set';
import { RunResult, validateFiles, ValidateFilesOptions } from '../../../lib/validation/yaml/validate-files';
import { mutationCorpus } from '../../fixtures/mutation-corpus';

// The parallel path (lib/validation/parallel) must give the one-thread run's reports byte
// for byte. These runs lower its threshold to 0 and cut files into parts of a few KB, so
// small fixtures cross many part boundaries; the workers run from the TypeScript sources.

const EXAMPLES = path.join(__dirname, '..', '..', 'fixtures', 'k8s-website-examples');
const CRD_CASES = path.join(__dirname, '..', 'schema', 'fixtures', 'crd-cases');
const CRD_SCHEMAS = path.join(__dirname, '..', 'schema', 'fixtures', 'crds');

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podwright-parallel-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  parallelCounters.enabled = false;
});

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

/** Every report format of one run (text twice: plain and verbose), and the exit code. */
function reports(run: RunResult, all: RunResult, config: ResolvedConfig): Record<string, string> {
  const join = (chunks: Iterable<string>) => [...chunks].join('');
  return {
    text: join(textChunks(run, {})),
    verbose: join(textChunks(run, { verbose: true })),
    json: join(jsonReportChunks(run)),
    sarif: join(sarifChunks(run, { rules: rulesOf(config).map((r) => r.meta), ruleSettings: config.rules })),
    junit: join(junitChunks(all)),
    exit: String(exitCodeOf(run)),
    documents: String(run.documentCount),
  };
}

interface Compared {
  readonly one: Record<string, string>;
  readonly parallel: Record<string, string>;
  /** Documents the workers checked. */
  readonly inWorkers: number;
  /** Documents of the parts the main thread checked itself. */
  readonly inMain: number;
}

/** Runs the targets in one thread and in parallel (text/json/sarif runs, then JUnit runs that keep every document). */
async function compare(targets: string[], options: Partial<ValidateFilesOptions> & { configFile?: string; partBytes?: number } = {}): Promise<Compared> {
  const configFile = options.configFile;
  const config = options.config ?? loadConfigFile({ file: configFile, cwd: dir }).config;
  const base: ValidateFilesOptions = { cwd: dir, ...options, config };
  const parallel = { config: { file: configFile, cwd: dir, crdFiles: [] }, minBytes: 0, partBytes: options.partBytes ?? 4096, workers: 2 };
  const one = reports(await validateFiles(targets, base), await validateFiles(targets, { ...base, keepAllDocuments: true }), config);
  parallelCounters.enabled = true;
  parallelCounters.documents = 0;
  parallelCounters.mainDocuments = 0;
  const run = await validateFiles(targets, { ...base, parallel });
  const all = await validateFiles(targets, { ...base, keepAllDocuments: true, parallel });
  const inWorkers = parallelCounters.documents;
  const inMain = parallelCounters.mainDocuments;
  parallelCounters.enabled = false;
  return { one, parallel: reports(run, all, config), inWorkers, inMain };
}

function expectSame(c: Compared): void {
  for (const key of Object.keys(c.one)) expect({ [key]: c.parallel[key] }).toEqual({ [key]: c.one[key] });
}

describe('validate in worker threads gives the one-thread reports', () => {
  test('the website examples (folder of files; Lists, Namespaces, unknown kinds, YAML errors)', async () => {
    const c = await compare([EXAMPLES]);
    expectSame(c);
    expect(Number(c.one.documents)).toBeGreaterThan(300);
    // Both runs (the second keeps every document) were checked in parts, by the workers and the main thread.
    expect(c.inWorkers + c.inMain).toBe(2 * Number(c.one.documents));
    expect(c.inWorkers).toBeGreaterThan(c.inMain / 4);
    expect(c.inMain).toBeGreaterThan(0);
    expect(c.one.text).toContain('not checked');
  });

  test('the mutation corpus as one file, cut into many parts', async () => {
    // Every eighth case (350 objects of every pod-bearing kind): the whole corpus takes too long for `npm test`.
    const docs = mutationCorpus().filter((_, i) => i % 8 === 0).map((c) => yaml.dump(c.object, { lineWidth: -1 }));
    const file = write('mutation.yaml', `# the mutation corpus\n---\n${docs.join('---\n')}`);
    const c = await compare([file], { partBytes: 8192 });
    expectSame(c);
    expect(c.one.json).toContain('"ruleId"');
    expect(c.inWorkers + c.inMain).toBe(2 * Number(c.one.documents));
    expect(c.inWorkers).toBeGreaterThan(0);
  });

  test('Namespaces after their objects, declared twice with other labels, and inside a List', async () => {
    const pod = (name: string, namespace: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.25\n    securityContext:\n      privileged: true\n`;
    const namespace = (name: string, level: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n  labels:\n    pod-security.kubernetes.io/enforce: ${level}\n`;
    const list = (name: string, level: string) => `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Namespace\n  metadata:\n    name: ${name}\n    labels:\n      pod-security.kubernetes.io/enforce: ${level}\n`;
    const docs: string[] = [];
    for (let i = 0; i < 40; i++) {
      docs.push(pod(`a${i}`, 'team-a'), pod(`b${i}`, 'team-b'), pod(`c${i}`, 'team-c'));
      if (i === 10) docs.push(namespace('team-a', 'privileged'));
      if (i === 20) docs.push(namespace('team-a', 'baseline'), list('team-c', 'privileged'));
      if (i === 30) docs.push(list('team-b', 'baseline'), list('team-c', 'restricted'));
    }
    docs.push(namespace('team-b', 'privileged'));
    const file = write('namespaces.yaml', docs.join('---\n'));
    const c = await compare([file], { partBytes: 1024 });
    expectSame(c);
    // The policies changed along the file: the levels differ between the pods.
    expect(c.one.text).toMatch(/privileged/);
    expect(c.inWorkers).toBeGreaterThan(0);
  });

  test('static pods, exemptions (annotation and configuration), a configuration file and an empty file', async () => {
    const config = write('cfg/podwright.config.json', JSON.stringify({
      podSecurity: 'baseline',
      exemptions: [{ rule: 'resources-missing', kind: 'Pod', reason: 'sized by the platform' }],
      rules: { 'probes-missing': 'error' },
    }));
    const static1 = write('static/etcd.yaml', fs.readFileSync(path.join(EXAMPLES, 'pods', 'simple-pod.yaml'), 'utf8'));
    const exempted = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  annotations:\n    ignore-check.podwright.io/pdb-missing: one zone\nspec:\n  replicas: 3\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: app, image: nginx:1.25}]\n`;
    const file = write('exempt.yaml', Array.from({ length: 30 }, () => exempted).join('---\n'));
    const empty = write('empty.yaml', '');
    const c = await compare([file, empty, static1], { configFile: config, staticPodDirs: [path.join(dir, 'static')], partBytes: 1024 });
    expectSame(c);
    expect(c.one.verbose).toContain('static');
    expect(c.inWorkers).toBeGreaterThan(0);
  });

  test('standard input (spilled to a file, then cut into parts)', async () => {
    const text = fs.readFileSync(path.join(EXAMPLES, 'application', 'deployment.yaml'), 'utf8');
    const stdinText = Array.from({ length: 50 }, () => text).join('---\n');
    const stdin = () => ({ async *[Symbol.asyncIterator]() { yield Buffer.from(stdinText); } });
    const config = loadConfigFile({ cwd: dir }).config;
    const base: ValidateFilesOptions = { cwd: dir, config };
    const parallel = { config: { cwd: dir, crdFiles: [] }, minBytes: 0, partBytes: 2048, workers: 2 };
    const one = reports(await validateFiles(['-'], { ...base, stdin: stdin() }), await validateFiles(['-'], { ...base, stdin: stdin(), keepAllDocuments: true }), config);
    const par = reports(await validateFiles(['-'], { ...base, stdin: stdin(), parallel }), await validateFiles(['-'], { ...base, stdin: stdin(), keepAllDocuments: true, parallel }), config);
    expectSame({ one, parallel: par, inWorkers: 0, inMain: 0 });
  });

  test('custom resources without their CRD (not checked) in parallel; with CRDs in the input, one thread', async () => {
    const widgets = fs.readFileSync(path.join(CRD_CASES, 'podwright.yaml'), 'utf8');
    const crdDir = path.join(CRD_SCHEMAS, 'podwright');
    const crd = fs.readFileSync(path.join(crdDir, 'widgets.example.com.yaml'), 'utf8');
    expect(crd).toContain('kind: CustomResourceDefinition');
    const without = await compare([CRD_CASES], { partBytes: 2048 });
    expectSame(without);
    expect(without.one.verbose).toContain('not checked');
    expect(without.inWorkers).toBeGreaterThan(0);
    // Custom resources before their CRD: checked at the end (one thread).
    const file = write('widgets-then-crd.yaml', `${widgets}\n---\n${crd}`);
    const c = await compare([file], { partBytes: 1024 });
    expectSame(c);
    expect(c.inWorkers).toBe(0);
    expect(c.one.text).not.toContain('not checked');
    // "CustomResource\x44efinition" is CustomResourceDefinition once parsed: a worker meets it, the run starts over in one thread.
    const hidden = write('hidden-crd.yaml', `${widgets}\n---\n${crd.replace('kind: CustomResourceDefinition', 'kind: "CustomResource\\x44efinition"')}`);
    expect(fs.readFileSync(hidden, 'utf8')).not.toContain('CustomResourceDefinition');
    const h = await compare([hidden], { partBytes: 1024 });
    expectSame(h);
    expect(h.one.json).toEqual(c.one.json!.split('widgets-then-crd.yaml').join('hidden-crd.yaml'));
  });

  test('a plugin rule written with visit/finish keeps the run in one thread', async () => {
    write('plugin/index.js', `module.exports = { name: 'acme', rules: [{ meta: { id: 'acme/count', layer: 'practice', severity: 'info', scope: 'output', description: 'Counts objects.', fix: 'Nothing to fix.' },
      create() { let n = 0; let first; return { visit(t, anchor) { n++; first ??= anchor([]); }, finish(ctx) { if (first) ctx.report(first, n + ' objects'); } }; } }] };`);
    const config = write('plugin-cfg/podwright.config.json', JSON.stringify({ plugins: [path.join(dir, 'plugin')] }));
    const c = await compare([path.join(EXAMPLES, 'application')], { configFile: config });
    expectSame(c);
    expect(c.one.text).toMatch(/\d+ objects/);
    expect(c.inWorkers).toBe(0);
  });
});

describe('partsOf', () => {
  test('parts start at marker lines (as the reader splits documents), never at the first one, and cover the file', () => {
    const text = '# prologue\n---\na: 1\n---\nb: 2\n--- # c\nc: 3\n----\nd: 4\n---\n';
    const file = write('parts.yaml', text);
    const scan = { size: text.length, markers: [11, 20, 29, 52], namespaceWords: [] };
    expect(partsOf(scan, 1)).toEqual([[0, 20], [20, 29], [29, 52], [52, text.length]]);
    expect(partsOf(scan, 1000)).toEqual([[0, text.length]]);
    expect(scanFile(file)).toEqual(scan);
  });
});

describe('podwright validate --workers', () => {
  async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const io: CliIO = {
      stdout: { write: (t: string) => { stdout += t; return true; }, isTTY: false },
      stderr: { write: (t: string) => { stderr += t; return true; } },
      stdin: Readable.from([]),
      cwd: dir,
      env: {},
    };
    return { code: await run(args, io), stdout, stderr };
  }

  test('a small input stays in one thread (no worker starts); the report is the same', async () => {
    parallelCounters.enabled = true;
    parallelCounters.documents = 0;
    const target = path.join(EXAMPLES, 'application');
    const one = await cli(['validate', '--format', 'json', target]);
    const asked = await cli(['validate', '--format', 'json', '--workers', '2', target]);
    parallelCounters.enabled = false;
    expect(asked).toEqual(one);
    expect(parallelCounters.documents).toBe(0);
  });

  test('a bad count is a usage error (exit 2)', async () => {
    expect(await cli(['validate', '--workers', 'two', EXAMPLES])).toEqual({
      code: 2, stdout: '', stderr: 'podwright validate: --workers takes a number of threads from 0 to 16, not "two".\n',
    });
    expect((await cli(['validate', '--workers', '17', EXAMPLES])).code).toBe(2);
  });
});
