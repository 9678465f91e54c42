import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { PodwrightApp, ReplicatedApp, resolveConfig, RULES, validateFiles, ValidationError } from '../../lib';

type Obj = Record<string, any>;

const app = () => new PodwrightApp({ outdir: path.join(os.tmpdir(), 'podwright-unused'), config: {}, log: () => undefined });
const plusDeployment = (scope: Construct, id: string) => new kplus.Deployment(scope, id, { containers: [{ image: 'nginxinc/nginx-unprivileged:1.27', portNumber: 8080 }] });
/** A Deployment an L1 user wrote by hand: host network, which baseline forbids and privileged allows. */
const hostNetworkDeployment = (scope: Construct, id: string) => new kplus.k8s.KubeDeployment(scope, id, {
  spec: {
    selector: { matchLabels: { app: id } },
    template: { metadata: { labels: { app: id } }, spec: { hostNetwork: true, containers: [{ name: 'agent', image: 'busybox:1.36' }] } },
  },
});
const podSecurity = (a: PodwrightApp) => a.check().findings.filter((f) => f.layer === 'pod-security' && f.severity === 'error');
const annotation = (o: Obj) => o.metadata?.annotations?.['podwright.io/pod-security'];

describe('PodwrightApp.setLevel', () => {
  test('without it, a plain cdk8s-plus Deployment is held to restricted and fails', () => {
    const a = app();
    plusDeployment(new Chart(a, 'legacy'), 'web');
    expect(podSecurity(a).map((f) => f.ruleId)).toContain('pss-seccomp-restricted');
  });

  test('a chart at baseline: its cdk8s-plus Deployment passes, and carries the annotation', () => {
    const a = app();
    const legacy = new Chart(a, 'legacy');
    PodwrightApp.setLevel(legacy, 'baseline');
    plusDeployment(legacy, 'web');
    expect(podSecurity(a)).toEqual([]);
    const [d] = legacy.toJson();
    expect(annotation(d)).toBe('baseline');
  });

  test('the level is enforced, not waived: host networking fails at baseline and passes at privileged', () => {
    const a = app();
    const baseline = new Chart(a, 'baseline');
    PodwrightApp.setLevel(baseline, 'baseline');
    hostNetworkDeployment(baseline, 'agent');
    expect(podSecurity(a).map((f) => `${f.ruleId} ${f.object.kind}/${f.object.name}`)).toEqual([expect.stringMatching(/^pss-host-namespaces Deployment\/baseline-agent-/)]);

    const b = app();
    const privileged = new Chart(b, 'privileged');
    PodwrightApp.setLevel(privileged, 'privileged');
    hostNetworkDeployment(privileged, 'agent');
    expect(podSecurity(b)).toEqual([]);
  });

  test('a construct subtree: the nearest scope wins, objects added later are covered', () => {
    const a = app();
    const chart = new Chart(a, 'mixed');
    PodwrightApp.setLevel(chart, 'baseline');
    const agents = new Construct(chart, 'agents');
    PodwrightApp.setLevel(agents, 'privileged');
    hostNetworkDeployment(agents, 'node-agent');
    plusDeployment(chart, 'web');
    new kplus.ConfigMap(chart, 'cfg', { data: { a: '1' } });
    const byKindName = Object.fromEntries(chart.toJson().map((o: Obj) => [`${o.kind}/${o.metadata.name.replace(/-[0-9a-f]{8}$/, '')}`, annotation(o)]));
    expect(byKindName).toEqual({ 'Deployment/mixed-agents-node-agent': 'privileged', 'Deployment/mixed-web': 'baseline', 'ConfigMap/mixed-cfg': undefined });
    expect(podSecurity(a)).toEqual([]);
  });

  test("podwright's own constructs keep the level of their security prop", () => {
    const chart = Testing.chart();
    PodwrightApp.setLevel(chart, 'privileged');
    new ReplicatedApp(chart, 'web', { image: 'ghcr.io/acme/web:1.4.2' });
    const [d] = Testing.synth(chart);
    expect(annotation(d!)).toBe('restricted');
  });

  test('an object that states its own level keeps it', () => {
    const chart = Testing.chart();
    PodwrightApp.setLevel(chart, 'baseline');
    const d = hostNetworkDeployment(chart, 'agent');
    d.metadata.addAnnotation('podwright.io/pod-security', 'privileged');
    expect(annotation(Testing.synth(chart)[0]!)).toBe('privileged');
  });

  test('works in a plain cdk8s App too (the annotation is written at synth)', () => {
    const chart = Testing.chart();
    PodwrightApp.setLevel(chart, 'baseline');
    plusDeployment(chart, 'web');
    expect(annotation(Testing.synth(chart)[0]!)).toBe('baseline');
  });

  test('the synth gate writes the baseline chart that it refused at restricted; the CLI agrees', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'podwright-scope-level-'));
    try {
      const refused = new PodwrightApp({ outdir: path.join(root, 'a'), config: {}, log: () => undefined });
      plusDeployment(new Chart(refused, 'legacy'), 'web');
      expect(() => refused.synth()).toThrow(ValidationError);
      const written = new PodwrightApp({ outdir: path.join(root, 'b'), config: {}, log: () => undefined });
      const legacy = new Chart(written, 'legacy');
      PodwrightApp.setLevel(legacy, 'baseline');
      plusDeployment(legacy, 'web');
      written.synth();
      expect(fs.readFileSync(path.join(root, 'b', 'legacy.k8s.yaml'), 'utf8')).toContain('podwright.io/pod-security: baseline');
      // `podwright validate` on the written file agrees: the level travels in the YAML.
      const run = await validateFiles(['b/legacy.k8s.yaml'], { config: resolveConfig({}, RULES.map((r) => r.meta.id)), cwd: root });
      expect([...run.report.findings].filter((f) => f.severity === 'error')).toEqual([]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  test('a level that is not one throws, naming the scope and the fix', () => {
    const chart = Testing.chart();
    expect(() => PodwrightApp.setLevel(chart, 'strict' as any))
      .toThrow(`PodwrightApp.setLevel: level "strict" for 'test' is not a Pod Security level; use 'restricted', 'baseline' or 'privileged'.`);
  });
});
