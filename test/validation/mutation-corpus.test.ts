import { dependsOnCluster, podwrightErrors, showFindings, LabelFile } from '../fixtures/corpus-agreement';
import { coverage, mutationCorpus, requiredCoverage } from '../fixtures/mutation-corpus';
import labelFile from '../fixtures/mutation-corpus.labels.json';
import { STRICTER } from '../fixtures/mutation-corpus.stricter';

/**
 * podwright against the API server's recorded verdicts on the mutation corpus,
 * offline: test/fixtures/mutation-corpus.ts makes the cases (seeded), the real 1.28
 * server labelled them (`npm run test:server` re-checks every label against a live
 * server and rewrites the file with PODWRIGHT_RELABEL=1). podwright must report an
 * error exactly when the server refuses the object or what its controller makes,
 * except the knowingly stricter cases (mutation-corpus.stricter.ts).
 */
const { labels } = labelFile as LabelFile;
const cases = mutationCorpus();
const stricter = new Map(STRICTER.flatMap((s) => s.ids.map((id) => [id, s] as const)));

test('the corpus holds at least 1,000 cases and covers every field of PodSpec, Container, Volume and each volume source', () => {
  expect(cases.length).toBeGreaterThanOrEqual(1000);
  const covered = coverage(cases);
  expect(requiredCoverage().filter((f) => !covered.has(f))).toEqual([]);
});

test('every case has a server label, and every label a case', () => {
  const ids = new Set(cases.map((c) => c.id));
  expect(cases.filter((c) => !labels[c.id]).map((c) => c.id)).toEqual([]);
  expect(Object.keys(labels).filter((id) => !ids.has(id))).toEqual([]);
});

test('few cases depend on the cluster (counted apart, not held against podwright)', () => {
  const dependent = cases.filter((c) => labels[c.id] && dependsOnCluster(labels[c.id]!));
  expect(dependent.length).toBeLessThan(20);
});

test('every knowingly stricter case is one the server accepts', () => {
  for (const [id, s] of stricter) {
    expect({ id, verdict: labels[id]?.verdict }).toEqual({ id, verdict: 'accepted' });
    expect(s.reason.length).toBeGreaterThan(20);
  }
});

test('podwright agrees with the server on every case', () => {
  const disagreements: string[] = [];
  for (const c of cases) {
    const label = labels[c.id];
    if (!label || dependsOnCluster(label)) continue;
    const errors = podwrightErrors(c.object, c.level);
    const s = stricter.get(c.id);
    if (s) {
      if (!errors.some((f) => f.ruleId === s.rule)) disagreements.push(`${c.id}: recorded as stricter through ${s.rule}, but podwright says: ${showFindings(errors) || 'no error'}`);
    } else if (label.verdict === 'rejected' && errors.length === 0) {
      disagreements.push(`${c.id}: the server refuses (${label.message}), podwright finds no error`);
    } else if (label.verdict === 'accepted' && errors.length > 0) {
      disagreements.push(`${c.id}: the server accepts, podwright says: ${showFindings(errors)}`);
    }
  }
  expect(disagreements).toEqual([]);
});
