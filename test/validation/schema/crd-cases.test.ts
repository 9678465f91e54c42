import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { resolveConfig } from '../../../lib/validation/config';
import { Engine } from '../../../lib/validation/engine';
import { RULES } from '../../../lib/validation/rules';
import { loadCrdFiles } from '../../../lib/validation/schema/crd-files';

/**
 * Custom resources of real CRDs (Gateway API, cert-manager, Prometheus Operator, Argo CD;
 * fixtures/crds/*, each with its LICENSE and SOURCE.md) and of podwright's own test CRD,
 * checked against the verdicts a real kube-apiserver v1.28 gave for each
 * (fixtures/crd-cases/labels.json, written by scripts/label-crd-cases.js): the server
 * decides, podwright must say the same thing, in the same words, at the same field.
 */
const fixtures = path.join(__dirname, 'fixtures');
const registry = loadCrdFiles(['crds'], fixtures, 'test');
const labels = JSON.parse(fs.readFileSync(path.join(fixtures, 'crd-cases', 'labels.json'), 'utf8')) as {
  server: string;
  cases: Record<string, { status: number; message?: string; causes?: { field: string; message: string }[] }>;
};
/**
 * Where podwright's CEL library words a result differently from cel-go, said here
 * rather than hidden: case -> [the server's error, podwright's].
 */
const KNOWN_DIFFERENCES: Record<string, [string, string]> = {
  // `a || b` with both sides failing: cel-go reports the left error, cel-js the right one.
  'gateway-api.yaml#gateway-terminate-without-certs': [
    'no such key: certificateRefs evaluating rule',
    'no such key: options evaluating rule',
  ],
};
const NOT_CHECKED = 'some validation rules were not checked because the object was invalid; correct the existing errors to complete validation';

const config = { ...resolveConfig({}, RULES.map((r) => r.meta.id)), crdRegistry: registry };
const files = fs.readdirSync(path.join(fixtures, 'crd-cases')).filter((f) => f.endsWith('.yaml')).sort();

test('the labels come from a real v1.28 API server and cover every case', () => {
  expect(labels.server).toMatch(/^v1\.28\./);
  const names = files.flatMap((f) => yaml.loadAll(fs.readFileSync(path.join(fixtures, 'crd-cases', f), 'utf8'))
    .map((o) => `${f}#${(o as { metadata: { name: string } }).metadata.name}`));
  expect(names.sort()).toEqual(Object.keys(labels.cases).sort());
});

describe.each(files)('%s', (file) => {
  const docs = yaml.loadAll(fs.readFileSync(path.join(fixtures, 'crd-cases', file), 'utf8')) as { metadata: { name: string } }[];
  // Every cause the server lists, each from its rule (the report keeps one per defect).
  const engine = new Engine(config, undefined, { allFindings: true });
  const results = docs.map((object) => ({ name: object.metadata.name, findings: engine.check({ object }) }));
  const report = engine.finish();

  test('every custom resource was checked', () => {
    expect(report.skipped).toEqual([]);
  });

  test.each(results.map((r) => [r.name, r] as const))('%s', (name, { findings }) => {
    const label = labels.cases[`${file}#${name}`]!;
    const errors = findings.filter((f) => f.severity === 'error').map((f) => `${f.path}: ${f.message}`).sort();
    const infos = findings.filter((f) => f.ruleId === 'custom-resource-rule-not-evaluated').map((f) => f.message);
    if (label.status === 201) {
      expect(errors).toEqual([]);
      expect(infos.filter((m) => !m.startsWith('transition rule'))).toEqual([]);
    } else if (label.status === 400) {
      // Strict decoding stops the server before validation: it names the unknown fields only.
      const unknown = [...label.message!.matchAll(/unknown field "([^"]+)"/g)].map((m) => `${m[1]}: unknown field "${m[1]}"`).sort();
      expect(unknown.length).toBeGreaterThan(0);
      expect(findings.filter((f) => f.ruleId === 'custom-resource-unknown-field').map((f) => `${f.path}: ${f.message}`).sort()).toEqual(unknown);
    } else {
      expect(label.status).toBe(422);
      const causes = label.causes!.filter((c) => c.message !== `Invalid value: "null": ${NOT_CHECKED}`);
      // The server prints the object root as <nil>; podwright as the empty path.
      let expected = causes.map((c) => `${c.field === '<nil>' ? '' : c.field}: ${c.message}`).sort();
      const known = KNOWN_DIFFERENCES[`${file}#${name}`];
      if (known) expected = expected.map((e) => e.replace(known[0], known[1]));
      expect(errors).toEqual(expected);
      // The server skips the CEL rules of an object with blocking errors, and says so.
      expect(infos.includes(NOT_CHECKED)).toBe(causes.length < label.causes!.length);
    }
  });
});

/**
 * Every x-kubernetes-validations rule of the fixture CRDs' storage versions has a case the
 * server rejected with that rule's message at that rule's place (so each rule is shown
 * failing, and passing in the cases that reach it and were accepted).
 */
describe('each CEL rule of the fixture CRDs has an invalid case', () => {
  // Not reachable on create: status is ignored by the main resource; transition rules need an update.
  const UNREACHABLE = ['Gateway status.addresses[]', 'Widget spec: size is immutable'];
  const causes = Object.values(labels.cases).flatMap((c) => (c.causes ?? []).map((x) => ({ field: x.field.replace(/\[\d+\]/g, '[]'), message: x.message })));
  const rules: [string, string, string][] = [];
  for (const dir of fs.readdirSync(path.join(fixtures, 'crds'))) {
    for (const f of fs.readdirSync(path.join(fixtures, 'crds', dir)).filter((x) => x.endsWith('.yaml'))) {
      const crd = yaml.load(fs.readFileSync(path.join(fixtures, 'crds', dir, f), 'utf8')) as {
        spec: { names: { kind: string }; versions: { storage: boolean; schema: { openAPIV3Schema: Schema } }[] };
      };
      const version = crd.spec.versions.find((v) => v.storage)!;
      const walk = (s: Schema, p: string): void => {
        for (const r of s['x-kubernetes-validations'] ?? []) rules.push([crd.spec.names.kind, p, r.message ?? (r.messageExpression ? longestLiteral(r.messageExpression) : `failed rule: ${r.rule}`)]);
        for (const [k, c] of Object.entries(s.properties ?? {})) walk(c, p ? `${p}.${k}` : k);
        if (s.items) walk(s.items, `${p}[]`);
      };
      walk(version.schema.openAPIV3Schema, '');
    }
  }
  const unreachable = (r: [string, string, string]) => UNREACHABLE.some((u) => `${r[0]} ${r[1]}: ${r[2]}`.startsWith(u));
  test('only the rules said to be unreachable on create lack a case', () => {
    expect(rules.filter(unreachable).length).toBe(UNREACHABLE.length);
  });
  test.each(rules.filter((r) => !unreachable(r)).map((r) => [`${r[0]} ${r[1] || '<root>'}: ${r[2].slice(0, 80)}`, r] as const))('%s', (_, [, at, message]) => {
    const field = at === '' ? '<nil>' : at;
    const hit = causes.some((c) => (c.field === field || c.field.startsWith(`${field}.`)) && c.message.includes(message));
    expect(hit).toBe(true);
  });
});

interface Schema {
  readonly properties?: Record<string, Schema>;
  readonly items?: Schema;
  readonly 'x-kubernetes-validations'?: { rule: string; message?: string; messageExpression?: string }[];
}

/** The longest string literal of a messageExpression (what its message must contain). */
function longestLiteral(expr: string): string {
  const lits = [...expr.matchAll(/'([^']*)'|"([^"]*)"/g)].map((m) => (m[1] ?? m[2] ?? '').trim());
  const best = lits.sort((a, b) => b.length - a.length)[0] ?? '';
  if (best === '') throw new Error(`messageExpression without a literal: ${expr}`);
  return best;
}
