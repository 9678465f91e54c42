/**
 * Every object podwright renders into dist/ against the real server: accepted, admitted at
 * the Pod Security level it promises (annotation podwright.io/pod-security; PSA warnings on
 * workloads count), and everything its controllers create accepted too.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ApiServer, effectiveVerdict } from '../../lib/server';
import { POD_SECURITY_ANNOTATION } from '../../lib/validation/config';
import { KubeObject, PodSecurityLevel } from '../../lib/validation/types';

const DIST = path.join(__dirname, '..', '..', 'dist');

const objects: { file: string; object: KubeObject }[] = fs.readdirSync(DIST).filter((f) => f.endsWith('.yaml')).sort()
  .flatMap((file) => parseAllDocuments(fs.readFileSync(path.join(DIST, file), 'utf8')).map((d) => ({ file, object: d.toJS() as KubeObject })));

function levelOf(object: KubeObject): PodSecurityLevel | undefined {
  const annotations = (object.metadata as { annotations?: Record<string, string> } | undefined)?.annotations ?? {};
  return annotations[POD_SECURITY_ANNOTATION] as PodSecurityLevel | undefined;
}

let server: ApiServer;
beforeAll(async () => {
  server = await ApiServer.start();
});
afterAll(async () => {
  await server?.stop();
});

test('dist/ holds objects, and every pod-bearing one promises a level', () => {
  expect(objects.length).toBeGreaterThanOrEqual(10);
  for (const { object } of objects.filter((o) => ['Pod', 'Deployment', 'StatefulSet'].includes(String(o.object.kind)))) {
    expect(['baseline', 'restricted', 'privileged']).toContain(levelOf(object));
  }
});

describe('dist/ against kube-apiserver', () => {
  test.each(objects.map((o) => [`${o.file} ${String(o.object.kind)}/${String((o.object.metadata as { name?: string }).name)}`, o] as const))('%s', async (_name, { object }) => {
    const level = levelOf(object) ?? 'restricted';
    const effective = await effectiveVerdict(server, object, { level });
    const summary = {
      accepted: effective.verdict.accepted,
      message: effective.verdict.message,
      warnings: effective.verdict.warnings,
      refusedCreated: effective.created.filter((c) => !c.verdict.accepted).map((c) => `${c.kind} ${c.name}: ${c.verdict.message}`),
    };
    expect(summary).toEqual({ accepted: true, message: undefined, warnings: [], refusedCreated: [] });
    // Workloads: their Pods (and claims) were made and dry-run too.
    if (['Deployment', 'StatefulSet'].includes(String(object.kind))) {
      expect(effective.created.some((c) => c.kind === 'Pod')).toBe(true);
    }
  });
});
