import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A watchdog, run as `node -e`: it reads process ids (one a line; `-pid` forgets one) from
 * its stdin, and when stdin closes, which happens when its parent exits in any way, SIGKILL
 * included, it stops those processes (SIGTERM, then SIGKILL after 3 s) and removes the
 * folder. It ignores the terminal's signals: a Ctrl-C reaches the whole process group, and
 * the watchdog must outlive the parent to clean up after it.
 */
const WATCHDOG = `
const fs = require('fs');
const dir = process.argv[1];
const pids = new Set();
let buf = '';
for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, () => {});
const alive = (p) => { try { process.kill(p, 0); return true; } catch { return false; } };
process.stdin.setEncoding('utf8');
process.stdin.on('data', (d) => {
  buf += d;
  for (let i = buf.indexOf('\\n'); i >= 0; i = buf.indexOf('\\n')) {
    const line = buf.slice(0, i); buf = buf.slice(i + 1);
    if (line.startsWith('-')) pids.delete(Number(line.slice(1))); else if (line) pids.add(Number(line));
  }
});
const finish = () => {
  for (const p of pids) { try { process.kill(p, 'SIGTERM'); } catch {} }
  const started = Date.now();
  const poll = () => {
    const left = [...pids].filter(alive);
    if (left.length > 0 && Date.now() - started < 3000) return setTimeout(poll, 50);
    for (const p of left) { try { process.kill(p, 'SIGKILL'); } catch {} }
    try { fs.rmSync(dir, { recursive: true, force: true }); } catch {}
    process.exit(0);
  };
  poll();
};
process.stdin.on('end', finish);
process.stdin.on('error', finish);
`;

/** The groups alive in this process, for the exit and signal hooks. */
const live = new Set<ProcessGroup>();
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

function onExit(): void {
  for (const g of [...live]) g.killSync();
}

function onSignal(signal: NodeJS.Signals): void {
  onExit();
  // Other listeners decide what the signal means; alone, re-raise it for its default effect.
  if (process.listenerCount(signal) === 1) {
    unhook();
    process.kill(process.pid, signal);
  }
}

let hooked = false;
function hook(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', onExit);
  for (const s of SIGNALS) process.on(s, onSignal);
}
function unhook(): void {
  if (!hooked) return;
  hooked = false;
  process.off('exit', onExit);
  for (const s of SIGNALS) process.off(s, onSignal);
}

/** One child process of a group, with the file its output goes to. */
export interface GroupChild {
  readonly name: string;
  readonly process: ChildProcess;
  readonly logFile: string;
  /** Set when the process has exited: its exit code, or the signal that ended it. */
  exited?: { code: number | null; signal: NodeJS.Signals | null };
}

/**
 * Child processes that share one temporary folder and one fate: they are all stopped and
 * the folder removed on `stop()`, when this process exits, on SIGINT/SIGTERM/SIGHUP, and (by
 * a watchdog process) when this process is killed outright.
 */
export class ProcessGroup {
  /** The temporary folder; removed with the group. */
  readonly dir: string;
  readonly children: GroupChild[] = [];
  private readonly watchdog: ChildProcess;
  private stopped = false;

  constructor(prefix = 'podwright-server-') {
    this.dir = mkdtempSync(join(tmpdir(), prefix));
    this.watchdog = spawn(process.execPath, ['-e', WATCHDOG, this.dir], { stdio: ['pipe', 'ignore', 'ignore'] });
    // Neither the watchdog nor its pipe keeps this process alive.
    this.watchdog.unref();
    (this.watchdog.stdin as unknown as { unref?: () => void } | null)?.unref?.();
    this.watchdog.stdin?.on('error', () => undefined);
    live.add(this);
    hook();
  }

  /** Process ids of the group's children and its watchdog (for tests that check nothing is left). */
  get pids(): number[] {
    return [...this.children.map((c) => c.process.pid), this.watchdog.pid].filter((p): p is number => p !== undefined);
  }

  /** Starts a child; its stdout and stderr go to `<dir>/<name>.log`. */
  spawn(name: string, command: string, args: readonly string[]): GroupChild {
    if (this.stopped) throw new Error(`cannot start ${name}: the process group is stopped`);
    const logFile = join(this.dir, `${name}.log`);
    const fd = openSync(logFile, 'a');
    let child: ChildProcess;
    try {
      child = spawn(command, args, { stdio: ['ignore', fd, fd], cwd: this.dir });
    } finally {
      closeSync(fd);
    }
    const entry: GroupChild = { name, process: child, logFile };
    child.on('exit', (code, signal) => {
      entry.exited = { code, signal };
    });
    child.on('error', (err) => {
      entry.exited ??= { code: null, signal: null };
      (entry as { error?: Error }).error = err;
    });
    if (child.pid !== undefined) this.watchdog.stdin?.write(`${child.pid}\n`);
    this.children.push(entry);
    return entry;
  }

  /** The last lines a child wrote, for error messages. */
  logTail(name: string, lines = 20): string {
    const child = this.children.find((c) => c.name === name);
    if (!child) return '';
    try {
      return readFileSync(child.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  }

  /** Stops every child (SIGTERM, then SIGKILL after `graceMs`), waits for them and the watchdog, removes the folder. */
  async stop(graceMs = 5000): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    // Last started, first stopped: the API server before its etcd.
    for (const child of [...this.children].reverse()) await stopChild(child, graceMs);
    rmSync(this.dir, { recursive: true, force: true });
    live.delete(this);
    if (live.size === 0) unhook();
    // Hold this process open until the watchdog has gone (it was unref'd while it waited).
    this.watchdog.ref();
    const watchdogGone = new Promise<void>((resolve) => {
      if (this.watchdog.exitCode !== null || this.watchdog.signalCode !== null) resolve();
      else this.watchdog.once('exit', () => resolve());
    });
    this.watchdog.stdin?.end();
    await watchdogGone;
  }

  /** For the exit hook: kills every child at once and removes the folder, synchronously. */
  killSync(): void {
    if (this.stopped) return;
    this.stopped = true;
    for (const c of this.children) {
      if (!c.exited && c.process.pid !== undefined) {
        try {
          process.kill(c.process.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
    // A killed etcd may still hold files open for a moment; rmSync does not mind, and the
    // watchdog removes the folder again once this process is gone.
    rmSync(this.dir, { recursive: true, force: true });
    live.delete(this);
  }
}

function stopChild(child: GroupChild, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const p = child.process;
    if (child.exited || p.exitCode !== null || p.signalCode !== null || p.pid === undefined) {
      resolve();
      return;
    }
    const timer = setTimeout(() => p.kill('SIGKILL'), graceMs);
    p.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    p.kill('SIGTERM');
  });
}
