import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../../../lib/cli/main';
import { resolveConfig } from '../../../lib/validation/config';
import { RULES } from '../../../lib/validation/rules';
import { validateFiles } from '../../../lib/validation/yaml/validate-files';

const CLEAN = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: clean\ndata:\n  a: b\n';
const BAD = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podwright-vf-'));
  fs.writeFileSync(path.join(dir, 'm.yaml'), `${CLEAN}---\n${BAD}`);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('only documents with findings are kept unless all are asked for; the count covers all', async () => {
  const config = resolveConfig({}, RULES.map((r) => r.meta.id));
  const lean = await validateFiles(['m.yaml'], { config, cwd: dir });
  expect(lean.documentCount).toBe(2);
  expect([...lean.documents].map((d) => d.object.name)).toEqual(['Bad_Name']);
  const all = await validateFiles(['m.yaml'], { config, cwd: dir, keepAllDocuments: true });
  expect([...all.documents].map((d) => d.object.name)).toEqual(['clean', 'Bad_Name']);
});

test('JUnit output still has a test case for the clean object', async () => {
  let out = '';
  const code = await run(['validate', '--format', 'junit', 'm.yaml'], {
    stdout: { write: (s: string) => { out += s; } },
    stderr: { write: () => true },
    stdin: (async function* () {})(),
    cwd: dir,
    env: {},
  });
  expect(code).toBe(1);
  expect(out).toContain('name="ConfigMap/clean"');
  expect(out).toContain('name="ConfigMap/Bad_Name"');
});
