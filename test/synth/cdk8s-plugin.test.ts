import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PodwrightValidation } from '../../lib/synth/cdk8s-plugin';

const repo = path.resolve(__dirname, '../..');

function project(podSpec: object): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podwright-plugin-'));
  fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), [
    'language: typescript',
    'app: node app.js',
    'output: dist',
    'validations:',
    `  - package: ${path.join(repo, 'plugin')}`,
    '    class: PodwrightValidation',
    '    version: 0.1.0',
    '',
  ].join('\n'));
  fs.writeFileSync(path.join(dir, 'app.js'), `
const { App, Chart, ApiObject } = require(${JSON.stringify(path.join(repo, 'node_modules/cdk8s'))});
const app = new App();
const chart = new Chart(app, 'plain');
new ApiObject(chart, 'pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: ${JSON.stringify(podSpec)} });
app.synth();
`);
  return dir;
}

function synth(dir: string, ...args: string[]) {
  return spawnSync(process.execPath, [path.join(repo, 'node_modules/cdk8s-cli/bin/cdk8s'), 'synth', ...args], {
    cwd: dir, encoding: 'utf8', env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' }, timeout: 300_000,
  });
}

/** A pod spec with no finding at the restricted level. */
const CLEAN_POD = {
  automountServiceAccountToken: false,
  securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } },
  containers: [{
    name: 'app', image: 'nginx:1.27',
    resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '64Mi' } },
    securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
  }],
};

describe('PodwrightValidation in the real cdk8s CLI', () => {
  test('findings appear in the report table and the synth exits non-zero', () => {
    const dir = project({ containers: [{ name: 'app', image: 'nginx:1.27', securityContext: { privileged: true } }] });
    const r = synth(dir);
    expect(r.status).not.toBe(0);
    expect(r.stdout).toContain('Validation Report (');
    expect(r.stdout).toContain('pss-privileged (error)');
    expect(r.stdout).toContain('Construct Path: plain/pod');
    expect(r.stdout).toContain('spec.containers[0].securityContext.privileged: privileged (container "app" must not set securityContext.privileged=true)');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a clean app passes', () => {
    const dir = project(CLEAN_POD);
    const r = synth(dir);
    expect(r.stderr).not.toContain('Validation failed');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Validations ended succesfully');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('rules of a package named in podwright.config.json are enforced too', () => {
    const dir = project(CLEAN_POD);
    fs.writeFileSync(path.join(dir, 'acme-rules.js'), `module.exports = { name: 'acme', rules: [{
      meta: { id: 'acme/team-label', layer: 'practice', severity: 'error', scope: 'object',
        description: 'Every object carries the acme.com/team label.', fix: 'Add the label acme.com/team.' },
      check(ctx) {
        const labels = (ctx.target.object.metadata || {}).labels || {};
        if (!labels['acme.com/team']) ctx.report({ path: ['metadata', 'labels'], message: 'the acme.com/team label is missing' });
      },
    }] };`);
    fs.writeFileSync(path.join(dir, 'podwright.config.json'), JSON.stringify({ plugins: ['./acme-rules.js'] }));
    const r = synth(dir);
    expect(r.status).not.toBe(0);
    expect(r.stdout).toContain('acme/team-label (error)');
    expect(r.stdout).toContain('metadata.labels: the acme.com/team label is missing');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

test('with --stdout, findings below the threshold go to stderr, not into the report', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podwright-plugin-'));
  const file = path.join(dir, 'm.yaml');
  fs.writeFileSync(file, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: nginx\n');
  const violations: string[] = [];
  const stderr: string[] = [];
  let status = '';
  await new PodwrightValidation({ settings: { podSecurity: 'privileged' } }, (s) => stderr.push(s)).validate({
    manifests: [file],
    stdout: true,
    report: { addViolation: (v) => violations.push(v.ruleName), submit: (s) => { status = s; } },
  });
  expect(violations).toEqual([]);
  expect(status).toBe('success');
  expect(stderr.join('')).toContain('  image-tag-latest\n');
  fs.rmSync(dir, { recursive: true, force: true });
});
