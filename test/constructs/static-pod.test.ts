import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import * as YAML from 'yaml';
import { EnvValue, PodwrightApp, StaticPod, Volume, validate } from '../../lib';
import { inputsOf } from '../../lib/synth/chart-inputs';

function chart(): Chart {
  return Testing.chart();
}

/** A privileged control-plane-like static pod with hostNetwork and hostPath certificates. */
function etcdLike(c: Chart): StaticPod {
  return new StaticPod(c, 'etcd', {
    security: { level: 'privileged', hostNetwork: true },
    priorityClassName: 'system-node-critical',
    containers: [{
      image: 'registry.k8s.io/etcd:3.5.9-0',
      command: ['etcd', '--data-dir=/var/lib/etcd'],
      resources: { requests: { cpu: '100m', memory: '100Mi' }, limits: { memory: '1Gi' } },
      mounts: [{ path: '/etc/kubernetes/pki/etcd', volume: Volume.hostPath('certs', '/etc/kubernetes/pki/etcd', 'DirectoryOrCreate'), readOnly: true }],
    }],
  });
}

describe('StaticPod defaults', () => {
  const c = chart();
  const sp = new StaticPod(c, 'agent', { containers: [{ image: 'ghcr.io/acme/agent:1.0' }] });
  const manifest = sp.toJson() as any;

  test('snapshot of the static Pod manifest', () => {
    expect(sp.toYaml()).toMatchSnapshot();
  });

  test('is not an API object of the chart: nothing lands in dist/', () => {
    expect(Testing.synth(c)).toEqual([]);
  });

  test('a v1 Pod named after the construct id, in kube-system, with its promised level', () => {
    expect(manifest.apiVersion).toBe('v1');
    expect(manifest.kind).toBe('Pod');
    expect(manifest.metadata).toEqual({
      name: 'agent', namespace: 'kube-system', annotations: { 'podwright.io/pod-security': 'restricted' },
      labels: { 'app.kubernetes.io/instance': 'agent', 'app.kubernetes.io/managed-by': 'podwright', 'app.kubernetes.io/name': 'agent', 'app.kubernetes.io/version': '1.0' },
    });
    expect(sp.name).toBe('agent');
    expect(sp.namespace).toBe('kube-system');
  });

  test('the pod seam applies: restricted defaults, no service account token', () => {
    expect(manifest.spec.securityContext.runAsNonRoot).toBe(true);
    expect(manifest.spec.automountServiceAccountToken).toBe(false);
    expect(manifest.spec.serviceAccountName).toBeUndefined();
    expect(manifest.spec.containers[0].securityContext.capabilities).toEqual({ drop: ['ALL'] });
  });

  test('one side file: static-pods/<name>.yaml, YAML of the manifest, sorted keys like cdk8s', () => {
    const files = sp.sideFiles();
    expect(files.map((f) => `${f.folder}/${f.file}`)).toEqual(['static-pods/agent.yaml']);
    expect(YAML.parse(files[0]!.content)).toEqual(JSON.parse(JSON.stringify(manifest)));
    expect(files[0]!.content.startsWith('apiVersion: v1\nkind: Pod\nmetadata:\n  annotations:')).toBe(true);
  });

  test('the engine finds no error in it, checked as a static Pod', () => {
    const inputs = inputsOf(c);
    expect(inputs).toHaveLength(1);
    expect(inputs[0]!.staticPod).toBe(true);
    expect(inputs[0]!.constructPath).toBe(sp.node.path);
    const errors = validate(inputs).findings.filter((f) => f.severity === 'error');
    expect(errors).toEqual([]);
  });
});

describe('StaticPod options', () => {
  test('an etcd-like control-plane pod: privileged, hostNetwork, hostPath certs, system-node-critical', () => {
    const c = chart();
    const sp = etcdLike(c);
    const m = sp.toJson() as any;
    expect(m.spec.hostNetwork).toBe(true);
    expect(m.spec.priorityClassName).toBe('system-node-critical');
    expect(m.spec.volumes).toEqual([{ name: 'certs', hostPath: { path: '/etc/kubernetes/pki/etcd', type: 'DirectoryOrCreate' } }]);
    expect(m.spec.containers[0].volumeMounts).toEqual([{ name: 'certs', mountPath: '/etc/kubernetes/pki/etcd', readOnly: true }]);
    expect(m.metadata.annotations['podwright.io/pod-security']).toBe('privileged');
    const errors = validate(inputsOf(c)).findings.filter((f) => f.severity === 'error');
    expect(errors).toEqual([]);
  });

  test('metadata name, namespace and labels; restartPolicy; sidecars and init containers', () => {
    const c = chart();
    const sp = new StaticPod(c, 'x', {
      metadata: { name: 'proxy', namespace: 'edge', labels: { tier: 'node' } },
      restartPolicy: 'Always',
      containers: [{ image: 'envoyproxy/envoy:v1.30.1' }],
    });
    sp.addSidecar({ name: 'logs', image: 'fluent/fluent-bit:3.0' });
    sp.addInitContainer({ name: 'init', image: 'busybox:1.36' });
    const m = sp.toJson() as any;
    expect(m.metadata).toMatchObject({ name: 'proxy', namespace: 'edge', labels: { tier: 'node' } });
    expect(m.spec.restartPolicy).toBe('Always');
    expect(m.spec.containers.map((x: any) => x.name)).toEqual(['main', 'logs']);
    expect(m.spec.initContainers.map((x: any) => x.name)).toEqual(['init']);
    expect(sp.sideFiles()[0]!.file).toBe('proxy.yaml');
  });

  test('containers and volumes added after construction land in the output', () => {
    const c = chart();
    const sp = new StaticPod(c, 'late', { security: { level: 'privileged' } });
    const main = sp.addContainer({ image: 'ghcr.io/acme/agent:1.0' });
    main.mount('/host/etc', Volume.hostPath('host-etc', '/etc', 'Directory'), { readOnly: true });
    sp.addVolume(Volume.emptyDir('cache'));
    const m = sp.toJson() as any;
    expect(m.spec.volumes.map((v: any) => v.name)).toEqual(['host-etc', 'cache']);
    expect(m.spec.containers[0].volumeMounts[0].mountPath).toBe('/host/etc');
  });

  test('isStaticPod tells static Pods apart', () => {
    const c = chart();
    expect(StaticPod.isStaticPod(etcdLike(c))).toBe(true);
    expect(StaticPod.isStaticPod(c)).toBe(false);
    expect(StaticPod.isStaticPod(undefined)).toBe(false);
  });
});

describe('StaticPod errors', () => {
  const refusal = 'but a static Pod cannot refer to other API objects (the kubelet runs it without the API server, and the API server refuses its mirror Pod); put the files on the node and mount them with a hostPath volume, or run the pod through the API server (SecurePod, ReplicatedApp).';

  test('an empty namespace', () => {
    expect(() => new StaticPod(chart(), 'p', { metadata: { namespace: '' } })).toThrow(
      "StaticPod 'test/p': metadata.namespace is ''; a static Pod must name its namespace (the kubelet would put it in 'default'); leave it unset for 'kube-system' or name one.",
    );
  });

  test('serviceAccountName', () => {
    expect(() => new StaticPod(chart(), 'p', { serviceAccountName: 'etcd' })).toThrow(
      "StaticPod 'test/p': serviceAccountName is 'etcd', but a static Pod cannot refer to other API objects (the API server refuses the mirror Pod of a pod that names a service account); remove serviceAccountName.",
    );
  });

  test('automountServiceAccountToken', () => {
    expect(() => new StaticPod(chart(), 'p', { security: { automountServiceAccountToken: true } })).toThrow(
      "StaticPod 'test/p': security.automountServiceAccountToken is true, but a static Pod has no service account and gets no token (static Pods bypass admission, which mounts the token); remove it.",
    );
  });

  test('a Secret volume in props', () => {
    expect(() => new StaticPod(chart(), 'p', { volumes: [Volume.secret('tls', 'etcd-tls')] })).toThrow(
      `StaticPod 'test/p': the pod refers to Secret 'etcd-tls', ${refusal}`,
    );
  });

  test('a ConfigMap volume through addVolume', () => {
    const sp = new StaticPod(chart(), 'p', { containers: [{ image: 'a:1' }] });
    expect(() => sp.addVolume(Volume.configMap('conf', 'settings'))).toThrow(`StaticPod 'test/p': the pod refers to ConfigMap 'settings', ${refusal}`);
    expect(sp.pod.volumes.map((v) => v.name)).not.toContain('conf');
  });

  test('a PersistentVolumeClaim volume', () => {
    const sp = new StaticPod(chart(), 'p', { containers: [{ image: 'a:1' }] });
    expect(() => sp.addVolume(Volume.persistentVolumeClaim('data', 'claim'))).toThrow(`StaticPod 'test/p': the pod refers to PersistentVolumeClaim 'claim', ${refusal}`);
  });

  test('a projected service-account token', () => {
    const sp = new StaticPod(chart(), 'p', { containers: [{ image: 'a:1' }] });
    expect(() => sp.addVolume(Volume.projected('token', [{ serviceAccountToken: { path: 'token' } }]))).toThrow(
      `StaticPod 'test/p': the pod refers to a service-account token (projected at 'token'), ${refusal}`,
    );
  });

  test('env from a Secret on a container added with addContainer', () => {
    const sp = new StaticPod(chart(), 'p');
    expect(() => sp.addContainer({ image: 'a:1', env: { PASSWORD: EnvValue.fromSecret('db', 'password') } })).toThrow(
      `StaticPod 'test/p': the pod refers to Secret 'db', ${refusal}`,
    );
  });

  test('env from a ConfigMap on a container given in props', () => {
    expect(() => new StaticPod(chart(), 'p', { containers: [{ image: 'a:1', env: { MODE: EnvValue.fromConfigMap('settings', 'mode') } }] })).toThrow(
      `StaticPod 'test/p': the pod refers to ConfigMap 'settings', ${refusal}`,
    );
  });

  test('a reference added later through container.mount() or addEnv() is caught at synth', () => {
    const c = chart();
    const sp = new StaticPod(c, 'p', { containers: [{ image: 'a:1' }] });
    sp.pod.mainContainers[0]!.mount('/etc/tls', Volume.secret('tls', 'etcd-tls')).addEnv('MODE', EnvValue.fromConfigMap('settings', 'mode'));
    expect(sp.node.validate()).toEqual([`the pod refers to Secret 'etcd-tls', ConfigMap 'settings', ${refusal}`]);
  });

  test('a hostPath volume below the privileged level says which level and how to fix it', () => {
    expect(() => new StaticPod(chart(), 'p', { security: { level: 'baseline' }, volumes: [Volume.hostPath('certs', '/etc/kubernetes/pki')] })).toThrow(
      "StaticPod 'test/p': volume 'certs' is a hostPath volume, which the baseline level forbids (Pod Security baseline: hostPath volumes); use another volume type, or level 'privileged'.",
    );
  });

  test('hostNetwork below the privileged level', () => {
    expect(() => new StaticPod(chart(), 'p', { security: { level: 'baseline', hostNetwork: true } })).toThrow(/^StaticPod 'test\/p': host namespaces \(hostNetwork=true\) at spec.hostNetwork, which the baseline level forbids;/);
  });

  test('no main container is a synth error', () => {
    const sp = new StaticPod(chart(), 'p');
    expect(sp.node.validate()).toEqual(['StaticPod has no main container; add one with addContainer() (a pod needs at least one container).']);
  });
});

describe('StaticPod in a PodwrightApp', () => {
  test('synth writes static-pods/<name>.yaml beside dist/, never into dist/', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'podwright-static-'));
    const outdir = path.join(root, 'dist');
    const app = new PodwrightApp({ outdir, config: {}, log: () => undefined });
    const c = new Chart(app, 'control-plane');
    const sp = etcdLike(c);
    app.synth();
    expect(fs.readdirSync(path.join(root, 'static-pods'))).toEqual(['etcd.yaml']);
    expect(fs.readFileSync(path.join(root, 'static-pods', 'etcd.yaml'), 'utf8')).toBe(sp.toYaml());
    const dist = fs.readdirSync(outdir).map((f) => fs.readFileSync(path.join(outdir, f), 'utf8')).join('');
    expect(dist).not.toContain('etcd');
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('the synth gate checks static Pods with the static-pod rules', () => {
    const app = new PodwrightApp({ outdir: path.join(os.tmpdir(), 'unused'), config: {}, log: () => undefined });
    const c = new Chart(app, 'control-plane');
    etcdLike(c);
    const report = app.check();
    const etcd = report.findings.filter((f) => f.constructPath === 'control-plane/etcd');
    expect(etcd.filter((f) => f.severity === 'error')).toEqual([]);
    expect(report.objectCount).toBe(1);
  });
});
