import * as fs from 'fs';
import * as path from 'path';
import { App, Chart, Yaml } from 'cdk8s';
import * as YAML from 'yaml';
import { emitDocument, emitDocuments, emitDocumentFast } from '../../lib/synth/yaml-emitter';
import { MultiContainerChart, NginxChart, SecurePodChart, SharedStorageChart } from '../../apps/seed';
import { rng } from '../fixtures/seeded';
import { WEBSITE_EXAMPLES } from '../fixtures/website-examples';

const OPTIONS = { keepUndefined: true, lineWidth: 0, version: '1.1' } as const;
const reference = (doc: unknown) => YAML.stringify(doc, OPTIONS);


const TRICKY = [
  '', ' ', '  ', 'a', 'y', 'Y', 'n', 'N', 'yes', 'Yes', 'YES', 'no', 'No', 'on', 'On', 'ON', 'off', 'Off', 'OFF',
  'true', 'True', 'TRUE', 'false', 'False', 'null', 'Null', 'NULL', '~', '0', '1', '-1', '+1', '007', '0o17', '0x1F',
  '0b101', '1_000', '1e3', '1.5', '.5', '-.5', '.inf', '-.Inf', '.nan', '.NaN', '190:20:30', '1:20', '2001-12-14',
  '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.10 -5', '12:30', '8080', '25%', '100m', '128Mi', '1.2.3', 'v1',
  'a: b', 'a:b', 'a:', ':a', ':', 'a #b', 'a#b', '#a', '# a', '- a', '-a', '-', '--', '---', '--- a', '...', '... a',
  '%YAML', '%', '?', '? a', '?a', '!tag', '&anchor', '*alias', '|', '>', "'", '"', '`', '@at', '[a]', '{a}', 'a,b',
  'a, b', ',', 'a ', ' a', 'a\t', '\ta', 'a\tb', 'a\nb', 'a\n', '\na', 'a\n\nb', 'a \nb', 'a\n b', 'line1\nline2\n',
  "it's", 'say "hi"', 'both \' and "', '\\', 'back\\slash', '\u0000', '\u0001x', 'x\u001b', '\u007f', '\u0085',
  '\u00a0', 'é', 'ü:ä', '日本語', '😀', '\ud800', '\u2028', 'a\r\nb', '\r', 'http://example.com/a?b=c#d',
  'registry.example.com/app:1.2.3', 'app.kubernetes.io/name', 'sh -c "echo hi"', 'echo $(HOME) && ls',
  '{"json": true}', '[1, 2]', 'key=value', 'a=b,c=d', '<none>', 'x'.repeat(1100), `${'k'.repeat(1030)}`,
  '=', '+', '0.0.0.0/0', '::1', 'fe80::1', '1Gi', '0.5', '1e+21', 'Infinity', 'NaN', '-0', 'null ', ' null',
];

function randomString(r: () => number): string {
  const alphabet = ['a', 'Z', '0', '9', ' ', ':', '#', '-', '?', '.', '\'', '"', '\n', '\t', '%', '!', '&', '*', '|', '>', ',', '[', '{', '@', '`', '~', '_', '/', '=', 'é', '\u0001'];
  if (r() < 0.3) return TRICKY[Math.floor(r() * TRICKY.length)]!;
  let s = '';
  const len = Math.floor(r() * 12);
  for (let i = 0; i < len; i++) s += alphabet[Math.floor(r() * alphabet.length)];
  return s;
}

function randomValue(r: () => number, depth: number): unknown {
  const x = r();
  if (depth > 4 || x < 0.45) {
    const y = r();
    if (y < 0.65) return randomString(r);
    if (y < 0.75) return Math.floor(r() * 100000) - 50000;
    if (y < 0.8) return [0.5, -0, 1e21, 1.25e-7, Number.MAX_SAFE_INTEGER + 2, -3.75, NaN, Infinity][Math.floor(r() * 8)];
    if (y < 0.88) return r() < 0.5;
    if (y < 0.94) return null;
    return undefined;
  }
  if (x < 0.75) {
    const obj: Record<string, unknown> = {};
    const n = Math.floor(r() * 5);
    for (let i = 0; i < n; i++) obj[randomString(r)] = randomValue(r, depth + 1);
    return obj;
  }
  const n = Math.floor(r() * 4);
  return Array.from({ length: n }, () => randomValue(r, depth + 1));
}

describe('emitDocument is byte-identical to cdk8s Yaml.stringify', () => {
  test('every tricky string as a value, a key, a sequence item and a whole document', () => {
    for (const s of TRICKY) {
      for (const doc of [{ k: s }, { [s]: 'v' }, { a: { [s]: s } }, [s], { l: [s, { [s]: [s] }] }, s, [[s]]]) {
        expect(emitDocument(doc)).toBe(reference(doc));
      }
    }
  });

  test('5,000 generated documents of random shape (seeded)', () => {
    const r = rng(20240607);
    for (let i = 0; i < 5000; i++) {
      const doc = randomValue(r, 0);
      if (doc === undefined) continue;
      const got = emitDocument(doc);
      if (got !== reference(doc)) expect({ doc, got }).toEqual({ doc, got: reference(doc) });
    }
  });

  test('collections: empty ones, nesting, undefined and null', () => {
    const docs: unknown[] = [
      {}, [], null, 5, true, 'plain', { a: undefined, b: null, c: [undefined, null, 1, [], {}] },
      { d: {}, e: [], f: [[1, 2], [], [{}]], g: [{ a: 1, b: [1] }] }, [[[1]]], [{}], { a: { b: {} } },
      [{ a: [{ b: [[{ c: 'd' }]] }] }], { '8080': 1, a: 2, 10: 3 },
    ];
    for (const doc of docs) expect(emitDocument(doc)).toBe(reference(doc));
  });

  test('what needs the yaml package is handed to it: shared objects (anchors), Dates, Maps, class instances', () => {
    const shared = { app: 'web' };
    const empty: unknown[] = [];
    class Box { constructor(readonly v: number) {} }
    const docs: unknown[] = [
      { a: shared, b: shared }, { a: empty, b: [empty] }, { when: new Date(0) }, { m: new Map([['a', 1]]) }, { box: new Box(1) },
      { multi: 'line1\nline2\n' }, { marker: '--- x' }, { ['k'.repeat(1100)]: 1 },
    ];
    for (const doc of docs) {
      expect(emitDocumentFast(doc)).toBeUndefined();
      expect(emitDocument(doc)).toBe(reference(doc));
    }
  });

  test('emitDocuments joins like cdk8s (undefined documents become empty lines)', () => {
    const docs = [{ a: 1 }, undefined, { b: 'yes' }, [], 'x'];
    expect(emitDocuments(docs)).toBe(Yaml.stringify(...docs));
    expect(emitDocuments([])).toBe(Yaml.stringify());
  });
});

describe('on real objects', () => {
  test('every example chart of apps/seed.ts, written on the fast path', () => {
    const app = new App();
    const charts: Chart[] = [
      new NginxChart(app, 'seed-nginx'), new MultiContainerChart(app, 'seed-multi-container-pod'),
      new SharedStorageChart(app, 'seed-shared-storage-pod'), new SecurePodChart(app, 'seed-secure-pod'),
    ];
    for (const chart of charts) {
      const objects = chart.toJson();
      expect(objects.length).toBeGreaterThan(0);
      expect(emitDocuments(objects)).toBe(Yaml.stringify(...objects));
      for (const o of objects) expect(emitDocumentFast(o)).toBe(reference(o)); // no fallback needed
    }
  });

  const corpus = WEBSITE_EXAMPLES;
  test('every document of the k8s-website examples corpus', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) walk(full);
        else if (/\.ya?ml$/.test(e.name)) files.push(full);
      }
    };
    walk(corpus);
    let docs = 0;
    let fast = 0;
    for (const file of files.sort()) {
      for (const d of YAML.parseAllDocuments(fs.readFileSync(file, 'utf8'), { version: '1.1' })) {
        if (d.errors.length > 0) continue;
        const obj = d.toJS();
        if (obj === undefined || obj === null) continue;
        docs++;
        if (emitDocumentFast(obj) !== undefined) fast++;
        const got = emitDocument(obj);
        if (got !== reference(obj)) expect({ file, got }).toEqual({ file, got: reference(obj) });
      }
    }
    expect(docs).toBeGreaterThan(250);
    // Most documents need no fallback (multi-line strings such as scripts and config files do).
    expect(fast / docs).toBeGreaterThan(0.8);
  });
});
