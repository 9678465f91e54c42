import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiServer } from '../../lib/server';
import { Label, LabelFile } from '../fixtures/corpus-agreement';
import { mutationCorpus } from '../fixtures/mutation-corpus';
import labelFile from '../fixtures/mutation-corpus.labels.json';
import { labelOf, pool } from './effective';

/**
 * Re-checks every recorded label of the mutation corpus against a live 1.28 server: the
 * server's effective verdict (the object, and the Pods and claims its controller would
 * create, each in a namespace enforcing the case's Pod Security level) must equal the
 * record. With PODWRIGHT_RELABEL=1 it writes the labels instead (then review the diff).
 */
const FILE = join(__dirname, '../fixtures/mutation-corpus.labels.json');
const RELABEL = process.env.PODWRIGHT_RELABEL === '1';
let server: ApiServer;

beforeAll(async () => {
  server = await ApiServer.start();
});
afterAll(async () => {
  await server?.stop();
});

test('the live server gives every case its recorded verdict', async () => {
  const cases = mutationCorpus();
  const live = await pool(cases, 8, (c) => labelOf(server, c.object, c.level));
  if (RELABEL) {
    const labels: Record<string, Label> = {};
    cases.forEach((c, i) => { labels[c.id] = live[i]!; });
    const file: LabelFile = {
      $comment: 'Effective verdicts of the 1.28 API server on test/fixtures/mutation-corpus.ts, written by `PODWRIGHT_RELABEL=1 npm run test:server -- mutation-corpus`. Do not edit by hand.',
      server: 'kube-apiserver v1.28.15 (envtest), admission defaults minus ServiceAccount',
      labels,
    };
    writeFileSync(FILE, `${JSON.stringify(file, null, 1)}\n`);
  }
  const recorded = (labelFile as LabelFile).labels;
  const differ = cases.flatMap((c, i) => (recorded[c.id]?.verdict === live[i]!.verdict ? [] : [`${c.id}: recorded ${recorded[c.id]?.verdict ?? 'nothing'}, live ${live[i]!.verdict} ${live[i]!.message ?? ''}`]));
  if (!RELABEL) expect(differ).toEqual([]);
  expect(live.filter((l) => l.verdict === 'accepted').length).toBeGreaterThan(300);
  expect(live.filter((l) => l.verdict === 'rejected').length).toBeGreaterThan(300);
}, 600_000);
