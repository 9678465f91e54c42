import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Testing, Yaml } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { createPodwrightMatchers, podwrightMatchers } from '../../lib/jest';
import { run } from '../../lib/cli/main';
import { PodwrightValidation } from '../../lib/synth/cdk8s-plugin';
import { PodwrightApp, ValidationError } from '../../lib/synth/podwright-app';
import { RulePlugin } from '../../lib/validation/plugins';
import { Finding } from '../../lib/validation/types';

expect.extend(podwrightMatchers);

/** A chart with defects of several layers, written with L1 objects (no podwright construct guards them). */
class Flawed extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new k8s.KubePod(this, 'pod', {
      metadata: { name: 'flawed' },
      spec: {
        containers: [
          { name: 'app', image: 'nginx', securityContext: { privileged: true }, ports: [{ containerPort: 8080 }] },
          { name: 'side', image: 'busybox:1.36', ports: [{ containerPort: 8080 }] },
        ],
      },
    });
    new k8s.KubeDeployment(this, 'deploy', {
      metadata: { name: 'web' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'other' } }, spec: { containers: [{ name: 'web', image: 'web:1.0' }] } },
      },
    });
  }
}

/** A finding reduced to what every surface carries: rule, object, path. */
const key = (f: { ruleId: string; object: { kind?: string; name?: string }; path: string }) => `${f.ruleId} ${f.object.kind}/${f.object.name} ${f.path}`;

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'podwright-surfaces-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Synthesizes the app and returns the findings it was refused for ([] when it wrote). */
function refusedFindings(app: PodwrightApp): Finding[] {
  try {
    app.synth();
  } catch (e) {
    if (e instanceof ValidationError) return [...e.report.findings];
    throw e;
  }
  return [];
}

function gateFindings(): Finding[] {
  const app = new PodwrightApp({ outdir: path.join(tmp, 'dist'), config: {}, log: () => undefined });
  new Flawed(app, 'flawed');
  const findings = refusedFindings(app);
  if (findings.length === 0) throw new Error('the synth gate let the flawed chart through');
  return findings;
}

test('the synth gate, the cdk8s plugin, the CLI and the jest matchers agree', async () => {
  const gate = gateFindings().map(key).sort();
  expect(gate.length).toBeGreaterThan(3);
  expect(fs.existsSync(path.join(tmp, 'dist'))).toBe(false); // nothing half-written

  // The same objects as YAML on disk, as `cdk8s synth` writes them.
  const chart = new Flawed(Testing.app(), 'flawed');
  const file = path.join(tmp, 'flawed.k8s.yaml');
  Yaml.save(file, chart.toJson());

  const violations: { ruleName: string; violatingResources: { resourceName: string; locations: string[] }[] }[] = [];
  let status = '';
  await new PodwrightValidation({ settings: {} }).validate({
    manifests: [file],
    report: { addViolation: (v) => violations.push(v), submit: (s) => { status = s; } },
  });
  expect(status).toBe('failure');
  const pluginCount = violations.reduce((n, v) => n + v.violatingResources.length, 0);
  expect(pluginCount).toBe(gate.length);
  const pluginKeys = violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName.split(' ')[0]} ${r.resourceName} ${r.locations[0]!.split(':')[0]}`)).sort();
  expect(pluginKeys).toEqual(gateFindings().map((f) => `${f.ruleId} ${f.object.name} ${f.path || '(object)'}`).sort());

  let out = '';
  const code = await run(['validate', '--format', 'json', file], {
    stdout: { write: (s: string) => { out += s; } },
    stderr: { write: () => true },
    stdin: (async function* () {})(),
    cwd: tmp,
    env: {},
  });
  expect(code).toBe(1);
  const json = JSON.parse(out) as { findings: Finding[] };
  expect(json.findings.map(key).sort()).toEqual(gate);

  const matcherChart = new Flawed(Testing.app(), 'flawed');
  expect(matcherChart).not.toHaveNoViolations();
  for (const f of gateFindings()) expect(matcherChart).toHaveViolation(f.ruleId, { path: f.path, kind: f.object.kind });
});

test('the matchers pass a clean chart and name the failing Pod Security control', () => {
  const chart = Testing.chart();
  new k8s.KubePod(chart, 'p', { metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'a:1', securityContext: { privileged: true } }] } });
  expect(chart).not.toPassPodSecurity('baseline');
  expect(chart).toPassPodSecurity('privileged');
  expect(chart).toHaveViolation('pss-privileged', { path: 'spec.containers[0].securityContext.privileged' });
  expect(() => expect(chart).toHaveViolation('no-such-rule')).toThrow("'no-such-rule' is not a podwright rule");
  // `podwright rules` lists the server layer's ids; the matchers say why they never report them.
  expect(() => expect(chart).toHaveViolation('server-warning')).toThrow("'server-warning' is what a real API server says (podwright validate --server, PodwrightApp({ server })); the matchers run the offline rules only");
  expect(() => expect(chart).not.toHaveViolation('server-refused')).toThrow("'server-refused' is what a real API server says");
});

/**
 * A rule package as a platform team ships it: plain CommonJS in node_modules beside the
 * configuration, named in podwright.config.json. It has no podwright import of its own,
 * so it loads the same way under jest, the CLI and the cdk8s CLI.
 */
const ACME_PACKAGE = `'use strict';
module.exports = {
  name: 'acme',
  rules: [{
    meta: {
      id: 'acme/team-label', layer: 'practice', severity: 'error', scope: 'object', kinds: ['Pod', 'Deployment'],
      description: 'Every workload carries the acme.com/team label.',
      fix: 'Add the label acme.com/team naming the owning team.',
    },
    check(ctx) {
      const labels = (ctx.target.object.metadata || {}).labels || {};
      if (!labels['acme.com/team']) ctx.report({ path: ['metadata', 'labels'], message: 'the acme.com/team label is missing' });
    },
  }],
};
`;

/** Two objects without the team label, one exempted by annotation; an L1 Deployment with the label passes. */
class Unlabelled extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const q = (s: string) => k8s.Quantity.fromString(s);
    const probe = { httpGet: { port: k8s.IntOrString.fromNumber(8080), path: '/healthz' } };
    const spec: k8s.PodSpec = {
      automountServiceAccountToken: false,
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [{
        name: 'app', image: 'app:1.0', ports: [{ containerPort: 8080 }], livenessProbe: probe, readinessProbe: probe,
        resources: { requests: { cpu: q('100m'), memory: q('64Mi') }, limits: { cpu: q('100m'), memory: q('64Mi') } },
        securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
      }],
    };
    new k8s.KubePod(this, 'a', { metadata: { name: 'no-team' }, spec });
    new k8s.KubePod(this, 'b', { metadata: { name: 'waived', annotations: { 'ignore-check.podwright.io/acme.team-label': 'a shared tool, no team owns it' } }, spec });
    new k8s.KubeDeployment(this, 'c', {
      metadata: { name: 'also-no-team' },
      spec: { selector: { matchLabels: { app: 'x' } }, template: { metadata: { labels: { app: 'x' } }, spec } },
    });
    new k8s.KubeDeployment(this, 'd', {
      metadata: { name: 'owned', labels: { 'acme.com/team': 'payments' } },
      spec: { selector: { matchLabels: { app: 'y' } }, template: { metadata: { labels: { app: 'y' } }, spec } },
    });
  }
}

describe('a rule package named in podwright.config.json', () => {
  let project: string;
  let configFile: string;
  let manifest: string;
  beforeAll(() => {
    project = path.join(tmp, 'acme-app');
    fs.mkdirSync(path.join(project, 'node_modules', '@acme', 'k8s-rules'), { recursive: true });
    fs.writeFileSync(path.join(project, 'node_modules', '@acme', 'k8s-rules', 'package.json'), JSON.stringify({ name: '@acme/k8s-rules', version: '1.0.0', main: 'index.js' }));
    fs.writeFileSync(path.join(project, 'node_modules', '@acme', 'k8s-rules', 'index.js'), ACME_PACKAGE);
    configFile = path.join(project, 'podwright.config.json');
    // Every surface honours the file's `plugins`, its re-grading (none here) and its exemptions.
    fs.writeFileSync(configFile, JSON.stringify({ plugins: ['@acme/k8s-rules'], exemptions: [{ rule: 'acme/team-label', kind: 'Deployment', name: 'also-no-team', reason: 'migrating' }] }));
    manifest = path.join(project, 'unlabelled.k8s.yaml');
    Yaml.save(manifest, new Unlabelled(Testing.app(), 'u').toJson());
  });

  const expected = ['acme/team-label Pod/no-team metadata.labels'];

  test('is enforced identically by the synth gate, the cdk8s plugin, the CLI and the matchers', async () => {
    // The synth gate.
    const app = new PodwrightApp({ outdir: path.join(project, 'dist'), config: configFile, log: () => undefined });
    new Unlabelled(app, 'u');
    const gate = refusedFindings(app);
    expect(gate.map(key)).toEqual(expected);
    expect(gate[0]).toMatchObject({ severity: 'error', layer: 'practice', fix: 'Add the label acme.com/team naming the owning team.' });
    expect(fs.existsSync(path.join(project, 'dist'))).toBe(false);

    // The cdk8s CLI plugin, with the config file named in cdk8s.yaml's properties.
    const violations: { ruleName: string; recommendation: string; violatingResources: { resourceName: string; locations: string[] }[] }[] = [];
    let status = '';
    await new PodwrightValidation({ config: configFile }).validate({
      manifests: [manifest],
      report: { addViolation: (v) => violations.push(v), submit: (s) => { status = s; } },
    });
    expect(status).toBe('failure');
    expect(violations.map((v) => [v.ruleName, v.recommendation, v.violatingResources.map((r) => r.resourceName)]))
      .toEqual([['acme/team-label (error)', 'Every workload carries the acme.com/team label.', ['no-team']]]);

    // The CLI, run in the project folder (it finds podwright.config.json there).
    let out = '';
    const code = await run(['validate', '--format', 'json', manifest], {
      stdout: { write: (s: string) => { out += s; } }, stderr: { write: () => true }, stdin: (async function* () {})(), cwd: project, env: {},
    });
    expect(code).toBe(1);
    expect((JSON.parse(out) as { findings: Finding[] }).findings.map(key)).toEqual(expected);

    // The jest matchers, given the same file.
    const matchers = createPodwrightMatchers({ config: configFile });
    const subject = new Unlabelled(Testing.app(), 'u');
    expect(matchers.toHaveViolation(subject, 'acme/team-label', { path: 'metadata.labels', kind: 'Pod' }).pass).toBe(true);
    expect(matchers.toHaveViolation(subject, 'acme/team-label', { kind: 'Deployment' }).pass).toBe(false);
    expect(matchers.toHaveNoViolations(subject).pass).toBe(false);
    // Without the package, the id is unknown: the matchers do not silently pass.
    expect(podwrightMatchers.toHaveViolation(subject, 'acme/team-label').message()).toContain("'acme/team-label' is not a podwright rule or a rule of a loaded plugin");
  });

  test('re-graded in the config, it is a warning on every surface; the SARIF log and `podwright rules` list it', async () => {
    const regraded = path.join(project, 'warn.json');
    fs.writeFileSync(regraded, JSON.stringify({ plugins: ['@acme/k8s-rules'], rules: { 'acme/team-label': 'warning' } }));
    const app = new PodwrightApp({ outdir: path.join(project, 'dist-warn'), config: regraded, log: () => undefined });
    new Unlabelled(app, 'u');
    app.synth(); // warnings do not fail the gate
    expect(fs.existsSync(path.join(project, 'dist-warn', 'u.k8s.yaml'))).toBe(true);
    const subject = new Unlabelled(Testing.app(), 'u');
    const report = createPodwrightMatchers({ config: regraded });
    expect(report.toHaveNoViolations(subject).pass).toBe(true);
    expect(report.toHaveNoViolations(subject, 'warning').pass).toBe(false);

    const io = (sink: { out: string }) => ({
      stdout: { write: (s: string) => { sink.out += s; } }, stderr: { write: () => true }, stdin: (async function* () {})(), cwd: project, env: {},
    });
    const sarif = { out: '' };
    expect(await run(['validate', '--config', 'warn.json', '--format', 'sarif', manifest], io(sarif))).toBe(0);
    const log = JSON.parse(sarif.out) as { runs: { tool: { driver: { rules: { id: string; defaultConfiguration: { level: string } }[] } }; results: { ruleId: string; level: string }[] }[] };
    const acme = log.runs[0]!.tool.driver.rules.find((r) => r.id === 'acme/team-label');
    expect(acme?.defaultConfiguration.level).toBe('warning');
    expect(log.runs[0]!.results.map((r) => [r.ruleId, r.level])).toContainEqual(['acme/team-label', 'warning']);
    const rules = { out: '' };
    expect(await run(['rules', '--config', 'warn.json'], io(rules))).toBe(0);
    expect(rules.out).toContain('acme/team-label  [practice, error]\n  Every workload carries the acme.com/team label.\n');
  });
});

test('PodwrightApp takes rule packages as a prop too, after the configuration\'s', () => {
  const file = path.join(tmp, 'acme-rules-prop.js');
  fs.writeFileSync(file, ACME_PACKAGE);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const acme = require(file) as RulePlugin;
  const app = new PodwrightApp({ outdir: path.join(tmp, 'dist-prop'), config: {}, plugins: [acme], log: () => undefined });
  new Unlabelled(app, 'u');
  const findings = refusedFindings(app);
  // No config exemption here: only the annotation waives the second Pod.
  expect(findings.map(key)).toEqual(['acme/team-label Pod/no-team metadata.labels', 'acme/team-label Deployment/also-no-team metadata.labels']);
  expect(app.config.plugins.map((p) => p.name)).toEqual(['acme']);
});
