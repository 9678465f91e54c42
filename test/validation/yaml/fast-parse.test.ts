import * as fs from 'fs';
import * as path from 'path';
import { readYamlString } from '../../../lib/validation/yaml/read';
import { fastParse } from '../../../lib/validation/yaml/fast-parse';
import { ObjectInput, Path } from '../../../lib/validation/types';
import { WEBSITE_EXAMPLES } from '../../fixtures/website-examples';

/**
 * The fast path must read every document it accepts exactly as the full reader does:
 * the same object, no problems, and the same location for every field.
 */
const corpus = WEBSITE_EXAMPLES;
const exampleFiles = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
  const p = path.join(dir, e.name);
  return e.isDirectory() ? exampleFiles(p) : /\.ya?ml$/.test(e.name) ? [p] : [];
});

function paths(value: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

function compare(text: string, name: string): { fast: number; total: number } {
  const full = readYamlString(text, name, { fastPath: false });
  const quick = readYamlString(text, name);
  expect(quick.map((d) => d.object)).toEqual(full.map((d) => d.object));
  expect(quick.map((d) => d.problems)).toEqual(full.map((d) => d.problems));
  expect(quick.map((d) => d.documentIndex)).toEqual(full.map((d) => d.documentIndex));
  quick.forEach((q: ObjectInput, i) => {
    const f = full[i]!;
    for (const p of paths(q.object)) expect([p, q.locate?.(p)]).toEqual([p, f.locate?.(p)]);
  });
  const segments = text.split(/^---(?:[ \t].*)?$/m);
  return { fast: segments.filter((s) => fastParse(s, 1000) !== undefined).length, total: segments.length };
}

const TRICKY = `apiVersion: v1
kind: ConfigMap
metadata:
  name: tricky
  labels: {a: "1", b: 'x'}
data:
  yes: yes
  bools: [y, Y, n, N, Yes, YES, no, NO, True, TRUE, False, FALSE, On, ON, Off, OFF, Null, NULL, Falsey, nullable, yesterday, onward, offset, trueish]
  switch: on
  quotedOn: "on"
  octal: 0755
  plain: 0x1F
  time: 1:30:00
  float: 1.5e3
  inf: .inf
  empty:
  nullish: ~
  multi: |
    line one
      indented
  folded: >-
    a
    b
  date: 2024-01-01
  "__proto__": {polluted: yes}
  list:
  - a
  - - nested
    - {k: v}
  - 12
  url: http://example.com:8080/a?b=c
  quoted key: "with \\"escapes\\" and \\u00e9"
`;

test('tricky scalars, keys and positions read the same on both paths', () => {
  const { fast } = compare(TRICKY, 'tricky.yaml');
  expect(fast).toBe(1);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

test('documents with anchors, tags, merges, tabs, duplicate keys or empty entries go to the full reader', () => {
  compare('a:\nb: 1\n', 'empty-value.yaml');
  for (const text of ['list:\n- a\n-\n- 12\n', 'a:\n  ? complex\n  : value\n', 'a: &x 1\nb: *x\n', 'a: !!str 1\n', 'a: {b: 1}\n<<: {c: 2}\n', 'a:\n\tb: 1\n', 'a: 1\na: 2\n', '%YAML 1.1\n---\na: 1\n']) {
    expect(fastParse(text, 1000)).toBeUndefined();
    compare(text, 'x.yaml');
  }
});

test('every corpus document reads the same on both paths, and most take the fast path', () => {
  let fast = 0;
  let total = 0;
  for (const file of exampleFiles(corpus)) {
    const r = compare(fs.readFileSync(file, 'utf8'), path.relative(corpus, file));
    fast += r.fast;
    total += r.total;
  }
  expect(total).toBeGreaterThan(250);
  expect(fast / total).toBeGreaterThan(0.5);
});

test('locations in a document that starts with blank lines (once an endless loop)', () => {
  compare('\n\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: b\n', 'blank-start.yaml');
  expect(fastParse('\n\na:\n  - 1\n', 1000)!.offsetOf(['a', 0])).toBe(9);
});
