import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiServer, resolveAssets } from '../../lib/server';

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
      // Discovery maps cluster-scoped kinds too, and says when a kind is not served.
      expect(await server.resourceFor('rbac.authorization.k8s.io/v1', 'ClusterRole')).toMatchObject({ name: 'clusterroles', namespaced: false });
      const role = await server.dryRun({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r' }, rules: [] });
      expect(role).toMatchObject({ accepted: true, status: 201, object: { metadata: { name: 'r' } } });
      expect((role.object!.metadata as { namespace?: string }).namespace).toBeUndefined();
      expect(await server.dryRun({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } })).toMatchObject({ accepted: false, status: 404, reason: 'NotFound' });
      // Strict field validation: an unknown field is refused, with the server's cause.
      const strict = await server.dryRun({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, datum: {} });
      expect(strict).toMatchObject({ accepted: false, status: 400, reason: 'BadRequest' });
      expect(strict.message).toMatch(/unknown field "datum"/);
    } finally {
      await server.stop();
    }
    expect(await waitGone(pids)).toEqual([]);
    expect(existsSync(dir)).toBe(false);
  });

  test.each([['SIGKILL'], ['SIGTERM']] as const)('a parent ended by %s leaves nothing behind', async (signal) => {
    // A child Node process starts a server, prints its pids and folder, and is then signalled:
    // SIGTERM runs the harness's signal hook, SIGKILL leaves it to the watchdog.
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
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, sig) => resolve(sig)));
    child.kill(signal);
    expect(await exited).toBe(signal);
    expect(await waitGone(pids)).toEqual([]);
    expect(existsSync(dir)).toBe(false);
  });

  test('a failed start (etcd exits) rejects with its log and leaves nothing behind', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'podwright-harness-fail-'));
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = tmp; // the harness makes its folder here, so this test can see it go
    try {
      const assets = resolveAssets();
      await expect(ApiServer.start({ assets: { ...assets, etcd: '/bin/false' } })).rejects.toThrow(/^etcd exited \(code 1\) before the API server was ready/);
      expect(readdirSync(tmp)).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
