/**
 * The issue-11 cases, labelled by the real server: each workload's effective verdict (its
 * own dry run, then what its controllers create, dry-run in a namespace enforcing the level)
 * and podwright's offline verdict must agree.
 */
import { ApiServer, effectiveVerdict } from '../../lib/server';
import { resolveConfig } from '../../lib/validation/config';
import { validate } from '../../lib/validation/engine';
import { RULES } from '../../lib/validation/rules';
import { KubeObject, PodSecurityLevel } from '../../lib/validation/types';
import { CONTROLLER_CASES } from '../validation/fixtures/controller-cases';
import { pod, restrictedSpec } from '../validation/fixtures/pss-pods';

let server: ApiServer;
beforeAll(async () => {
  server = await ApiServer.start();
});
afterAll(async () => {
  await server?.stop();
});

/** podwright's offline errors (practices are warnings and do not count). */
function offlineErrors(object: unknown, level: PodSecurityLevel): string[] {
  const config = resolveConfig({ podSecurity: level }, RULES.map((r) => r.meta.id));
  return validate([{ object }], config).findings.filter((f) => f.severity === 'error').map((f) => `${f.ruleId} ${f.path}: ${f.message}`);
}

describe('workloads judged by what their controllers create', () => {
  test.each(CONTROLLER_CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const effective = await effectiveVerdict(server, c.object as KubeObject, { level: 'privileged' });
    // The server accepts these workloads themselves (but one) ...
    expect(effective.verdict.accepted).toBe(!c.objectRefused);
    if (c.objectRefused) {
      expect(offlineErrors(c.object, 'privileged').length).toBeGreaterThan(0);
      return;
    }
    expect(effective.created.length).toBeGreaterThan(0);
    // ... and refuses what the controller creates exactly when the case says so.
    const refused = effective.created.filter((x) => !x.verdict.accepted).map((x) => `${x.kind} ${x.name}: ${x.verdict.message}`);
    expect(refused.length > 0).toBe(c.createdRefused);
    // podwright agrees offline.
    expect(offlineErrors(c.object, 'privileged').length > 0).toBe(c.createdRefused);
  });

  test('a StatefulSet with claim templates: its claims <claim>-<set>-<ordinal> are dry-run and accepted', async () => {
    const c = CONTROLLER_CASES.find((x) => x.name === 'StatefulSet with a claim template')!;
    const effective = await effectiveVerdict(server, c.object as KubeObject);
    expect(effective.created.map((x) => `${x.kind} ${x.name} ${x.verdict.accepted}`)).toEqual([
      'PersistentVolumeClaim data-db-0 true', 'Pod db-0 true', 'PersistentVolumeClaim data-db-1 true', 'Pod db-1 true',
    ]);
  });

  test('a Deployment at restricted: PSA warns on the Deployment and refuses its Pods', async () => {
    const c = CONTROLLER_CASES.find((x) => x.name === 'Deployment, clean')!;
    const effective = await effectiveVerdict(server, c.object as KubeObject, { level: 'restricted' });
    expect(effective.verdict.accepted).toBe(true);
    expect(effective.podSecurityWarnings[0]).toMatch(/^would violate PodSecurity "restricted:v1.28": /);
    const podVerdict = effective.created.find((x) => x.kind === 'Pod')!.verdict;
    expect(podVerdict).toMatchObject({ accepted: false, status: 403, reason: 'Forbidden' });
    expect(podVerdict.message).toMatch(/violates PodSecurity "restricted:v1.28"/);
    expect(effective.valid).toBe(false);
    expect(offlineErrors(c.object, 'restricted').length).toBeGreaterThan(0);
  });
});

describe('volumes the server admits (no false alarms)', () => {
  const cases: { name: string; volume: Record<string, unknown> }[] = [
    { name: 'no source (defaulted to emptyDir)', volume: { name: 'v' } },
    { name: 'flexVolume', volume: { name: 'v', flexVolume: { driver: 'example.com/lvm' } } },
  ];
  const levels: PodSecurityLevel[] = ['privileged', 'baseline', 'restricted'];
  test.each(cases.flatMap((c) => levels.map((level) => [c.name, level, c] as const)))('%s at %s', async (_n, level, c) => {
    const object = pod(restrictedSpec({ volumes: [c.volume] }));
    const verdict = await server.dryRun(object as KubeObject, { level });
    const offline = offlineErrors(object, level);
    // podwright says what the server says; the server's answer is recorded in the failure message.
    expect({ offlineRefuses: offline.length > 0, offline }).toEqual({ offlineRefuses: !verdict.accepted, offline: verdict.accepted ? [] : expect.anything() });
    if (c.volume.flexVolume) expect(verdict.accepted).toBe(level !== 'restricted');
    else expect(verdict.accepted).toBe(true);
  });
});
