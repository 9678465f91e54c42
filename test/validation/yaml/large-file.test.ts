import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * A 100 MB stream of manifests (with hostile documents inside) must stream
 * through the reader and the engine without memory growing with file size. Runs
 * in a child process whose heap is capped, and checks its peak RSS.
 */
const ROOT = path.resolve(__dirname, '../../..');
let dir: string;
let built: string;

/**
 * Compiles lib/validation to plain JS for the child (as `npm run build` would), so
 * the measurement is of podwright, not of an on-the-fly TypeScript compiler (the
 * native swc module alone costs ~90 MB RSS). Written under node_modules/.cache so
 * that `require('yaml')` resolves.
 */
function compileLib(): string {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { transformSync } = require('@swc/core') as typeof import('@swc/core');
  const out = fs.mkdtempSync(path.join(ROOT, 'node_modules/.cache/podwright-large-'));
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(ROOT, rel), { withFileTypes: true })) {
      const child = path.join(rel, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (entry.name.endsWith('.ts')) {
        const { code } = transformSync(fs.readFileSync(path.join(ROOT, child), 'utf8'), {
          filename: child, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' },
        });
        fs.mkdirSync(path.join(out, rel), { recursive: true });
        fs.writeFileSync(path.join(out, child.replace(/\.ts$/, '.js')), code);
      } else if (entry.name.endsWith('.json')) {
        fs.mkdirSync(path.join(out, rel), { recursive: true });
        fs.copyFileSync(path.join(ROOT, child), path.join(out, child));
      }
    }
  };
  walk('lib/validation');
  return out;
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podwright-large-'));
  fs.mkdirSync(path.join(ROOT, 'node_modules/.cache'), { recursive: true });
  built = compileLib();
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(built, { recursive: true, force: true });
});

function deployment(i: number): string {
  const padding = Array.from({ length: 40 }, (_, j) => `    note-${j}: "${'x'.repeat(80)}"`).join('\n');
  return `---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  annotations:
${padding}
spec:
  selector:
    matchLabels: {app: a}
  template:
    metadata:
      labels: {app: a}
    spec:
      containers:
      - name: app
        image: nginx:1.25
`;
}

test('a 100 MB file streams through the engine with peak RSS under 200 MB', () => {
  const file = path.join(dir, 'big.yaml');
  const fd = fs.openSync(file, 'w');
  let size = 0;
  let docs = 0;
  while (size < 100 * 1024 * 1024) {
    let chunk = '';
    for (let k = 0; k < 100; k++) chunk += deployment(docs++);
    if (docs === 5000) chunk += `---\n${'['.repeat(20000)}${']'.repeat(20000)}\n`; // too deep
    if (docs === 10000) chunk += `---\nhuge: "${'y'.repeat(8 * 1024 * 1024)}"\n`; // over 3 MiB
    fs.writeSync(fd, chunk);
    size += Buffer.byteLength(chunk);
  }
  fs.closeSync(fd);

  const script = `
    const { validateFiles } = require(${JSON.stringify(path.join(built, 'lib/validation/yaml/validate-files.js'))});
    const { resolveConfig } = require(${JSON.stringify(path.join(built, 'lib/validation/config.js'))});
    const { RULES } = require(${JSON.stringify(path.join(built, 'lib/validation/rules/index.js'))});
    validateFiles([${JSON.stringify(file)}], { config: resolveConfig({ podSecurity: 'privileged' }, RULES.map((r) => r.meta.id)) }).then((run) => {
      const byRule = {};
      for (const f of run.report.findings) byRule[f.ruleId] = (byRule[f.ruleId] || 0) + 1;
      process.stdout.write(JSON.stringify({ documents: run.documents.length, objects: run.report.objectCount, byRule, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
    });
  `;
  const child = spawnSync(process.execPath, ['--max-old-space-size=128', '-e', script], { encoding: 'utf8', timeout: 300_000 });
  expect(child.stderr).toBe('');
  expect(child.status).toBe(0);
  const out = JSON.parse(child.stdout) as { documents: number; objects: number; byRule: Record<string, number>; maxRssMb: number };
  console.log(`100 MB file: ${out.documents} documents, peak RSS ${out.maxRssMb.toFixed(0)} MB, findings by rule ${JSON.stringify(out.byRule)}`);
  expect(out.documents).toBe(docs + 2);
  expect(out.objects).toBe(docs);
  expect(out.byRule['yaml-limits']).toBe(2);
  expect(out.maxRssMb).toBeLessThan(200);
}, 600_000);
