/**
 * The synth gate judges each object at its Namespace's Pod Security level, wherever the
 * Namespace is in the app: the fast path (objects checked as they are written) and
 * PodwrightApp.check() (all objects in memory) agree, whether the Namespace comes before
 * or after the objects in it.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { PodwrightApp, PodSecurityLevel, ValidationError } from '../../lib';

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) fs.rmSync(d, { recursive: true, force: true }); });
function outdir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'podwright-ns-order-'));
  dirs.push(d);
  return path.join(d, 'dist');
}

/** A Deployment with host networking (baseline and restricted forbid it) in namespace "agents". */
function agent(scope: Construct): void {
  new k8s.KubeDeployment(scope, 'agent', {
    metadata: { name: 'agent', namespace: 'agents' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: { metadata: { labels: { app: 'agent' } }, spec: { hostNetwork: true, containers: [{ name: 'agent', image: 'busybox:1.36' }] } },
    },
  });
}

function namespace(scope: Construct, level: PodSecurityLevel): void {
  new k8s.KubeNamespace(scope, 'ns', { metadata: { name: 'agents', labels: { 'pod-security.kubernetes.io/enforce': level } } });
}

/** An app whose configured default is `fallback`, with the Namespace before or after the Deployment. */
function app(fallback: PodSecurityLevel, nsLevel: PodSecurityLevel, order: 'namespace-first' | 'namespace-last', out = outdir()): PodwrightApp {
  const a = new PodwrightApp({ outdir: out, config: { podSecurity: fallback }, log: () => undefined });
  const chart = new Chart(a, 'chart');
  if (order === 'namespace-first') namespace(chart, nsLevel);
  agent(chart);
  if (order === 'namespace-last') namespace(chart, nsLevel);
  return a;
}

/** What the synth gate says: 'written', or the Pod Security rule ids of the refusal. */
function synthVerdict(a: PodwrightApp): string[] | 'written' {
  try {
    a.synth();
    return 'written';
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    expect(fs.existsSync(a.outdir)).toBe(false);
    return [...new Set(e.report.findings.filter((f) => f.severity === 'error').map((f) => f.ruleId))].sort();
  }
}

describe.each(['namespace-first', 'namespace-last'] as const)('Namespace %s', (order) => {
  test('a privileged Namespace admits the host-network agent although the default is restricted', () => {
    expect(app('restricted', 'privileged', order).check().findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(synthVerdict(app('restricted', 'privileged', order))).toBe('written');
  });

  test('a restricted Namespace refuses it although the default is privileged (fails closed)', () => {
    const checked = app('privileged', 'restricted', order).check().findings.filter((f) => f.severity === 'error').map((f) => f.ruleId);
    expect(checked).toContain('pss-host-namespaces');
    expect(synthVerdict(app('privileged', 'restricted', order))).toEqual([...new Set(checked)].sort());
  });
});
