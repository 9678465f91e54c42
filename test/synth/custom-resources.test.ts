/** The synth gate checks a chart's custom resources against the CRDs its config names. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ApiObject, Chart } from 'cdk8s';
import { PodwrightApp, ValidationError } from '../../lib/synth/podwright-app';

const CRDS = path.resolve(__dirname, '../validation/schema/fixtures/crds/gateway-api');

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podwright-app-crd-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function app(value: string, outdir: string): PodwrightApp {
  const a = new PodwrightApp({ outdir, config: { crds: [path.relative(process.cwd(), CRDS)] }, log: () => undefined });
  const chart = new Chart(a, 'routes');
  new ApiObject(chart, 'web', {
    apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'web', namespace: 'default' },
    spec: { parentRefs: [{ name: 'gw' }], rules: [{ matches: [{ path: { type: 'PathPrefix', value } }], backendRefs: [{ name: 'web', port: 80 }] }] },
  });
  return a;
}

test('a custom resource its CRD accepts is written', () => {
  const out = path.join(dir, 'ok');
  app('/api', out).synth();
  expect(fs.readdirSync(out)).toEqual(['routes.k8s.yaml']);
});

test('a CEL rule of its CRD stops synth, with the construct path and the server\'s words', () => {
  const out = path.join(dir, 'bad');
  let error: unknown;
  try {
    app('/api//v1', out).synth();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).report.findings.filter((f) => f.severity === 'error')).toEqual([expect.objectContaining({
    ruleId: 'custom-resource-validation-rule',
    path: 'spec.rules[0].matches[0].path',
    message: 'Invalid value: "object": must not contain \'//\' when type one of [\'Exact\', \'PathPrefix\']',
    constructPath: 'routes/web',
  })]);
  expect(fs.existsSync(out)).toBe(false);
});
