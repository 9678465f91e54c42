/** `new PodwrightApp({ server: true })`: server findings gate synth like the offline ones. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ApiObject, Chart } from 'cdk8s';
import { PodwrightApp, ValidationError } from '../../lib/synth/podwright-app';

function app(image: string, outdir: string): PodwrightApp {
  const a = new PodwrightApp({ outdir, config: { podSecurity: 'privileged' }, server: true, log: () => undefined });
  const chart = new Chart(a, 'c');
  new ApiObject(chart, 'web', {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
    spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { automountServiceAccountToken: false, containers: [{ name: 'app', image, resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '16Mi' } } }] } } },
  });
  return a;
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podwright-app-server-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('a clean app is written', () => {
  const out = path.join(dir, 'clean');
  app('registry.example.com/app:1.0', out).synth();
  expect(fs.readdirSync(out)).toEqual(['c.k8s.yaml']);
});

test('what the server refuses stops synth, with the construct path', () => {
  const out = path.join(dir, 'bad');
  let error: unknown;
  try {
    app('nginx ', out).synth();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ValidationError);
  const server = (error as ValidationError).report.findings.filter((f) => f.layer === 'server');
  expect(server).toEqual([expect.objectContaining({
    ruleId: 'server-created-refused', constructPath: 'c/web', path: 'spec.template.spec.containers[0].image',
  })]);
  expect(fs.existsSync(out)).toBe(false);
});
