import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { endpointFromKubeconfig, KubeconfigError } from '../../../lib/server/cluster';

let dir: string;
const write = (name: string, text: string) => {
  fs.writeFileSync(path.join(dir, name), text);
  return path.join(dir, name);
};
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podwright-kubeconfig-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('endpointFromKubeconfig', () => {
  test('the current context: server, CA data, token, namespace', () => {
    const file = write('a.yaml', `
apiVersion: v1
kind: Config
current-context: dev
contexts:
  - name: dev
    context: { cluster: c1, user: u1, namespace: team }
  - name: other
    context: { cluster: c2, user: u2 }
clusters:
  - name: c1
    cluster: { server: "https://10.0.0.1:6443", certificate-authority-data: ${b64('CA PEM')} }
  - name: c2
    cluster: { server: "https://10.0.0.2:6443", certificate-authority: ca.crt }
users:
  - name: u1
    user: { token: abc }
  - name: u2
    user: { client-certificate-data: ${b64('CERT')}, client-key: key.pem }
`);
    const { endpoint, namespace } = endpointFromKubeconfig(file);
    expect({ url: endpoint.url, ca: endpoint.ca?.toString(), token: endpoint.token, namespace }).toEqual({ url: 'https://10.0.0.1:6443', ca: 'CA PEM', token: 'abc', namespace: 'team' });
    write('ca.crt', 'FILE CA');
    write('key.pem', 'KEY');
    const other = endpointFromKubeconfig(file, 'other').endpoint;
    expect({ ca: other.ca?.toString(), cert: other.cert?.toString(), key: other.key?.toString(), token: other.token }).toEqual({ ca: 'FILE CA', cert: 'CERT', key: 'KEY', token: undefined });
  });

  test('clear errors: no such context, exec plugins, unreadable files', () => {
    const file = write('b.yaml', `
current-context: gke
contexts: [{ name: gke, context: { cluster: c, user: u } }]
clusters: [{ name: c, cluster: { server: "https://x", certificate-authority: missing.crt } }]
users: [{ name: u, user: { exec: { command: gke-gcloud-auth-plugin } } }]
`);
    expect(() => endpointFromKubeconfig(file, 'nope')).toThrow(new KubeconfigError(`${file}: no context "nope" (set current-context or pass a context).`));
    expect(() => endpointFromKubeconfig(file)).toThrow(/authenticates through an exec or auth-provider plugin/);
    expect(() => endpointFromKubeconfig(path.join(dir, 'none.yaml'))).toThrow(KubeconfigError);
  });
});
