import { DEFAULT_READ_LIMITS, readYamlString } from '../../../lib/validation/yaml/read';
import { validate } from '../../../lib/validation/engine';
import { ObjectInput } from '../../../lib/validation/types';
import * as fs from 'fs';
import { execFileSync } from 'child_process';
import * as path from 'path';
import { WEBSITE_EXAMPLES } from '../../fixtures/website-examples';

const CORPUS = WEBSITE_EXAMPLES;

/** Runs `fn`, and fails when the heap or RSS grew by more than `mb` (a blow-up, not a speed check). */
function withinMemory<T>(mb: number, fn: () => T): T {
  global.gc?.();
  const before = process.memoryUsage();
  const out = fn();
  const after = process.memoryUsage();
  expect((after.heapUsed - before.heapUsed) / 1e6).toBeLessThan(mb);
  expect((after.rss - before.rss) / 1e6).toBeLessThan(mb);
  return out;
}

const problems = (inputs: ObjectInput[]) => inputs.map((i) => (i.problems ?? []).map((p) => `${p.ruleId} ${p.location?.line}:${p.location?.column} ${p.message}`));
const ok = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n';

describe('readYamlString', () => {
  test('splits a stream, skips empty documents, keeps document indexes and locates fields', () => {
    const inputs = readYamlString(`# leading comment\n---\n${ok}---\n---\n# only a comment\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: nginx\n`, 'm.yaml');
    expect(inputs.map((i) => i.documentIndex)).toEqual([0, 3]);
    expect(inputs[0]!.object).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ok' } });
    expect(inputs[1]!.locate!(['spec', 'containers', 0, 'image'])).toEqual({ file: 'm.yaml', line: 18, column: 5 });
    // A missing field points at its nearest ancestor.
    expect(inputs[1]!.locate!(['spec', 'containers', 0, 'securityContext', 'runAsNonRoot'])).toEqual({ file: 'm.yaml', line: 17, column: 5 });
    expect(inputs[1]!.locate!([])).toEqual({ file: 'm.yaml', line: 11, column: 1 });
  });

  test('a --- inside a block scalar ends the document (YAML forbids it in content), indented ones do not', () => {
    const inputs = readYamlString('a: |\n  line\n  ---\n  more\n---\nb: 1\n', 'f.yaml');
    expect(inputs.map((i) => i.object)).toEqual([{ a: 'line\n---\nmore\n' }, { b: 1 }]);
  });

  test('scalars and lists become inputs (document-not-object reports them); null documents are skipped', () => {
    const inputs = readYamlString('--- hello\n--- [1, 2]\n--- ~\n--- null\n');
    expect(inputs.map((i) => i.object)).toEqual(['hello', [1, 2]]);
    const report = validate(inputs);
    expect(report.findings.map((f) => f.ruleId)).toEqual(['document-not-object', 'document-not-object']);
  });

  test('YAML 1.1 like kubectl: yes is a boolean, dates stay strings, merge keys merge', () => {
    // As in kubectl, even the key `y` is a boolean (read as "true").
    const [input] = readYamlString('a: yes\nb: 2024-01-02\nbase: &b {x: 1}\nc:\n  <<: *b\n  z: 2\n  y: 3\n');
    expect(input!.object).toEqual({ a: true, b: '2024-01-02', base: { x: 1 }, c: { x: 1, z: 2, true: 3 } });
  });

  test('a syntax error is located and confined to its document', () => {
    const inputs = readYamlString(`${ok}---\na: [1, 2\nb: 3\n---\n${ok}`, 'f.yaml');
    expect(inputs).toHaveLength(3);
    expect(inputs[0]!.problems).toBeUndefined();
    expect(inputs[1]!.object).toBeUndefined();
    expect(inputs[1]!.problems![0]!.ruleId).toBe('yaml-syntax');
    expect(inputs[1]!.problems![0]!.location!.line).toBeGreaterThanOrEqual(6);
    expect(inputs[2]!.object).toEqual(inputs[0]!.object);
  });

  test.each([
    ['controllers/job-pod-failure-policy-ignore.yaml', 24],
    ['pods/inject/pod-multiple-secret-env-variable.yaml', 15],
  ])('tab indentation in corpus file %s is a yaml-syntax error at kubectl\'s line %i', (file, line) => {
    const text = fs.readFileSync(path.join(CORPUS, file), 'utf8');
    const inputs = readYamlString(text, file);
    expect(problems(inputs)).toEqual([[`yaml-syntax ${line}:1 YAML syntax error: found a tab character that violates indentation`]]);
    const report = validate(inputs);
    expect(report.findings.filter((f) => f.ruleId === 'yaml-syntax').map((f) => [f.severity, f.location?.line])).toEqual([['error', line]]);
  });

  test('duplicate keys: error with the field path, last value kept', () => {
    const inputs = readYamlString('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n', 'd.yaml');
    expect(inputs[0]!.object).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b' } });
    expect(inputs[0]!.problems).toEqual([{
      ruleId: 'yaml-duplicate-key', message: 'duplicate field "name"', fix: expect.any(String),
      path: ['metadata', 'name'], location: { file: 'd.yaml', line: 5, column: 3 },
    }]);
  });

  test('alias bomb ("billion laughs") is refused quickly and in bounded memory; the next document is read', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 12; i++) {
      const p = String.fromCharCode(96 + i);
      const n = String.fromCharCode(97 + i);
      levels.push(`${n}: &${n} [${Array(9).fill(`*${p}`).join(',')}]`);
    }
    const inputs = withinMemory(150, () => readYamlString(`${levels.join('\n')}\n---\n${ok}`, 'bomb.yaml'));
    expect(inputs[0]!.object).toBeUndefined();
    expect(inputs[0]!.problems!.map((p) => p.ruleId)).toEqual(['yaml-limits']);
    expect(inputs[0]!.problems![0]!.message).toMatch(/alias/);
    expect(inputs[1]!.object).toMatchObject({ kind: 'ConfigMap' });
  });

  test.each([
    ['flow', (n: number) => `${'['.repeat(n)}${']'.repeat(n)}\n`],
    ['flow mappings', (n: number) => `${'{a: '.repeat(n)}1${'}'.repeat(n)}\n`],
    ['block', (n: number) => Array.from({ length: n }, (_, i) => `${' '.repeat(i)}a:`).join('\n') + ' 1\n'],
    ['block lists', (n: number) => Array.from({ length: n }, (_, i) => `${' '.repeat(i * 2)}-`).join('\n') + ' 1\n'],
  ])('nesting thousands deep (%s) is a yaml-limits error, not a stack overflow', (_name, make) => {
    const inputs = withinMemory(150, () => readYamlString(`${make(5000)}---\n${ok}`, 'deep.yaml'));
    expect(inputs[0]!.object).toBeUndefined();
    expect(inputs[0]!.problems!.map((p) => p.ruleId)).toEqual(['yaml-limits']);
    expect(inputs[0]!.problems![0]!.location!.line).toBeGreaterThanOrEqual(1);
    expect(inputs[1]!.object).toMatchObject({ kind: 'ConfigMap' });
  });

  test('nesting within the limit is read', () => {
    const [input] = readYamlString(`${'['.repeat(500)}${']'.repeat(500)}\n`);
    expect(input!.problems).toBeUndefined();
  });

  test('invalid UTF-8 and NUL bytes: yaml-encoding at the line of the bad byte; other documents are read', () => {
    const bytes = Buffer.concat([
      Buffer.from(`${ok}---\nkind: x\nvalue: "`), Buffer.from([0xc3, 0x28]), Buffer.from('"\n---\nnul: "a'), Buffer.from([0]), Buffer.from(`"\n---\n${ok}`),
    ]);
    const { YamlStreamReader } = jest.requireActual('../../../lib/validation/yaml/read') as typeof import('../../../lib/validation/yaml/read');
    const reader = new YamlStreamReader('bin.yaml');
    // Feed one byte at a time: markers and multi-byte characters split across chunks.
    const inputs: ObjectInput[] = [];
    for (const b of bytes) inputs.push(...reader.push(Buffer.from([b])));
    inputs.push(...reader.end());
    expect(problems(inputs)).toEqual([
      [],
      ['yaml-encoding 7:9 the document is not valid UTF-8: byte 0xc3 at byte offset 20 of the document'],
      ['yaml-encoding 9:8 the document contains a NUL byte (binary data); YAML must be text'],
      [],
    ]);
    expect(inputs[3]!.object).toMatchObject({ kind: 'ConfigMap' });
  });

  test('documents are parsed as they are pulled, in order, whichever push() result pulls them', () => {
    const { YamlStreamReader } = jest.requireActual('../../../lib/validation/yaml/read') as typeof import('../../../lib/validation/yaml/read');
    const reader = new YamlStreamReader('lazy.yaml');
    const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;
    const huge = `big: "${'x'.repeat(DEFAULT_READ_LIMITS.maxDocumentBytes)}"\n`;
    const first = reader.push(Buffer.from(`${cm('a')}---\n${huge}---\n${cm('b')}---\n`));
    const second = reader.push(Buffer.from(`${cm('c')}---\n`));
    // Nothing was pulled from the first result yet; pulling from the second yields every document in order.
    const fromSecond = [...second];
    expect(fromSecond.map((i) => [i.documentIndex, (i.object as { metadata?: { name?: string } } | undefined)?.metadata?.name ?? i.problems?.[0]?.ruleId]))
      .toEqual([[0, 'a'], [1, 'yaml-limits'], [2, 'b'], [3, 'c']]);
    expect([...first]).toEqual([]);
    expect([...reader.push(Buffer.from(cm('d')))]).toEqual([]); // not complete until the stream ends
    expect([...reader.end()].map((i) => [i.documentIndex, (i.object as { metadata: { name: string } }).metadata.name])).toEqual([[4, 'd']]);
  });

  test('a UTF-8 byte order mark is ignored; a UTF-16 file is an encoding error', () => {
    expect(readYamlString(`\ufeff${ok}`)[0]!.object).toMatchObject({ kind: 'ConfigMap' });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ok, 'utf16le')]);
    const { YamlStreamReader } = jest.requireActual('../../../lib/validation/yaml/read') as typeof import('../../../lib/validation/yaml/read');
    const r = new YamlStreamReader('u16.yaml');
    const inputs = [...r.push(utf16), ...r.end()];
    expect(inputs.map((i) => i.problems?.[0]?.ruleId)).toEqual(['yaml-encoding']);
  });

  test.each([
    ['!!js/function', 'a: !!js/function "function () { globalThis.pwned = 1 }"\n'],
    ['verbatim tag', 'a: !<tag:yaml.org,2002:js/function> "function () { globalThis.pwned = 1 }"\n'],
    ['!!js/undefined', 'a: !!js/undefined ""\n'],
    ['local tag', 'a: !Ref foo\n'],
    ['python', 'a: !!python/object/apply:os.system ["echo pwned"]\n'],
  ])('custom tag %s is never run and is a yaml-syntax error', (_name, text) => {
    const [input] = readYamlString(text, 't.yaml');
    expect((globalThis as Record<string, unknown>).pwned).toBeUndefined();
    expect(input!.problems!.map((p) => p.ruleId)).toEqual(['yaml-syntax']);
    expect(input!.problems![0]!.message).toMatch(/^unknown YAML tag /);
    expect(typeof (input!.object as Record<string, unknown>).a).not.toBe('function');
  });

  test('__proto__ and constructor keys are own properties; nothing is polluted', () => {
    const [input] = readYamlString('__proto__: {polluted: 1}\nconstructor: {prototype: {polluted: 2}}\nmetadata:\n  __proto__: {polluted: 3}\n');
    const obj = input!.object as Record<string, unknown>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(obj, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(obj)).toBe(Object.prototype);
    expect(Object.keys(obj)).toEqual(['__proto__', 'constructor', 'metadata']);
    expect((obj as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(obj, '__proto__')!.value).toEqual({ polluted: 1 });
  });

  test('a document over the size limit is reported without being parsed; the next one is read', () => {
    const big = `data: "${'x'.repeat(5000)}"\n`;
    const inputs = readYamlString(`${big}---\n${ok}`, 'big.yaml', { limits: { maxDocumentBytes: 1000 } });
    expect(problems(inputs)[0]).toEqual([expect.stringMatching(/^yaml-limits 1:1 the document is 5009 bytes, over the limit of 1000 bytes/)]);
    expect(inputs[1]!.object).toMatchObject({ kind: 'ConfigMap' });
    expect(inputs[1]!.locate!([])).toEqual({ file: 'big.yaml', line: 3, column: 1 });
  });

  test('staticPod is set for files under a static-pod folder, or for every input when asked', () => {
    const dir = path.resolve('/tmp/somewhere/static-pods');
    expect(readYamlString(ok, path.join(dir, 'a.yaml'), { staticPodDirs: [dir] })[0]!.staticPod).toBe(true);
    expect(readYamlString(ok, '/tmp/elsewhere/a.yaml', { staticPodDirs: [dir] })[0]!.staticPod).toBeUndefined();
    expect(readYamlString(ok, 'x.yaml', { staticPods: true })[0]!.staticPod).toBe(true);
  });

  test('no yaml-* problem on any corpus file the API server accepted', () => {
    const labels = fs.readFileSync(path.join(CORPUS, 'LABELS.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
    const accepted = labels.filter((l) => l[2] === 'ACCEPTED').map((l) => l[0]!);
    expect(accepted.length).toBeGreaterThan(200);
    const bad: string[] = [];
    for (const file of accepted) {
      for (const input of readYamlString(fs.readFileSync(path.join(CORPUS, file), 'utf8'), file)) {
        for (const p of input.problems ?? []) bad.push(`${file}: ${p.ruleId} ${p.message}`);
      }
    }
    expect(bad).toEqual([]);
  });
});

describe('YamlStreamReader chunks', () => {
  test('documents and locations do not depend on where the chunks end', () => {
    const { YamlStreamReader } = jest.requireActual('../../../lib/validation/yaml/read') as typeof import('../../../lib/validation/yaml/read');
    // Markers at chunk ends, a `---` that is not a marker, a last line without a line break.
    const text = `${ok}---\n---x: 1\n---\t# tab after the marker\n${ok}--- \n\n---\r\n${ok}x: ----\n...\n---\n${ok}---`;
    const bytes = Buffer.from(text);
    // A document limit that two documents together exceed: a missed marker shows as a yaml-limits problem.
    const options = { limits: { maxDocumentBytes: 100 } };
    const whole = readYamlString(text, 'c.yaml', options);
    expect(whole.filter((i) => i.problems).length).toBe(0);
    const shape = (inputs: ObjectInput[]) => inputs.map((i) => [i.documentIndex, i.object, i.problems, i.locate?.(['metadata', 'name'])]);
    expect(whole.length).toBeGreaterThan(4);
    for (const size of [1, 2, 3, 4, 5, 7, 13, 64]) {
      const reader = new YamlStreamReader('c.yaml', options);
      const inputs: ObjectInput[] = [];
      for (let at = 0; at < bytes.length; at += size) inputs.push(...reader.push(bytes.subarray(at, at + size)));
      inputs.push(...reader.end());
      expect([size, shape(inputs)]).toEqual([size, shape(whole)]);
    }
  });
});

test('the names that outlive a document do not keep its text alive', () => {
  // A cut string (13 characters or more, in V8) is a view of the whole document text, and
  // results and findings keep each object's name for the whole run. Measured in a child
  // process started with --expose-gc, so the heap is measured after full collections.
  const script = `
    require(${JSON.stringify(path.join(__dirname, '../../../scripts/register.js'))});
    const { readYamlString } = require(${JSON.stringify(path.join(__dirname, '../../../lib/validation/yaml/read.ts'))});
    const big = 'x'.repeat(100000);
    const text = Array.from({ length: 300 }, (_, k) => 'apiVersion: example.com/v1alpha1\\nkind: SomethingQuiteLong\\nmetadata:\\n  name: a-name-long-enough-' + k + '\\n  namespace: a-long-namespace-name\\ndata:\\n  big: ' + big + '\\n').join('---\\n');
    global.gc();
    const before = process.memoryUsage().heapUsed;
    const kept = readYamlString(text, 'big.yaml').map((i) => [i.object.apiVersion, i.object.kind, i.object.metadata.name, i.object.metadata.namespace]);
    global.gc();
    process.stdout.write(JSON.stringify({ last: kept[299], grownMB: (process.memoryUsage().heapUsed - before) / 1e6 }));
  `;
  const out = execFileSync(process.execPath, ['--expose-gc', '-e', script], { encoding: 'utf8' });
  const { last, grownMB } = JSON.parse(out) as { last: string[]; grownMB: number };
  expect(last).toEqual(['example.com/v1alpha1', 'SomethingQuiteLong', 'a-name-long-enough-299', 'a-long-namespace-name']);
  expect(grownMB).toBeLessThan(10); // 300 documents of 100 KB: 30 MB if their texts were kept
});
