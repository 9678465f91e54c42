import { Anchor } from '../../../lib/validation/types';
import { AnchorTable, BitSet, ByteStrings, ByteStringSet, IntList, IntRows, StringTable } from '../../../lib/validation/util/compact-records';

describe('StringTable', () => {
  test('one number per distinct string; -1 for undefined', () => {
    const t = new StringTable();
    const a = t.id('web');
    expect(t.id('api')).not.toBe(a);
    expect(t.id('web')).toBe(a);
    expect(t.get(a)).toBe('web');
    expect(t.id(undefined)).toBe(-1);
    expect(t.get(-1)).toBeUndefined();
    expect(t.find('api')).toBe(1);
    expect(t.find('db')).toBeUndefined();
  });

  test('thousands of strings: the first in the heap, the rest as bytes; numbers stay one per string', () => {
    const t = new StringTable();
    const texts = Array.from({ length: 5000 }, (_, i) => (i % 500 === 7 ? `lone \ud800 ${i}` : `ConfigMap/apps/cfg-${i}-é`));
    const ids = texts.map((s) => t.id(s));
    expect(new Set(ids).size).toBe(texts.length);
    texts.forEach((s, i) => {
      if (t.id(s) !== ids[i] || t.find(s) !== ids[i] || t.get(ids[i]!) !== s) throw new Error(`string ${i} (${s}): id ${t.id(s)}, find ${t.find(s)}, get ${t.get(ids[i]!)}; was ${ids[i]}`);
    });
    expect(t.find('ConfigMap/apps/never')).toBeUndefined();
    expect(t.id('ConfigMap/apps/never')).toBe(texts.length);
  });

  test('keep: no index; an equal string among the last few kept shares its number', () => {
    const t = new StringTable();
    const web = t.keep('web');
    expect(t.keep('web')).toBe(web);
    expect(t.get(web)).toBe('web');
    for (const name of ['a', 'b', 'c', 'd']) t.keep(name);
    expect(t.keep('web')).not.toBe(web); // long gone from the last few: kept again
    expect(t.find('web')).toBeUndefined(); // keep() gives no id() number
    expect(t.keep(undefined)).toBe(-1);
  });

  test('ByteStrings gives back every string, any text', () => {
    const b = new ByteStrings();
    const texts = ['', 'web', 'é€😀 mixed', 'lone \ud800 high', 'lone \udc00 low', 'pair \ud83d\ude00 ok', 'x'.repeat(100_000), ...Array.from({ length: 2000 }, (_, i) => `name-${i}`)];
    const ids = texts.map((t) => b.add(t));
    ids.forEach((id, i) => expect(b.get(id)).toBe(texts[i]));
    expect(b.get(-1)).toBeUndefined();
    expect(b.get(ids.length)).toBeUndefined();
  });

  test('ByteStrings keeps strings across many chunks, long ones and empty ones at their edges', () => {
    const b = new ByteStrings();
    // About 1.2 MB of text: the first chunk grows, then many chunks follow, with strings
    // longer than a chunk and empty strings in between.
    const texts = Array.from({ length: 60_000 }, (_, i) => (i % 9_999 === 0 ? 'y'.repeat(70_000 + i) : i % 97 === 0 ? '' : `deployment-${i}-é`));
    const ids = texts.map((t) => b.add(t));
    ids.forEach((id, i) => { if (b.get(id) !== texts[i]) throw new Error(`string ${i}: ${b.get(id)?.slice(0, 40)} is not ${texts[i]!.slice(0, 40)}`); });
    expect(b.get(ids[ids.length - 1]!)).toBe(texts[texts.length - 1]);
  });
});

describe('ByteStringSet and BitSet', () => {
  test('one number per (seed, string); the same string under another seed is another', () => {
    const set = new ByteStringSet();
    const a = set.number(3, 'web', true);
    expect(set.number(3, 'web', true)).toBe(a);
    const b = set.number(4, 'web', true);
    expect(b).not.toBe(a);
    expect([set.seedOf(b), set.get(b)]).toEqual([4, 'web']);
    expect(set.number(5, 'web', false)).toBe(-1);
    expect(set.size).toBe(2);
    // Past several rehashes, every pair is still found.
    for (let i = 0; i < 3000; i++) set.number(i % 7, `v${i}`, true);
    for (let i = 0; i < 3000; i++) if (set.get(set.number(i % 7, `v${i}`, false)) !== `v${i}`) throw new Error(`v${i} lost`);
    expect(set.size).toBe(3002);
  });

  test('BitSet holds what was added, across chunks, and nothing else', () => {
    const bits = new BitSet();
    const added = [0, 31, 32, 33, 1000, 300_000, 300_031];
    for (const n of added) bits.add(n);
    for (const n of added) expect(bits.has(n)).toBe(true);
    for (const n of [-1, 1, 30, 34, 999, 299_999, 300_032, 5_000_000]) expect(bits.has(n)).toBe(false);
  });
});

describe('IntRows and IntList', () => {
  test('rows grow past their first size and keep every value', () => {
    const rows = new IntRows(3, 2);
    for (let i = 0; i < 100; i++) expect(rows.push(i, -i, i * 2)).toBe(i);
    expect(rows.length).toBe(100);
    expect([rows.get(57, 0), rows.get(57, 1), rows.get(57, 2)]).toEqual([57, -57, 114]);
    rows.set(57, 1, 9);
    expect(rows.get(57, 1)).toBe(9);
    expect(() => new IntRows(11)).toThrow('IntRows: width 11 is not 1 to 10');
  });

  test('a list grows and keeps every value', () => {
    const list = new IntList();
    for (let i = 0; i < 1000; i++) list.push(i * 3);
    expect(list.length).toBe(1000);
    expect(list.get(999)).toBe(2997);
    list.set(0, -1);
    expect(list.get(0)).toBe(-1);
  });
});

describe('AnchorTable', () => {
  const exemptions = new Map([['pdb-missing', 'one replica on purpose']]);
  const anchors: Anchor[] = [
    {
      object: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'prod', name: 'web' },
      path: 'spec.replicas',
      location: { file: 'a.yaml', line: 12, column: 3 },
      constructPath: undefined,
      exemptions: new Map(),
    },
    {
      object: { apiVersion: 'v1', kind: 'Service', namespace: undefined, name: 'web' },
      path: 'spec.selector',
      location: undefined,
      constructPath: 'chart/web',
      exemptions,
    },
  ];

  test('gives back equal anchors, fields in the same order', () => {
    const table = new AnchorTable();
    const ids = anchors.map((a) => table.add(a));
    ids.forEach((id, i) => {
      const back = table.get(id);
      expect(back).toEqual(anchors[i]);
      expect(Object.keys(back)).toEqual(Object.keys(anchors[i]!));
      expect(Object.keys(back.object)).toEqual(Object.keys(anchors[i]!.object));
    });
    expect(table.get(ids[1]!).exemptions).toBe(exemptions);
    expect(table.get(ids[0]!).exemptions.size).toBe(0);
  });
});
