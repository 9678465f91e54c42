/**
 * `podwright validate --server` end to end, with the real server: server findings join the
 * report (layer server) in every format, located at file:line:column.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cliIn } from './fixtures/cli-run';

const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations:
    podwright.io/pod-security: baseline
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: app
          image: "nginx:1.25 "
`;

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podwright-cli-server-'));
  fs.writeFileSync(path.join(dir, 'app.yaml'), MANIFEST);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const cli = (args: string[]) => cliIn(dir, args);

const SERVER_MESSAGE = 'the ReplicaSet controller would create Pod "web-5d4f6b8c7d-x2b7z", which the API server refuses: spec.containers[0].image: Invalid value: "nginx:1.25 ": must not have leading or trailing whitespace';

test('text: the server finding at the image\'s line and column', async () => {
  const res = await cli(['validate', '--server', 'app.yaml']);
  expect(res.stderr).toBe('');
  expect(res.code).toBe(1);
  expect(res.stdout).toContain(`app.yaml:16:11  error    ${SERVER_MESSAGE}  server-created-refused`);
});

test('json, sarif and junit carry it too', async () => {
  const json = JSON.parse((await cli(['validate', '--server-assets', path.resolve(process.env.KUBEBUILDER_ASSETS!), '--format', 'json', 'app.yaml'])).stdout);
  const f = json.findings.find((x: { ruleId: string }) => x.ruleId === 'server-created-refused');
  expect(f).toMatchObject({ layer: 'server', severity: 'error', path: 'spec.template.spec.containers[0].image', message: SERVER_MESSAGE, location: { file: 'app.yaml', line: 16, column: 11 } });

  const sarif = JSON.parse((await cli(['validate', '--server', '--format', 'sarif', 'app.yaml'])).stdout);
  const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'server-created-refused');
  expect(result.message.text).toContain(SERVER_MESSAGE);
  expect(result.locations[0].physicalLocation.region).toMatchObject({ startLine: 16, startColumn: 11 });
  expect(sarif.runs[0].tool.driver.rules.some((r: { id: string }) => r.id === 'server-created-refused')).toBe(true);

  const junit = (await cli(['validate', '--server', '--format', 'junit', 'app.yaml'])).stdout;
  expect(junit).toContain('type="server-created-refused"');
  expect(junit).toContain('must not have leading or trailing whitespace');
});

describe('a refusal the offline engine already reported (same field, same words) is reported once', () => {
  const REPLICAS = MANIFEST.replace('spec:\n  selector:', 'spec:\n  replicas: -1\n  selector:');
  const serverAndOffline = (json: { findings: { ruleId: string; layer: string; path: string; message: string }[] }) =>
    json.findings.filter((f) => f.path === 'spec.replicas').map((f) => [f.layer, f.ruleId, f.message]);
  beforeAll(() => {
    fs.writeFileSync(path.join(dir, 'replicas.yaml'), REPLICAS);
    // deployment-spec (which ports the server's replicas check) turned off: what the server says alone.
    fs.writeFileSync(path.join(dir, 'offline-off.json'), JSON.stringify({ rules: { 'deployment-spec': 'off' } }));
  });

  test('the server refuses spec.replicas: -1; with the offline rule on, only the offline finding is reported', async () => {
    const alone = JSON.parse((await cli(['validate', '--server', '--config', 'offline-off.json', '--format', 'json', 'replicas.yaml'])).stdout);
    const serverSays = serverAndOffline(alone);
    expect(serverSays).toHaveLength(1);
    expect(serverSays[0]!.slice(0, 2)).toEqual(['server', 'server-refused']);

    const both = JSON.parse((await cli(['validate', '--server', '--format', 'json', 'replicas.yaml'])).stdout);
    expect(serverAndOffline(both)).toEqual([['api-server', 'deployment-spec', serverSays[0]![2]]]);
  });
});

describe('--kubeconfig: dry runs against an existing cluster (here: the harness, reached through a kubeconfig)', () => {
  let server: import('../../lib/server').ApiServer;
  let kubeconfig: string;
  beforeAll(async () => {
    const { ApiServer } = await import('../../lib/server');
    server = await ApiServer.start();
    const { url, token, ca } = server.client.endpoint;
    kubeconfig = path.join(dir, 'kubeconfig');
    fs.writeFileSync(kubeconfig, [
      'apiVersion: v1', 'kind: Config', 'current-context: harness',
      'contexts: [{ name: harness, context: { cluster: h, user: u } }]',
      `clusters: [{ name: h, cluster: { server: "${url}", certificate-authority-data: ${Buffer.from(ca as Buffer).toString('base64')} } }]`,
      `users: [{ name: u, user: { token: ${token} } }]`, '',
    ].join('\n'));
    // The Deployment names a namespace the cluster does not have: checked in the context's (default) instead.
    fs.writeFileSync(path.join(dir, 'elsewhere.yaml'), MANIFEST.replace('  name: web\n', '  name: web\n  namespace: not-there\n'));
  });
  afterAll(async () => {
    await server?.stop();
  });

  test('the same server finding; nothing is written to the cluster', async () => {
    const res = await cli(['validate', '--kubeconfig', 'kubeconfig', '--format', 'json', 'app.yaml', 'elsewhere.yaml']);
    expect(res.stderr).toBe('');
    const json = JSON.parse(res.stdout);
    const found = json.findings.filter((x: { ruleId: string }) => x.ruleId === 'server-created-refused');
    expect(found.map((f: { message: string; location: { file: string } }) => [f.location.file, f.message])).toEqual([['app.yaml', SERVER_MESSAGE], ['elsewhere.yaml', SERVER_MESSAGE]]);
    const list = await server.client.request('GET', '/apis/apps/v1/deployments');
    expect((list.body as { items: unknown[] }).items).toEqual([]);
  });

  test('--server and --kubeconfig exclude each other; a bad kubeconfig is exit 2', async () => {
    expect((await cli(['validate', '--server', '--kubeconfig', 'kubeconfig', 'app.yaml'])).code).toBe(2);
    const bad = await cli(['validate', '--kubeconfig', 'missing', 'app.yaml']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^podwright validate --kubeconfig: .*missing: cannot read the kubeconfig/);
  });
});
