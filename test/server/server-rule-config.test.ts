/**
 * The configuration re-grades and exempts what the real server says: a Pod whose nodeSelector
 * uses the deprecated `beta.kubernetes.io/arch` label, which kube-apiserver v1.28.15 accepts
 * with a warning (podwright has no offline rule for it: the warning is the server's alone).
 * One server for the file: the layer is asked directly, and the CLI reaches the same server
 * through a kubeconfig; one `--server` run starts its own. Also: the level each object is
 * checked at follows its Namespace and the configuration's `namespaces`, as offline.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ApiObject, Chart } from 'cdk8s';
import { parse } from 'yaml';
import { cliIn } from './fixtures/cli-run';
import type { ApiServer } from '../../lib/server';
import { PodwrightApp, ValidationError } from '../../lib/synth/podwright-app';
import { Exemption, PodwrightConfig } from '../../lib/validation/config';
import { checkInputs, ServerFindingSettings } from '../../lib/server/server-layer';
import { Finding, ObjectInput } from '../../lib/validation/types';

const pod = (name: string, annotations = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}${annotations}
spec:
  automountServiceAccountToken: false
  nodeSelector:
    beta.kubernetes.io/arch: amd64
  securityContext:
    runAsNonRoot: true
    runAsUser: 10001
    seccompProfile: {type: RuntimeDefault}
  containers:
    - name: app
      image: registry.k8s.io/pause:3.9
      securityContext:
        allowPrivilegeEscalation: false
        capabilities: {drop: [ALL]}
        readOnlyRootFilesystem: true
      resources:
        requests: {cpu: 10m, memory: 16Mi}
        limits: {memory: 16Mi}
`;
const MANIFEST = [
  pod('plain'),
  pod('annotated', '\n  annotations:\n    ignore-check.podwright.io/server-warning: "our 1.27 nodes still carry the beta label"'),
  pod('listed'),
].join('---\n');
const EXEMPT_LISTED: Exemption = { rule: 'server-warning', kind: 'Pod', name: 'listed', reason: 'scheduled by the beta label until the node pool is replaced' };

let server: ApiServer;
let dir: string;
let inputs: ObjectInput[];
beforeAll(async () => {
  const { ApiServer: Server } = await import('../../lib/server');
  server = await Server.start();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podwright-server-rules-'));
  fs.writeFileSync(path.join(dir, 'pods.yaml'), MANIFEST);
  const { url, token, ca } = server.client.endpoint;
  fs.writeFileSync(path.join(dir, 'kubeconfig'), [
    'apiVersion: v1', 'kind: Config', 'current-context: harness',
    'contexts: [{ name: harness, context: { cluster: h, user: u } }]',
    `clusters: [{ name: h, cluster: { server: "${url}", certificate-authority-data: ${Buffer.from(ca as Buffer).toString('base64')} } }]`,
    `users: [{ name: u, user: { token: ${token} } }]`, '',
  ].join('\n'));
  const { readYamlString } = await import('../../lib/validation/yaml/read');
  inputs = [...readYamlString(MANIFEST, 'pods.yaml')];
});
afterAll(async () => {
  await server?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function layer(settings: ServerFindingSettings): Promise<[string | undefined, string, string][]> {
  const found = await checkInputs(server, inputs, { podSecurity: 'restricted', ...settings });
  return found.flat().map((f: Finding) => [f.object.name, f.ruleId, f.severity]);
}

/** The server's own warning for `plain`, as the layer reports it with no configuration. */
let serverWarning: string;

describe('the layer applies the configuration to the real server\'s warning', () => {
  test('no configuration: a warning for each Pod but the one exempted by its annotation', async () => {
    const found = (await checkInputs(server, inputs, { podSecurity: 'restricted' })).flat();
    expect(found.map((f) => [f.object.name, f.ruleId, f.severity, f.layer])).toEqual([
      ['plain', 'server-warning', 'warning', 'server'],
      ['listed', 'server-warning', 'warning', 'server'],
    ]);
    serverWarning = found[0]!.message;
    // The server's words: it names the deprecated label.
    expect(serverWarning).toContain('beta.kubernetes.io/arch');
    expect(found[1]!.message).toBe(serverWarning);
  });

  test('the warning sits at the field it names: the Pod\'s nodeSelector key, a Deployment\'s in its template', async () => {
    const found = (await checkInputs(server, inputs.slice(0, 1), { podSecurity: 'restricted' })).flat();
    expect(found.map((f) => f.path)).toEqual(['spec.nodeSelector[beta.kubernetes.io/arch]']);
    const { spec, metadata } = parse(pod('web')) as { spec: object; metadata: object };
    const deployment = {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata,
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec } },
    };
    const fromTemplate = (await checkInputs(server, [{ object: deployment }], { podSecurity: 'restricted' })).flat();
    expect(fromTemplate.map((f) => [f.ruleId, f.path])).toEqual([['server-warning', 'spec.template.spec.nodeSelector[beta.kubernetes.io/arch]']]);
  });

  test('"error": the same findings, as errors', async () => {
    expect(await layer({ rules: { 'server-warning': 'error' } })).toEqual([['plain', 'server-warning', 'error'], ['listed', 'server-warning', 'error']]);
  });

  test('"info", and "off": none', async () => {
    expect(await layer({ rules: { 'server-warning': 'info' } })).toEqual([['plain', 'server-warning', 'info'], ['listed', 'server-warning', 'info']]);
    expect(await layer({ rules: { 'server-warning': 'off' } })).toEqual([]);
  });

  test('an exemption in the configuration (kind and name) drops that Pod\'s warning only', async () => {
    expect(await layer({ exemptions: [EXEMPT_LISTED] })).toEqual([['plain', 'server-warning', 'warning']]);
    expect(await layer({ exemptions: [{ ...EXEMPT_LISTED, name: 'other' }] })).toEqual([['plain', 'server-warning', 'warning'], ['listed', 'server-warning', 'warning']]);
  });
});

describe('the level the layer checks at is the one the offline engine judges at', () => {
  const hostNetworkPod = (namespace: string) => ({
    object: {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'node-agent', namespace },
      spec: { hostNetwork: true, automountServiceAccountToken: false, containers: [{ name: 'agent', image: 'registry.k8s.io/pause:3.9' }] },
    },
  });
  const monitoring = { object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'monitoring', labels: { 'pod-security.kubernetes.io/enforce': 'privileged' } } } };
  const podSecurity = async (list: ObjectInput[], settings: Partial<Parameters<typeof checkInputs>[2]> = {}) =>
    (await checkInputs(server, list, { podSecurity: 'restricted', ...settings })).flat().filter((f) => f.ruleId === 'server-pod-security').map((f) => f.object.name);

  test('a host-network Pod: refused at the default (restricted), admitted in a namespace the input or the configuration makes privileged', async () => {
    expect(await podSecurity([hostNetworkPod('monitoring')])).toEqual(['node-agent']);
    expect(await podSecurity([hostNetworkPod('monitoring'), monitoring])).toEqual([]);
    expect(await podSecurity([hostNetworkPod('monitoring')], { namespaces: { monitoring: { podSecurity: 'privileged' } } })).toEqual([]);
  });
});

const cli = (args: string[]) => cliIn(dir, args);

interface JsonReport {
  summary: { errors: number; warnings: number; failed: boolean };
  findings: { ruleId: string; severity: string; message: string; path: string; object: { name: string }; location?: { file: string; line: number } }[];
}

describe('podwright validate: exit code, summary and formats follow the configuration', () => {
  beforeAll(() => {
    fs.writeFileSync(path.join(dir, 'strict.json'), JSON.stringify({ rules: { 'server-warning': 'error' }, exemptions: [EXEMPT_LISTED] }));
    fs.writeFileSync(path.join(dir, 'quiet.json'), JSON.stringify({ rules: { 'server-warning': 'off' } }));
  });

  test('--kubeconfig, server-warning "error" and one exemption: one error, exit 1', async () => {
    const res = await cli(['validate', '--kubeconfig', 'kubeconfig', '--config', 'strict.json', '--format', 'json', 'pods.yaml']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(1);
    const json = JSON.parse(res.stdout) as JsonReport;
    expect(json.summary).toMatchObject({ errors: 1, warnings: 0, failed: true });
    // Located at the field the warning names: the nodeSelector's key, line 8 of the first document.
    expect(json.findings.map((f) => [f.object.name, f.ruleId, f.severity, f.message, f.path, f.location?.line]))
      .toEqual([['plain', 'server-warning', 'error', serverWarning, 'spec.nodeSelector[beta.kubernetes.io/arch]', 8]]);
  });

  test('--kubeconfig, server-warning "off": nothing, exit 0; SARIF lists the rule as disabled', async () => {
    const res = await cli(['validate', '--kubeconfig', 'kubeconfig', '--config', 'quiet.json', '--format', 'json', 'pods.yaml']);
    expect(res.code).toBe(0);
    expect((JSON.parse(res.stdout) as JsonReport).findings).toEqual([]);
    const sarif = JSON.parse((await cli(['validate', '--kubeconfig', 'kubeconfig', '--config', 'quiet.json', '--format', 'sarif', 'pods.yaml'])).stdout);
    expect(sarif.runs[0].results).toEqual([]);
    const rule = sarif.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === 'server-warning');
    expect(rule).toMatchObject({ defaultConfiguration: { level: 'warning', enabled: false }, properties: { layer: 'server' } });
  });

  test('--server (its own server) with the defaults: two warnings, exit 0; the text report names them', async () => {
    const res = await cli(['validate', '--server', 'pods.yaml']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout.split('\n').filter((l) => l.endsWith('server-warning'))).toHaveLength(2);
    expect(res.stdout).toContain('0 errors, 2 warnings');
  });
});

describe('PodwrightApp({ server: true }): the synth gate follows the configuration too', () => {
  const app = (config: PodwrightConfig, outdir: string) => {
    const a = new PodwrightApp({ outdir, config, server: true, log: () => undefined });
    new ApiObject(new Chart(a, 'c'), 'legacy', parse(pod('legacy')));
    return a;
  };

  test('server-warning "error" stops synth, naming the construct; exempted, the app is written', () => {
    const strict = path.join(dir, 'strict-out');
    let error: unknown;
    try {
      app({ rules: { 'server-warning': 'error' } }, strict).synth();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).report.findings.filter((f) => f.layer === 'server').map((f) => [f.ruleId, f.severity, f.constructPath, f.message]))
      .toEqual([['server-warning', 'error', 'c/legacy', serverWarning]]);
    expect(fs.existsSync(strict)).toBe(false);

    const exempted = path.join(dir, 'exempted-out');
    app({ rules: { 'server-warning': 'error' }, exemptions: [{ ...EXEMPT_LISTED, name: 'legacy' }] }, exempted).synth();
    expect(fs.readdirSync(exempted)).toEqual(['c.k8s.yaml']);
  });
});
