import { fuzzCase } from '../fixtures/construct-fuzz';

/**
 * "No combination of props yields YAML the server would reject without podwright saying
 * so first, with the construct path": seeded random configurations of every construct
 * (test/fixtures/construct-fuzz.ts), each refused at construction or by the synth gate
 * with its construct path in every message, or rendered clean. The server suite runs the
 * same generator over 1,500 seeds against a real API server (test/server/construct-fuzz.test.ts).
 */
const SEEDS = Array.from({ length: 300 }, (_, i) => i + 1);
const cases = SEEDS.map(fuzzCase);

test.each(cases.map((c) => [c.seed, c] as const))('random props, seed %i: refused or gated with the construct path, or clean', (_seed, c) => {
  if ('refused' in c.outcome) expect(c.outcome.refused).toContain(c.path);
  else if ('gated' in c.outcome) {
    for (const line of c.outcome.gated.split('\n').filter((l) => /^error/.test(l))) expect(line).toContain(c.path);
  } else expect(c.outcome.objects.length).toBeGreaterThan(0);
});

test('the random props exercise every outcome and every construct', () => {
  const refused = cases.filter((c) => 'refused' in c.outcome).length;
  const gated = cases.filter((c) => 'gated' in c.outcome).length;
  expect(refused).toBeGreaterThan(50);
  expect(gated).toBeGreaterThan(10);
  expect(cases.length - refused - gated).toBeGreaterThan(50);
  expect(new Set(cases.map((c) => c.construct))).toEqual(new Set(['SecurePod', 'SidecarPod', 'SharedVolumePod', 'StaticPod', 'Deployment', 'StatefulSet']));
});
