import { spawnSync } from 'child_process';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..', '..');

/**
 * Tables that live for a whole run (the fast reader's resolved scalars, the name
 * validators' answers, parsed quantities) must keep copies of their keys: a key cut from a
 * document's text keeps the whole text alive (V8 slices), so a file of large documents
 * with a new timestamp or an invalid name in each would keep thousands of documents.
 */
test('tables of answers keep no document text alive', () => {
  const script = `
    require(${JSON.stringify(path.join(ROOT, 'scripts', 'register.js'))});
    const { fastParse } = require(${JSON.stringify(path.join(ROOT, 'lib', 'validation', 'yaml', 'fast-parse.ts'))});
    const names = require(${JSON.stringify(path.join(ROOT, 'lib', 'validation', 'util', 'k8s-names.ts'))});
    const { parseQuantity } = require(${JSON.stringify(path.join(ROOT, 'lib', 'validation', 'util', 'pod-validation.ts'))});
    const pad = '# ' + 'x'.repeat(50000) + '\\n';
    global.gc();
    const before = process.memoryUsage().heapUsed;
    let read = 0;
    for (let i = 0; i < 1000; i++) {
      const n = String(i).padStart(6, '0');
      const text = 'apiVersion: v1\\nkind: ConfigMap\\nmetadata:\\n  name: Not_A_Valid_Name_' + n + '\\n  annotations:\\n    at: 2024-01-01T00:00:' + n + 'Z\\n    size: 0.000000000' + n + 'Gi\\n' + pad;
      const doc = fastParse(text, 1000);
      if (!doc) continue;
      read++;
      const name = doc.value.metadata.name;
      names.isDNS1123Subdomain(name);
      names.isQualifiedName(name);
      names.isValidLabelValue(name);
      names.isDNS1123Label(name);
      parseQuantity(doc.value.metadata.annotations.size);
    }
    global.gc();
    process.stdout.write(JSON.stringify({ read, grownMB: Math.round((process.memoryUsage().heapUsed - before) / 1048576) }));
  `;
  const child = spawnSync(process.execPath, ['--expose-gc', '-e', script], { encoding: 'utf8' });
  expect(child.stderr).toBe('');
  const { read, grownMB } = JSON.parse(child.stdout) as { read: number; grownMB: number };
  expect(read).toBe(1000);
  // 1,000 documents of 50 KB: 50 MB if each table entry kept its document.
  expect(grownMB).toBeLessThan(10);
});
