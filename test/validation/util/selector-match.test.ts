import { StringTable } from '../../../lib/validation/util/compact-records';
import { compactSelector, compactSelects, LabelSets, PairIndex, parseLabelSelector, sameNamespaceId } from '../../../lib/validation/util/selector-match';

describe('LabelSets', () => {
  const sets = new LabelSets();
  const web = sets.add({ app: 'web', tier: 'front' });
  const api = sets.add({ tier: 'front', app: 'api' });

  test('equal pairs are equal numbers; sets keep their labels and order', () => {
    expect(sets.size(web)).toBe(2);
    expect(sets.pair(web, 1)).toBe(sets.pair(api, 0)); // tier=front
    expect(sets.pair(web, 0)).not.toBe(sets.pair(api, 1)); // app=web, app=api
    expect(sets.pairCount).toBe(3);
    expect(sets.format(api)).toBe('tier=front,app=api');
    expect(sets.add({})).toBe(0);
    expect(sets.size(0)).toBe(0);
  });

  test('subset: every pair of the selector is in the labels', () => {
    const selector = sets.add({ app: 'web' });
    expect(sets.subset(selector, web)).toBe(true);
    expect(sets.subset(selector, api)).toBe(false);
    expect(sets.subset(web, selector)).toBe(false);
    expect(sets.subset(0, api)).toBe(true);
  });

  test('a key and value are not confused with another split of the same text', () => {
    const a = sets.add({ 'a\u0000b': 'c' });
    const b = sets.add({ a: 'b\u0000c' });
    expect(sets.subset(a, b)).toBe(false);
  });

  test('many pairs (the table grows): each distinct pair once, found again', () => {
    const many = new LabelSets();
    const first = Array.from({ length: 5000 }, (_, i) => many.add({ app: `web-${i}`, tier: i % 2 === 0 ? 'front' : 'back' }));
    expect(many.pairCount).toBe(5002);
    const again = Array.from({ length: 5000 }, (_, i) => many.add({ app: `web-${i}`, tier: i % 2 === 0 ? 'front' : 'back' }));
    expect(many.pairCount).toBe(5002);
    for (const i of [0, 1, 777, 4999]) {
      expect(many.pair(again[i]!, 0)).toBe(many.pair(first[i]!, 0));
      expect(many.format(again[i]!)).toBe(`app=web-${i},tier=${i % 2 === 0 ? 'front' : 'back'}`);
    }
  });

  test('valueOf reads one label', () => {
    expect(sets.valueOf(web, 'tier')).toBe('front');
    expect(sets.valueOf(web, 'zone')).toBeUndefined();
    expect(sets.valueOf(web, 'never-seen')).toBeUndefined();
  });
});

describe('compactSelects (metav1.LabelSelector semantics)', () => {
  const sets = new LabelSets(new StringTable());
  const labels = sets.add({ app: 'web', tier: 'front' });
  const sel = (value: unknown) => compactSelector(sets, parseLabelSelector(value)!);

  test.each([
    [{}, true],
    [{ matchLabels: { app: 'web' } }, true],
    [{ matchLabels: { app: 'api' } }, false],
    [{ matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'back'] }] }, true],
    [{ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['front'] }] }, false],
    [{ matchExpressions: [{ key: 'zone', operator: 'Exists' }] }, false],
    [{ matchExpressions: [{ key: 'zone', operator: 'DoesNotExist' }] }, true],
    [{ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'app', operator: 'In', values: ['api'] }] }, false],
  ])('%j selects {app: web, tier: front}: %s', (selector, expected) => {
    expect(compactSelects(sets, sel(selector), labels)).toBe(expected);
  });
});

describe('PairIndex', () => {
  const index = new PairIndex();
  index.add(1, 0);
  index.add(2, 0);
  index.add(3, 5);
  index.addUnkeyed(4);
  const under = (pair: number) => {
    const seen: number[] = [];
    index.someUnder(pair, (item) => { seen.push(item); return false; });
    return seen.sort();
  };

  test('items filed under a pair, counted', () => {
    expect(under(0)).toEqual([1, 2]);
    expect(under(5)).toEqual([3]);
    expect(under(2)).toEqual([]);
    expect(under(99)).toEqual([]);
    expect([index.countOf(0), index.countOf(5), index.countOf(2), index.countOf(99)]).toEqual([2, 1, 0, 0]);
  });

  test('some stops at the first item that passes; unkeyed items apart', () => {
    expect(index.someUnder(0, (item) => item === 2)).toBe(true);
    expect(index.someUnder(0, (item) => item === 3)).toBe(false);
    expect(index.someUnkeyed((item) => item === 4)).toBe(true);
    expect(index.someUnkeyed((item) => item === 1)).toBe(false);
  });

  test('someForLabels: the unkeyed items, then those under each pair of a label set', () => {
    const sets = new LabelSets();
    const web = sets.add({ app: 'web' });
    const tier = sets.add({ tier: 'front' });
    const both = sets.add({ app: 'web', tier: 'front' });
    const byPair = new PairIndex();
    byPair.add(10, sets.pair(web, 0));
    byPair.add(20, sets.pair(tier, 0));
    byPair.addUnkeyed(30);
    const seen = (set: number) => {
      const out: number[] = [];
      byPair.someForLabels(sets, set, (item) => { out.push(item); return false; });
      return out;
    };
    expect(seen(both)).toEqual([30, 10, 20]);
    expect(seen(web)).toEqual([30, 10]);
    expect(seen(sets.add({}))).toEqual([30]);
    expect(byPair.someForLabels(sets, both, (item) => item === 20)).toBe(true);
    expect(byPair.someForLabels(sets, web, (item) => item === 20)).toBe(false);
  });
});

test('sameNamespaceId: unset (-1) matches any namespace', () => {
  expect(sameNamespaceId(-1, 3)).toBe(true);
  expect(sameNamespaceId(3, -1)).toBe(true);
  expect(sameNamespaceId(3, 3)).toBe(true);
  expect(sameNamespaceId(3, 4)).toBe(false);
});
