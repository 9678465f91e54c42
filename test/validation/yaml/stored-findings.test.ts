import { indexedFindings } from '../../../lib/validation/format/common';
import { Finding } from '../../../lib/validation/types';
import { shownFile, StoredFindings } from '../../../lib/validation/yaml/validate-files';

const finding = (i: number, file?: string): Finding => ({
  ruleId: i % 2 === 0 ? 'pdb-missing' : 'service-selector-no-match',
  layer: 'practice',
  severity: i % 3 === 0 ? 'info' : 'warning',
  message: `finding ${i} ${'x'.repeat(i % 50)}`,
  fix: 'Fix it.',
  object: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'prod', name: `web-${i % 7}` },
  path: 'spec.replicas',
  ...(file ? { location: { file, line: i + 1, column: 3 } } : {}),
});

describe('StoredFindings', () => {
  const list = Array.from({ length: 500 }, (_, i) => finding(i, i % 5 === 0 ? undefined : `f${i % 3}.yaml`));

  test.each([[undefined], [0]])('reads back what was pushed, in order and by position, as the same list in memory does (memoryBytes %s)', (memoryBytes) => {
    const stored = new StoredFindings({ memoryBytes });
    try {
      for (const f of list) stored.push(f);
      stored.seal();
      const inMemory = indexedFindings(list);
      expect(stored.length).toBe(500);
      expect([...stored]).toEqual(list);
      expect(JSON.stringify([...stored])).toBe(JSON.stringify(list));
      expect(stored.fileNames).toEqual(inMemory.fileNames);
      expect(stored.fileNames).toEqual(['(other)', 'f1.yaml', 'f2.yaml', 'f0.yaml']);
      for (const i of [0, 1, 5, 77, 499]) {
        expect(stored.at(i)).toEqual(list[i]);
        expect(stored.groupHash(i)).toBe(inMemory.groupHash(i));
        expect(stored.fileNames[stored.fileOf(i)]).toBe(shownFile(list[i]!));
      }
      expect(stored.groupHash(1)).toBe(stored.groupHash(22)); // same file and object
      expect(stored.groupHash(1)).not.toBe(stored.groupHash(2));
      expect(stored.summary.warnings + stored.summary.infos).toBe(500);
      expect([...stored.summary.firstByRule.keys()]).toEqual(['pdb-missing', 'service-selector-no-match']);
    } finally {
      stored.close();
    }
  });
});
