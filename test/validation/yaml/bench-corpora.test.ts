/**
 * The fast YAML path on the benchmark's corpora (bench/lib/corpora.js, small samples):
 * both readers give the same objects and locations, and the fast path reads every
 * document the full reader reads without a problem. The website examples (and the mix,
 * which holds them) have two documents that indent with a tab, which the full reader
 * reports as a syntax error; those are the only ones left to it.
 */
import * as lib from '../../../lib';
import { compare } from './compare-readers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const corpora = require('../../../bench/lib/corpora.js') as {
  sample(name: string, count: number): string[];
  usePodwright(mod: unknown): void;
};
corpora.usePodwright(lib);

test.each([
  ['cdk8s-plus', 60, 1],
  ['podwright', 60, 1],
  ['helm', 60, 1],
  ['mix', 60, 0.96],
  ['website', 330, 0.99],
])('%s: both readers agree; the fast path reads every document without a problem (at least the expected share)', (name, count, share) => {
  const docs = corpora.sample(name, count);
  const { fast, total, declinedClean } = compare(docs.join('---\n'), `${name}.yaml`);
  expect(total).toBe(count);
  expect(declinedClean).toEqual([]);
  expect(fast / total).toBeGreaterThanOrEqual(share);
});
