import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { loadCrdFiles } from '../../../lib/validation/schema/crd-files';
import { CrdRegistry } from '../../../lib/validation/schema/crd-registry';

/**
 * Untrusted input: every fixture case with parts replaced by values of every JSON type
 * must give problems, never an exception (the CLI checks YAML nobody reviewed).
 */
const fixtures = path.join(__dirname, 'fixtures');
const registry = loadCrdFiles(['crds'], fixtures, 'test');
const cases = fs.readdirSync(path.join(fixtures, 'crd-cases')).filter((f) => f.endsWith('.yaml')).sort()
  .flatMap((f) => yaml.loadAll(fs.readFileSync(path.join(fixtures, 'crd-cases', f), 'utf8')) as Record<string, unknown>[]);
const REPLACEMENTS: unknown[] = [null, 0, -1, 1.5, 1e300, '', 'x', '/a//b', true, [], [null], [{}], {}, { a: 1 }, { type: 'Exact' }];

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function places(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => places(x, [...at, i], out));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (at.length > 0 || (k !== 'apiVersion' && k !== 'kind')) places(x, [...at, k], out);
  return out;
}

function replaced(o: unknown, at: (string | number)[], value: unknown): unknown {
  if (at.length === 0) return value;
  const copy = JSON.parse(JSON.stringify(o)) as Record<string | number, unknown>;
  let cur = copy;
  for (const k of at.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>;
  cur[at[at.length - 1]!] = value;
  return copy;
}

test('mutated custom resources give problems, never exceptions', () => {
  const next = rng(13);
  let checked = 0;
  for (const c of cases) {
    const schema = registry.lookup(String(c.apiVersion), String(c.kind))!;
    const spots = places(c).filter((p) => p.length > 0);
    for (let i = 0; i < 8; i++) {
      const at = spots[Math.floor(next() * spots.length)]!;
      const value = REPLACEMENTS[Math.floor(next() * REPLACEMENTS.length)];
      const mutated = replaced(c, at, value);
      expect(() => schema.validate(mutated)).not.toThrow();
      checked++;
    }
  }
  expect(checked).toBe(cases.length * 8);
});

test('odd CRD schemas compile and check without exceptions', () => {
  const odd = [
    { type: 'object', properties: [] },
    { type: 'object', properties: { spec: { type: 'array', items: [1] } } },
    { type: 'object', properties: { spec: { 'x-kubernetes-validations': 'self > 1' } } },
    { type: 'object', properties: { spec: { type: 'object', 'x-kubernetes-validations': [{ rule: 'self.(' }, { rule: 1 }, null] } } },
    { type: 'object', properties: { spec: { type: 'string', pattern: '(' } } },
    { type: 'object', properties: { spec: { type: 'object', required: 'a', additionalProperties: 7 } } },
    { type: 'weird' },
  ];
  odd.forEach((openAPIV3Schema, i) => {
    const registry = new CrdRegistry();
    registry.addCrd({
      apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: `odd${i}.example.com` },
      spec: { group: 'example.com', names: { kind: `Odd${i}` }, versions: [{ name: 'v1', served: true, schema: { openAPIV3Schema } }] },
    });
    const schema = registry.lookup('example.com/v1', `Odd${i}`)!;
    for (const spec of [undefined, null, 1, 'x', [], {}, { a: 1 }]) {
      expect(() => schema.validate({ apiVersion: 'example.com/v1', kind: `Odd${i}`, metadata: { name: 'o' }, spec })).not.toThrow();
    }
  });
});
