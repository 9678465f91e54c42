import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { manifestDir } from '../validation/fixtures/cli-run';

/** Runs of the real CLI (bin/podwright.js from source) for the cases that used to pass or crash without a word. */
const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/podwright.js');
const ENV = { ...process.env, PODWRIGHT_FROM_SOURCE: '1', NO_COLOR: '1' };

const badPod = (i: number) => `apiVersion: v1
kind: Pod
metadata:
  name: p${i}
spec:
  containers:
  - name: app
    image: nginx
    ports:
    - containerPort: 80
      protocol: tcp
`;

let dir: string;
beforeAll(() => {
  dir = manifestDir({
    // A report far larger than a pipe's buffer, so the reader is gone while it is written.
    'many.yaml': Array.from({ length: 600 }, (_, i) => badPod(i)).join('---\n'),
    'comments.yaml': '# helm printed nothing\n---\n',
  });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const cli = (args: string[], input?: string) => spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', env: ENV, input, timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });

test('empty standard input is exit 2, "no Kubernetes objects found in standard input"', () => {
  const res = cli(['validate', '-'], '');
  expect(res.status).toBe(2);
  expect(res.stdout).toBe('');
  expect(res.stderr).toBe('podwright validate: no Kubernetes objects found in standard input; check the input, or pass --allow-empty if none is expected.\n');
}, 60_000);

test('a file of comments only is exit 2 as well; --allow-empty makes both exit 0', () => {
  const res = cli(['validate', 'comments.yaml']);
  expect(res.status).toBe(2);
  expect(res.stderr).toContain('no Kubernetes objects found in comments.yaml');
  expect(cli(['validate', '--allow-empty', 'comments.yaml']).status).toBe(0);
  expect(cli(['validate', '--allow-empty', '-'], '').status).toBe(0);
}, 60_000);

test('a reader that closes early (| head) ends the run quietly, with the exit code it would have had', async () => {
  const full = cli(['validate', 'many.yaml']);
  expect(full.status).toBe(1);
  expect(full.stdout.length).toBeGreaterThan(128 * 1024);
  const child = spawn(process.execPath, [BIN, 'validate', 'many.yaml'], { cwd: dir, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  child.stdout.once('data', () => child.stdout.destroy()); // what head does after its first lines
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  expect(stderr).toBe('');
  expect(code).toBe(1);
}, 60_000);
