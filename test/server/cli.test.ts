/**
 * `podwright validate --server` end to end, with the real server: server findings join the
 * report (layer server) in every format, located at file:line:column.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { CliIO, run } from '../../lib/cli/main';

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

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: { write: (s: string) => { stdout += s; return true; }, isTTY: false },
    stderr: { write: (s: string) => { stderr += s; return true; } },
    stdin: Readable.from([]),
    cwd: dir,
    env: { KUBEBUILDER_ASSETS: process.env.KUBEBUILDER_ASSETS, PATH: process.env.PATH, TEST_ASSET_ETCD: process.env.TEST_ASSET_ETCD },
  };
  return { code: await run(args, io), stdout, stderr };
}

const SERVER_MESSAGE = 'the ReplicaSet controller would create Pod "web-5d4f6b8c7d-x2b7z", which the API server refuses: spec.containers[0].image: Invalid value: "nginx:1.25 ": must not have leading or trailing whitespace';

test('text: the server finding at the image\'s line and column', async () => {
  const res = await cli(['validate', '--server', 'app.yaml']);
  expect(res.stderr).toBe('');
  expect(res.code).toBe(1);
  expect(res.stdout).toContain(`app.yaml:16:11  error   spec.template.spec.containers[0].image: ${SERVER_MESSAGE}  server-created-refused`);
});

test('json, sarif and junit carry it too', async () => {
  const json = JSON.parse((await cli(['validate', '--server-assets', process.env.KUBEBUILDER_ASSETS!, '--format', 'json', 'app.yaml'])).stdout);
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
