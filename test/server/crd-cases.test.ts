/**
 * The recorded verdicts of test/validation/schema/fixtures/crd-cases/labels.json (which
 * the offline test holds podwright to) asked again of a real kube-apiserver: the fixture
 * CRDs are installed, every case is created with a strict dry run, and the server must
 * still say exactly what was recorded. If it does not, relabel with
 * scripts/label-crd-cases.js and look at what changed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as yaml from 'js-yaml';
import { ApiServer } from '../../lib/server';
import { KubeObject } from '../../lib/validation/types';

const FIXTURES = path.join(__dirname, '..', 'validation', 'schema', 'fixtures');
const labels = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'crd-cases', 'labels.json'), 'utf8')) as {
  cases: Record<string, { status: number; message?: string; causes?: { field: string; message: string }[] }>;
};

const crds: KubeObject[] = fs.readdirSync(path.join(FIXTURES, 'crds')).sort().flatMap((dir) => fs.readdirSync(path.join(FIXTURES, 'crds', dir))
  .filter((f) => f.endsWith('.yaml')).sort()
  .flatMap((f) => yaml.loadAll(fs.readFileSync(path.join(FIXTURES, 'crds', dir, f), 'utf8')) as KubeObject[]));
const cases = fs.readdirSync(path.join(FIXTURES, 'crd-cases')).filter((f) => f.endsWith('.yaml')).sort()
  .flatMap((file) => (yaml.loadAll(fs.readFileSync(path.join(FIXTURES, 'crd-cases', file), 'utf8')) as KubeObject[])
    .map((object) => ({ key: `${file}#${(object.metadata as { name: string }).name}`, object })));

let server: ApiServer;
beforeAll(async () => {
  server = await ApiServer.start();
  for (const crd of crds) {
    // Not strict: cert-manager v1.21's CRDs carry `selectableFields` (a 1.30 field), which a
    // 1.28 server drops with a warning (as scripts/label-crd-cases.js installed them).
    const created = await server.client.request('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', crd);
    if (created.status !== 201) throw new Error(`${(crd.metadata as { name: string }).name}: ${created.status} ${JSON.stringify(created.body)}`);
  }
  // Discovery is read once per group and version: wait until every kind is served.
  for (const crd of crds) {
    const spec = crd.spec as { group: string; names: { kind: string }; versions: { name: string }[] };
    for (const v of spec.versions) {
      for (let i = 0; ; i++) {
        const res = await server.client.request('GET', `/apis/${spec.group}/${v.name}`);
        const kinds = ((res.body as { resources?: { kind: string }[] }).resources ?? []).map((r) => r.kind);
        if (res.status === 200 && kinds.includes(spec.names.kind)) break;
        if (i > 100) throw new Error(`${spec.names.kind} ${v.name} is not served`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

test('every case has a recorded label', () => {
  expect(cases.map((c) => c.key).sort()).toEqual(Object.keys(labels.cases).sort());
});

test.each(cases.map((c) => [c.key, c] as const))('%s', async (key, { object }) => {
  const verdict = await server.dryRun(object, { namespace: 'default' });
  const label = labels.cases[key]!;
  expect({ status: verdict.status, causes: verdict.causes.map((c) => ({ field: c.field, message: c.message })) })
    .toEqual({ status: label.status, causes: label.causes ?? [] });
  if (label.message !== undefined) expect(verdict.message).toBe(label.message);
});
