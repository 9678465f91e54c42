import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { resolveConfig } from '../../../lib/validation/config';
import { jsonReportChunks } from '../../../lib/validation/format/json';
import { joinChunks } from '../../../lib/validation/format/json-chunks';
import { junitChunks } from '../../../lib/validation/format/junit';
import { sarifChunks } from '../../../lib/validation/format/sarif';
import { groupByFileAndObject, groupsInOrder, textChunks } from '../../../lib/validation/format/text';
import { RULES } from '../../../lib/validation/rules';
import { Finding } from '../../../lib/validation/types';
import { DocumentResult, ResultStore } from '../../../lib/validation/yaml/result-store';
import { displayPath, expandTargets, objectRefOf, RunResult, validateFiles } from '../../../lib/validation/yaml/validate-files';
import { readYamlString } from '../../../lib/validation/yaml/read';
import { Engine } from '../../../lib/validation/engine';
import { GADGET_CRD, gadget } from '../fixtures/gadget-crd';

const ROOT = path.join(__dirname, '..', '..', '..');
const SEVERITIES = ['error', 'warning', 'info'] as const;

/** Results with every optional field present or not, strings that repeat and strings that do not. */
function results(n: number): DocumentResult[] {
  const out: DocumentResult[] = [];
  for (let i = 0; i < n; i++) {
    const object = i % 7 === 0 ? {} : { apiVersion: 'v1', kind: i % 3 ? 'Pod' : 'Service', ...(i % 4 ? { namespace: 'ns' } : {}), name: `obj-${i % 50}` };
    const findings: Finding[] = [];
    for (let k = 0; k < i % 5; k++) {
      const f: { -readonly [K in keyof Finding]: Finding[K] } = {
        ruleId: `rule-${k}`,
        layer: k % 2 ? 'schema' : 'pod-security',
        severity: SEVERITIES[(i + k) % 3]!,
        // Unique messages overflow the shared string table; long ones are written in full.
        message: k === 0 ? `unique ${i} ✓ 😀 "q" \\ \u0001` : k === 1 ? `long ${'x'.repeat(300)} ${i % 3}` : 'the same message',
        fix: 'Fix it.',
        object: k === 3 ? { kind: 'Other', name: `o${i}` } : object,
        path: k ? `spec.containers[${k}]` : '',
      };
      if (k !== 2) f.location = { file: `dir/f${i % 4}.yaml`, line: i + k, column: k + 1 };
      if (k === 4 || (k === 1 && i % 2)) f.constructPath = `app/chart/obj-${i}`;
      findings.push(f);
    }
    const d: { -readonly [K in keyof DocumentResult]?: DocumentResult[K] } = {};
    if (i % 6) d.file = `dir/f${i % 4}.yaml`;
    if (i % 5) d.documentIndex = i;
    d.object = object;
    if (i % 3) d.location = { file: `dir/f${i % 4}.yaml`, line: i, column: 1 };
    d.findings = findings;
    out.push(d as DocumentResult);
  }
  return out;
}

describe('ResultStore', () => {
  test.each([
    ['spilled at once', 0],
    ['spilled part way', 20_000],
    ['in memory', undefined],
  ])('reads back what was pushed, in order, as often as asked (%s)', (_name, memoryBytes) => {
    const docs = results(6000);
    const store = new ResultStore({ memoryBytes });
    for (const d of docs) store.push(d);
    store.seal();
    try {
      expect(store.spilled).toBe(memoryBytes !== undefined);
      expect(store.length).toBe(docs.length);
      // Key order included: the JSON report prints findings as they are.
      const text = JSON.stringify(docs);
      expect(JSON.stringify([...store])).toBe(text);
      expect(JSON.stringify([...store])).toBe(text);
      for (const i of [0, 1, 17, 2999, 5999]) expect(JSON.stringify(store.at(i))).toBe(JSON.stringify(docs[i]));
      expect(store.at(6000)).toBeUndefined();
      expect(JSON.stringify([...store.checkedFindings()])).toBe(JSON.stringify(docs.flatMap((d) => d.findings)));
      const all = docs.flatMap((d) => d.findings);
      expect(store.summary.errors).toBe(all.filter((f) => f.severity === 'error').length);
      expect(store.summary.warnings).toBe(all.filter((f) => f.severity === 'warning').length);
      expect(store.summary.infos).toBe(all.filter((f) => f.severity === 'info').length);
      expect([...store.summary.firstByRule.keys()]).toEqual(['rule-0', 'rule-1', 'rule-2', 'rule-3']);
      expect(store.summary.firstByRule.get('rule-2')).toEqual(all.find((f) => f.ruleId === 'rule-2'));
    } finally {
      store.close();
    }
  });

  test('reads any position of a spilled store, in any order, as pushed (records across blocks, larger than a block, more blocks than are kept)', () => {
    const docs = results(12_000); // about 5 MB of records: more than the blocks kept
    // Records of 20 to 60 KB: larger than a block of the temporary file, and across two.
    for (const i of [5, 6, 3001, 11_998]) {
      docs[i] = { ...docs[i]!, findings: [{ ...docs[1]!.findings[0]!, message: `${'big '.repeat(5000 + i)}${i}` }] };
    }
    const store = new ResultStore({ memoryBytes: 0 });
    for (const d of docs) store.push(d);
    store.seal();
    try {
      expect(store.spilled).toBe(true);
      let seed = 11;
      const order: number[] = [];
      for (let k = 0; k < 4000; k++) order.push((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % docs.length);
      // Forward jumps (as the text report reads an object's group), backwards, and repeats.
      for (let i = 0; i < docs.length; i += 97) order.push(i, docs.length - 1 - i, i);
      const wrong = order.filter((i) => JSON.stringify(store.at(i)) !== JSON.stringify(docs[i]));
      expect(wrong).toEqual([]);
      expect(JSON.stringify(store.at(5))).toBe(JSON.stringify(docs[5]));
      expect(JSON.stringify([...store])).toBe(JSON.stringify(docs));
    } finally {
      store.close();
    }
  });

  test('a live result is kept as it is: findings added later show, checkedFindings lists those it had, and an empty one is left out', () => {
    const docs = results(40);
    const live = new Set([docs[3]!, docs[20]!, docs[21]!]);
    const store = new ResultStore({ memoryBytes: 0, live: (r) => live.has(r), dropEmpty: true });
    for (const d of docs) store.push(d);
    const late = { ...docs[11]!.findings[0]!, message: 'late' };
    (docs[3]!.findings as Finding[]).push(late);
    expect(docs[20]!.findings).toHaveLength(0); // and it stays so
    store.seal();
    try {
      const read = [...store];
      expect(read).toHaveLength(39);
      expect(store.length).toBe(39);
      expect(read[3]).toBe(docs[3]);
      expect(JSON.stringify(read)).toBe(JSON.stringify(docs.filter((d) => d !== docs[20])));
      expect(store.at(20)).toBeUndefined();
      expect(store.at(21)).toBe(docs[21]);
      const checked = [...store.checkedFindings()];
      expect(checked).not.toContain(late);
      expect(checked).toHaveLength(docs.flatMap((d) => d.findings).length - 1);
      expect(checked.filter((f) => f.message === 'the same message').length).toBeGreaterThan(0);
    } finally {
      store.close();
    }
  });

  test('the temporary file is unlinked as soon as it is open; close() ends reading', () => {
    const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'podwright-store-test-'));
    try {
      const store = new ResultStore({ memoryBytes: 0, tmpDir });
      for (const d of results(200)) store.push(d);
      expect(store.spilled).toBe(true);
      expect(fs.readdirSync(tmpDir)).toEqual([]);
      expect([...store]).toHaveLength(200);
      store.close();
      expect(() => store.at(0)).toThrow('ResultStore: read after close');
      expect(() => [...store]).toThrow('ResultStore: read after close');
    } finally {
      fs.rmSync(tmpDir, { recursive: true, force: true });
    }
  });

  test.each([
    ['by close()', 'store.close(); process.stdout.write(String(fs.readdirSync(TMP).length)); store.close();'],
    ['at a normal exit', 'process.exitCode = 0;'],
    ['at process.exit()', 'process.exit(3);'],
    ['after an uncaught error', 'throw new Error("boom");'],
  ])('where an open file cannot be unlinked, the file is removed %s', (_name, end) => {
    const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'podwright-store-test-'));
    try {
      const script = `
        require(${JSON.stringify(path.join(ROOT, 'scripts', 'register.js'))});
        const fs = require('fs');
        const unlink = fs.unlinkSync;
        let first = true;
        fs.unlinkSync = (p) => { if (first) { first = false; throw new Error('EPERM'); } return unlink(p); };
        const { ResultStore } = require(${JSON.stringify(path.join(ROOT, 'lib', 'validation', 'yaml', 'result-store.ts'))});
        const store = new ResultStore({ memoryBytes: 0, tmpDir: ${JSON.stringify(tmpDir)} });
        store.push({ object: { kind: 'Pod', name: 'p' }, findings: [] });
        const TMP = ${JSON.stringify(tmpDir)};
        process.stdout.write(String(fs.readdirSync(TMP).length));
        ${end}
      `;
      const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
      expect(child.stdout).toBe(end.startsWith('store.close()') ? '10' : '1'); // the folder existed while the process ran
      expect(fs.readdirSync(tmpDir)).toEqual([]);
    } finally {
      fs.rmSync(tmpDir, { recursive: true, force: true });
    }
  });
});

describe('validateFiles with its results spilled', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podwright-spill-'));
    fs.cpSync(path.join(ROOT, 'test', 'fixtures', 'k8s-website-examples'), path.join(dir, 'examples'), { recursive: true });
    const example = fs.readFileSync(path.join(dir, 'examples', 'pods', 'simple-pod.yaml'), 'utf8');
    // One file that repeats its objects (the text report groups them), custom resources
    // before their CRD (their findings come at finish()), kinds nobody knows (skipped), and
    // cross-object findings about objects of a file with no finding of its own.
    fs.writeFileSync(path.join(dir, 'a-repeats.yaml'), Array.from({ length: 30 }, () => example).join('---\n'));
    fs.writeFileSync(path.join(dir, 'b-crs.yaml'), [gadget({ size: 'big' }), gadget({ size: 3 }), { apiVersion: 'x.io/v1', kind: 'Thing', metadata: { name: 't' } }].map((o) => yaml.dump(o)).join('---\n'));
    fs.writeFileSync(path.join(dir, 'c-services.yaml'), [
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'lonely', namespace: 'default' }, spec: { selector: { app: 'nobody' }, ports: [{ port: 80 }] } },
    ].map((o) => yaml.dump(o)).join('---\n'));
    fs.writeFileSync(path.join(dir, 'z-crd.yaml'), yaml.dump(GADGET_CRD));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const run = (memoryBytes: number | undefined, keepAllDocuments = false) => validateFiles(['.'], {
    config: resolveConfig({ podSecurity: 'baseline', failOn: 'warning' }, RULES.map((r) => r.meta.id)), cwd: dir, keepAllDocuments, resultMemoryBytes: memoryBytes,
  });
  const reports = (r: RunResult) => ({
    text: joinChunks(textChunks(r)),
    verbose: joinChunks(textChunks(r, { verbose: true })),
    json: joinChunks(jsonReportChunks(r)),
    sarif: joinChunks(sarifChunks(r)),
    junit: joinChunks(junitChunks(r)),
  });
  /**
   * The same run the way validateFiles made it before it had a store: the engine's own
   * report (every finding in one array) and a result per document with findings, in arrays.
   */
  const inArrays = (keepAllDocuments = false): RunResult => {
    const config = resolveConfig({ podSecurity: 'baseline', failOn: 'warning' }, RULES.map((r) => r.meta.id));
    const engine = new Engine(config);
    const files = expandTargets(['.'], dir).map((file) => ({ file, shown: displayPath(file, dir) }));
    const inputs = files.flatMap(({ file, shown }) => readYamlString(fs.readFileSync(file, 'utf8'), shown));
    for (const input of inputs) engine.declareNamespace(input.object);
    const documents: DocumentResult[] = [];
    for (const input of inputs) {
      const findings = engine.check(input);
      if (!keepAllDocuments && findings.length === 0 && !engine.mayGrow(findings)) continue;
      const d: { -readonly [K in keyof DocumentResult]?: DocumentResult[K] } = { file: input.file };
      if (input.documentIndex !== undefined) d.documentIndex = input.documentIndex;
      d.object = objectRefOf(input.object);
      const location = input.locate?.([]) ?? input.problems?.[0]?.location;
      if (location) d.location = location;
      d.findings = findings;
      documents.push(d as DocumentResult);
    }
    const report = engine.finish();
    return {
      report,
      documents: keepAllDocuments ? documents : documents.filter((d) => d.findings.length > 0),
      documentCount: inputs.length,
      files: files.map((f) => f.shown),
      failOn: 'warning',
    };
  };

  test('every format is byte-identical spilled or not, and to the same run held in arrays', async () => {
    const memory = await run(undefined);
    const spilled = await run(0);
    try {
      expect(spilled.report.findings.unattached!.length).toBeGreaterThan(0);
      expect(spilled.report.skipped.length).toBeGreaterThan(0);
      expect([...spilled.report.findings].some((f) => f.ruleId.startsWith('custom-resource-schema'))).toBe(true);
      const expected = reports(memory);
      expect(reports(spilled)).toEqual(expected);
      expect(reports(inArrays())).toEqual(expected);
      expect(expected.text).toContain('a-repeats.yaml  Pod/nginx');
      expect(expected.text.split('a-repeats.yaml  Pod/nginx').length).toBe(2); // one group for the 30 documents
      expect(expected.text).toContain('c-services.yaml  Service/default/lonely');
    } finally {
      memory.close?.();
      spilled.close?.();
    }
  });

  test('JUnit with every document kept is byte-identical spilled or not', async () => {
    const memory = await run(undefined, true);
    const spilled = await run(0, true);
    try {
      expect(joinChunks(junitChunks(spilled))).toBe(joinChunks(junitChunks(memory)));
      expect(joinChunks(junitChunks(inArrays(true)))).toBe(joinChunks(junitChunks(memory)));
      // A file's documents not one after the other (a file named twice): made in memory, no case lost.
      const arrays = inArrays(true);
      const docs = [...arrays.documents];
      const shuffled = joinChunks(junitChunks({ ...arrays, documents: [...docs.slice(1), docs[0]!] }));
      const cases = (xml: string) => xml.split('<testcase ').length - 1;
      expect(cases(shuffled)).toBe(cases(joinChunks(junitChunks(memory))));
      expect(cases(shuffled)).toBeGreaterThan(300);
    } finally {
      memory.close?.();
      spilled.close?.();
    }
  });

  test('a run\'s result does not keep the engine (and its cross-object rules\' data) alive', () => {
    const script = `
      require(${JSON.stringify(path.join(ROOT, 'scripts', 'register.js'))});
      const { Engine } = require(${JSON.stringify(path.join(ROOT, 'lib', 'validation', 'engine.ts'))});
      const { validateFiles } = require(${JSON.stringify(path.join(ROOT, 'lib', 'validation', 'yaml', 'validate-files.ts'))});
      const { resolveConfig } = require(${JSON.stringify(path.join(ROOT, 'lib', 'validation', 'config.ts'))});
      const { RULES } = require(${JSON.stringify(path.join(ROOT, 'lib', 'validation', 'rules', 'index.ts'))});
      let engine;
      const check = Engine.prototype.check;
      Engine.prototype.check = function (input) { engine ??= new WeakRef(this); return check.call(this, input); };
      validateFiles(['.'], { config: resolveConfig({}, RULES.map((r) => r.meta.id)), cwd: ${JSON.stringify(dir)}, resultMemoryBytes: 0 }).then(async (run) => {
        for (let i = 0; i < 3 && engine.deref() !== undefined; i++) {
          await new Promise((resolve) => setImmediate(resolve));
          global.gc();
        }
        process.stdout.write(JSON.stringify({ documents: run.documents.length, engineGone: engine.deref() === undefined }));
        run.close();
      });
    `;
    const child = spawnSync(process.execPath, ['--expose-gc', '-e', script], { encoding: 'utf8' });
    expect({ stdout: child.stdout, stderr: child.stderr }).toEqual({ stdout: expect.stringMatching(/^\{/), stderr: expect.any(String) });
    const out = JSON.parse(child.stdout) as { documents: number; engineGone: boolean };
    expect(out.documents).toBeGreaterThan(100);
    expect(out.engineGone).toBe(true);
  });

  test('the text report\'s groups, read one at a time, are those grouped in memory', async () => {
    const spilled = await run(0);
    try {
      const streamed = [...groupsInOrder(spilled)];
      const inMemory = [...groupByFileAndObject(spilled)].flatMap(([file, groups]) => groups.map((g) => ({ file, ...g })));
      expect(JSON.stringify(streamed)).toBe(JSON.stringify(inMemory));
      expect(streamed.length).toBeGreaterThan(100);
    } finally {
      spilled.close?.();
    }
  });
});
