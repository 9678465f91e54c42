import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ApiServer } from '../../lib/server';

/** True while a process with this id exists. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitGone(pids: number[], ms = 15_000): Promise<number[]> {
  const until = Date.now() + ms;
  for (;;) {
    const left = pids.filter(alive);
    if (left.length === 0 || Date.now() > until) return left;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('ApiServer harness', () => {
  test('starts etcd and kube-apiserver, answers a dry run, and stop() leaves no process and no folder', async () => {
    const server = await ApiServer.start();
    const pids = server.pids;
    const dir = server.dir;
    try {
      expect(pids).toHaveLength(3); // etcd, kube-apiserver, watchdog
      expect(pids.every(alive)).toBe(true);
      expect(existsSync(join(dir, 'tokens.csv'))).toBe(true);
      const v = await server.dryRun({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'b' } });
      expect(v).toMatchObject({ accepted: true, status: 201 });
    } finally {
      await server.stop();
    }
    expect(await waitGone(pids)).toEqual([]);
    expect(existsSync(dir)).toBe(false);
  });

  test('a killed parent leaves nothing behind (the watchdog stops etcd and the server and removes the folder)', async () => {
    // A child Node process starts a server, prints its pids and folder, and is then SIGKILLed.
    const child = spawn(process.execPath, ['-r', join(__dirname, '../../scripts/register.js'), join(__dirname, 'fixtures/start-and-wait.ts')], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: process.env,
    });
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const nl = out.indexOf('\n');
        if (nl >= 0) resolve(out.slice(0, nl));
      });
      child.on('exit', (code) => reject(new Error(`child exited with ${code} before the server was ready`)));
    });
    const { pids, dir } = JSON.parse(line) as { pids: number[]; dir: string };
    expect(pids.every(alive)).toBe(true);
    expect(existsSync(dir)).toBe(true);
    child.kill('SIGKILL');
    expect(await waitGone(pids)).toEqual([]);
    expect(existsSync(dir)).toBe(false);
  });
});
