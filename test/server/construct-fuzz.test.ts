import { ApiServer } from '../../lib/server';
import { dependsOnCluster } from '../fixtures/corpus-agreement';
import { fuzzCase } from '../fixtures/construct-fuzz';
import { labelOf, pool } from './effective';

/**
 * The construct fuzz against a real 1.28 API server: 1,500 seeded configurations
 * (test/fixtures/construct-fuzz.ts). Each is refused at construction or by the synth gate
 * with its construct path, or else every object it renders is accepted by the server at
 * the level the construct promises, with the Pods and claims its controllers would create,
 * and with no Pod Security warning. Static Pods are for the kubelet, not the server, and
 * are only held to the first half. Zero exceptions.
 */
const SEEDS = Array.from({ length: 1500 }, (_, i) => i + 1);
let server: ApiServer;

beforeAll(async () => {
  server = await ApiServer.start();
});
afterAll(async () => {
  await server?.stop();
});

test('every configuration is refused with its construct path or accepted by the server, with what its controllers create', async () => {
  const cases = SEEDS.map(fuzzCase);
  const exceptions: string[] = [];
  const rendered: { seed: number; level: 'restricted' | 'baseline' | 'privileged'; object: Record<string, unknown> }[] = [];
  for (const c of cases) {
    if ('refused' in c.outcome) {
      if (!c.outcome.refused.includes(c.path)) exceptions.push(`seed ${c.seed}: refused without naming ${c.path}: ${c.outcome.refused}`);
    } else if ('gated' in c.outcome) {
      for (const line of c.outcome.gated.split('\n').filter((l) => /^error/.test(l))) {
        if (!line.includes(c.path)) exceptions.push(`seed ${c.seed}: synth gate error without ${c.path}: ${line}`);
      }
    } else if (!c.outcome.staticPod) {
      for (const object of c.outcome.objects) rendered.push({ seed: c.seed, level: c.level, object });
    }
  }
  const verdicts = await pool(rendered, 8, (r) => labelOf(server, r.object, r.level));
  verdicts.forEach((v, i) => {
    const r = rendered[i]!;
    // A PriorityClass the cluster must hold first is the cluster's business, not the construct's.
    if (v.verdict === 'rejected' && !dependsOnCluster(v)) exceptions.push(`seed ${r.seed}: ${String(r.object.kind)} ${String((r.object.metadata as { name?: string })?.name)} at ${r.level}: ${v.message}`);
  });
  expect(exceptions).toEqual([]);
  // The fuzz must reach the server with many configurations, and refuse many.
  expect(new Set(rendered.map((r) => r.seed)).size).toBeGreaterThan(300);
  expect(cases.filter((c) => 'refused' in c.outcome || 'gated' in c.outcome).length).toBeGreaterThan(300);
}, 600_000);
