import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Testing, Yaml } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { podwrightMatchers } from '../../lib/jest';
import { run } from '../../lib/cli/main';
import { PodwrightValidation } from '../../lib/synth/cdk8s-plugin';
import { PodwrightApp, ValidationError } from '../../lib/synth/podwright-app';
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

function gateFindings(): Finding[] {
  const app = new PodwrightApp({ outdir: path.join(tmp, 'dist'), config: {}, log: () => undefined });
  new Flawed(app, 'flawed');
  try {
    app.synth();
  } catch (e) {
    if (e instanceof ValidationError) return [...e.report.findings];
    throw e;
  }
  throw new Error('the synth gate let the flawed chart through');
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
});
