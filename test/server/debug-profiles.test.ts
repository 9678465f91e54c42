/**
 * Each debug profile (debug-profiles/) as `kubectl debug --profile=restricted --custom=<profile>`
 * would apply it: the restricted profile's debug container with the profile merged on, added
 * through the `ephemeralcontainers` subresource to a Pod created for real. The Pod lives in
 * a namespace that enforces the level it promises and warns at restricted; the debug
 * container must be accepted and must draw no restricted warning of its own (so it is
 * admitted wherever restricted is enforced). For restricted pods the namespace enforces
 * restricted itself.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ApiServer } from '../../lib/server';
import { KubeObject, PodSecurityLevel } from '../../lib/validation/types';
import { allCreatedObjects } from '../../lib/validation/util/controller-objects';

const ROOT = path.join(__dirname, '..', '..');

interface ProfileCase {
  readonly kind: string;
  readonly name: string;
  readonly level: PodSecurityLevel;
  readonly target: string;
  readonly file: string;
}

/** The README lists each profile: `## <Kind> <name>` then `..., level <level>, target container `c`, profile `f`.` */
function profileCases(): ProfileCase[] {
  const readme = fs.readFileSync(path.join(ROOT, 'debug-profiles', 'README.md'), 'utf8');
  const out: ProfileCase[] = [];
  for (const m of readme.matchAll(/^## (\S+) (\S+)\n\n.*level (\w+), target container `([^`]+)`, profile `([^`]+)`/gm)) {
    out.push({ kind: m[1]!, name: m[2]!, level: m[3] as PodSecurityLevel, target: m[4]!, file: m[5]! });
  }
  return out;
}

function distObject(kind: string, name: string): KubeObject {
  for (const file of fs.readdirSync(path.join(ROOT, 'dist'))) {
    for (const doc of parseAllDocuments(fs.readFileSync(path.join(ROOT, 'dist', file), 'utf8'))) {
      const o = doc.toJS() as KubeObject;
      if (o.kind === kind && (o.metadata as { name?: string }).name === name) return o;
    }
  }
  throw new Error(`no ${kind} ${name} in dist/`);
}

/** The Pod to debug: the Pod itself, or the one the workload's controller creates. */
function targetPod(object: KubeObject): KubeObject {
  const pod = object.kind === 'Pod' ? object : allCreatedObjects(object).find((c) => c.object.kind === 'Pod')?.object;
  if (!pod) throw new Error(`no pod from ${String(object.kind)}`);
  return pod;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A strategic merge of maps (what `--custom` does for the fields a profile sets; lists are replaced: the base has none). */
function merge(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out = { ...base };
  for (const [k, v] of Object.entries(patch)) out[k] = isObj(v) && isObj(out[k]) ? merge(out[k] as Record<string, unknown>, v) : v;
  return out;
}

/**
 * The debug container `kubectl debug --profile=restricted` builds (kubectl pkg/cmd/debug:
 * generateDebugContainer and the restricted profile: runAsNonRoot, no privilege escalation,
 * capabilities drop ALL, seccomp RuntimeDefault).
 */
function debugContainer(target: string, profile: Record<string, unknown>): Record<string, unknown> {
  return merge({
    name: 'debugger',
    image: 'busybox:1.36',
    imagePullPolicy: 'IfNotPresent',
    stdin: true,
    tty: true,
    terminationMessagePolicy: 'File',
    targetContainerName: target,
    securityContext: {
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    },
  }, profile);
}

let server: ApiServer;
beforeAll(async () => {
  server = await ApiServer.start();
});
afterAll(async () => {
  await server?.stop();
});

const cases = profileCases();

test('the README lists every profile file', () => {
  const files = fs.readdirSync(path.join(ROOT, 'debug-profiles')).filter((f) => f.endsWith('.json')).sort();
  expect(cases.map((c) => c.file).sort()).toEqual(files);
});

test('restricted pods are among them (debugged in a namespace enforcing restricted)', () => {
  expect(cases.filter((c) => c.level === 'restricted').length).toBeGreaterThan(0);
});

describe('each debug profile through the ephemeralcontainers subresource', () => {
  test.each(cases.map((c) => [c.file, c] as const))('%s', async (_file, c) => {
    const namespace = `podwright-debug-${c.level}`;
    await server.ensureNamespace(namespace, c.level, 'restricted');
    const pod = targetPod(distObject(c.kind, c.name));
    const name = `debug-${path.basename(c.file, '.json')}`.slice(0, 63);
    const metadata: Record<string, unknown> = { ...(pod.metadata as Record<string, unknown>), name };
    delete metadata.generateName;
    const created = await server.create({ ...pod, metadata }, { namespace });
    expect({ accepted: created.accepted, message: created.message }).toEqual({ accepted: true, message: undefined });
    try {
      const live = created.object!;
      const profile = JSON.parse(fs.readFileSync(path.join(ROOT, 'debug-profiles', c.file), 'utf8')) as Record<string, unknown>;
      const withDebugger = { ...live, spec: { ...(live.spec as Record<string, unknown>), ephemeralContainers: [debugContainer(c.target, profile)] } };
      const verdict = await server.replace(withDebugger, { namespace, subresource: 'ephemeralcontainers' });
      expect({ accepted: verdict.accepted, message: verdict.message }).toEqual({ accepted: true, message: undefined });
      // Warnings at restricted about the debug container itself would mean it is not admitted there.
      expect(verdict.warnings.filter((w) => w.includes('"debugger"'))).toEqual([]);
      const stored = (verdict.object!.spec as { ephemeralContainers?: { name: string }[] }).ephemeralContainers ?? [];
      expect(stored.map((e) => e.name)).toEqual(['debugger']);
    } finally {
      await server.delete({ apiVersion: 'v1', kind: 'Pod', metadata: { name } }, { namespace });
    }
  });
});

describe('the checks above can fail', () => {
  test.each([['restricted'], ['baseline']] as const)('a debug container that escalates privileges, on a %s pod', async (level) => {
    const c = cases.find((x) => x.level === level)!;
    const namespace = `podwright-debug-${c.level}`;
    await server.ensureNamespace(namespace, c.level, 'restricted');
    const pod = targetPod(distObject(c.kind, c.name));
    const name = `control-${c.level}`;
    const created = await server.create({ ...pod, metadata: { ...(pod.metadata as object), name } }, { namespace });
    expect(created.accepted).toBe(true);
    try {
      const bad = debugContainer(c.target, { securityContext: { allowPrivilegeEscalation: true } });
      const verdict = await server.replace({ ...created.object!, spec: { ...(created.object!.spec as object), ephemeralContainers: [bad] } }, { namespace, subresource: 'ephemeralcontainers' });
      if (level === 'restricted') {
        expect(verdict).toMatchObject({ accepted: false, status: 403 });
        expect(verdict.message).toMatch(/violates PodSecurity "restricted:v1.28": allowPrivilegeEscalation != false \(container "debugger"/);
      } else {
        expect(verdict.accepted).toBe(true);
        expect(verdict.warnings.filter((w) => w.includes('"debugger"')).length).toBeGreaterThan(0);
      }
    } finally {
      await server.delete({ apiVersion: 'v1', kind: 'Pod', metadata: { name } }, { namespace });
    }
  });
});
