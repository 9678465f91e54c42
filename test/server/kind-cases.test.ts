/**
 * The kind cases of test/fixtures/kind-cases asked of a real kube-apiserver: every object is
 * refused, with causes at exactly the recorded fields (podwright's error paths, which
 * test/validation/kind-cases.test.ts checks offline); and every object of the all-kinds
 * fixture is accepted.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import YAML from 'yaml';
import { ApiServer } from '../../lib/server';
import { KubeObject } from '../../lib/validation/types';
import { KIND_CASES } from '../fixtures/kind-cases/cases';

let server: ApiServer;
beforeAll(async () => {
  server = await ApiServer.start();
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

test.each(KIND_CASES.map((c) => [c.name, c] as const))('refused: %s', async (_name, c) => {
  const verdict = await server.dryRun(c.object as KubeObject, { namespace: 'default' });
  expect(verdict.status).toBe(422);
  expect([...new Set(verdict.causes.map((x) => x.field))].sort()).toEqual([...c.fields].sort());
});

const allKinds = YAML.parseAllDocuments(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'all-kinds', 'all-kinds-1.28.yaml'), 'utf8'))
  .map((d) => d.toJS() as KubeObject);

test.each(allKinds.map((o) => [`${String(o.kind)} ${String((o.metadata as { name: string }).name)}`, o] as const))('accepted: %s', async (_name, object) => {
  const verdict = await server.dryRun(object, (object.metadata as { namespace?: string }).namespace ? { namespace: 'default' } : {});
  // The fixture's Namespace may exist already (dry run never creates it); anything else must be accepted.
  expect({ status: verdict.status === 409 && object.kind === 'Namespace' ? 201 : verdict.status, message: verdict.message }).toEqual({ status: 201, message: undefined });
});
