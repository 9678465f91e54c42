import { Chart, Testing } from 'cdk8s';
import { SecurePod, Volume, validate } from '../../lib';
import { K8S_VERSION_CONTEXT } from '../../lib/version';

function chart(): Chart {
  return Testing.chart();
}

const errorsOf = (c: Chart) => validate(c.toJson().map((object: unknown) => ({ object })))
  .findings.filter((f) => f.severity === 'error');

describe('SecurePod defaults', () => {
  const c = chart();
  new SecurePod(c, 'web', { containers: [{ image: 'ghcr.io/acme/web:1.0', ports: [8080] }] });
  const [pod] = Testing.synth(c);

  test('snapshot', () => {
    expect(pod).toMatchSnapshot();
  });

  test('pod-level restricted defaults', () => {
    expect(pod.spec.securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 65532,
      runAsGroup: 65532,
      fsGroup: 65532,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(pod.spec.automountServiceAccountToken).toBe(false);
    expect(pod.spec.hostNetwork).toBeUndefined();
    expect(pod.metadata.annotations['podwright.io/pod-security']).toBe('restricted');
  });

  test('container-level restricted defaults', () => {
    expect(pod.spec.containers[0].name).toBe('main');
    expect(pod.spec.containers[0].securityContext).toEqual({
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      privileged: false,
      readOnlyRootFilesystem: true,
    });
  });

  test('a writable /tmp scratch emptyDir is mounted', () => {
    expect(pod.spec.volumes).toEqual([{ name: 'scratch-main', emptyDir: { sizeLimit: '64Mi' } }]);
    expect(pod.spec.containers[0].volumeMounts).toEqual([{ name: 'scratch-main', mountPath: '/tmp' }]);
  });

  test('the engine finds no error, at restricted', () => {
    expect(errorsOf(c)).toEqual([]);
  });
});

describe('SecurePod levels', () => {
  test('containers added after construction get the defaults too', () => {
    const c = chart();
    const p = new SecurePod(c, 'web');
    p.addContainer({ image: 'a:1' });
    p.addInitContainer({ name: 'migrate', image: 'b:1' });
    p.addSidecar({ name: 'proxy', image: 'c:1' });
    const [pod] = Testing.synth(c);
    for (const ctr of [...pod.spec.containers, ...pod.spec.initContainers]) {
      expect(ctr.securityContext.capabilities).toEqual({ drop: ['ALL'] });
      expect(ctr.securityContext.allowPrivilegeEscalation).toBe(false);
    }
    expect(errorsOf(c)).toEqual([]);
  });

  test('NET_BIND_SERVICE may be added at restricted', () => {
    const c = chart();
    new SecurePod(c, 'web', { containers: [{ image: 'a:1', securityContext: { addCapabilities: ['NET_BIND_SERVICE'] } }] });
    const [pod] = Testing.synth(c);
    expect(pod.spec.containers[0].securityContext.capabilities).toEqual({ drop: ['ALL'], add: ['NET_BIND_SERVICE'] });
    expect(errorsOf(c)).toEqual([]);
  });

  test('privileged: true throws at restricted, naming path, container and field', () => {
    const c = chart();
    const p = new SecurePod(c, 'web');
    expect(() => p.addContainer({ name: 'app', image: 'a:1', securityContext: { privileged: true } })).toThrow(
      "SecurePod 'test/web': container 'app': privileged (container \"app\" must not set securityContext.privileged=true) at container.securityContext.privileged, which the restricted level forbids; remove securityContext.privileged or set it to false; grant only the capabilities the container needs, or choose a less strict level.",
    );
  });

  test('a capability other than NET_BIND_SERVICE throws at restricted', () => {
    const p = new SecurePod(chart(), 'web');
    expect(() => p.addContainer({ name: 'app', image: 'a:1', securityContext: { addCapabilities: ['SYS_ADMIN'] } })).toThrow(
      "SecurePod 'test/web': container 'app': unrestricted capabilities (container \"app\" must not include \"SYS_ADMIN\" in securityContext.capabilities.add) at container.securityContext.capabilities.add[0], which the restricted level forbids; set securityContext.capabilities.drop: [\"ALL\"] on every container and add at most NET_BIND_SERVICE, or choose a less strict level.",
    );
  });

  test('allowPrivilegeEscalation: true throws at restricted', () => {
    const p = new SecurePod(chart(), 'web');
    expect(() => p.addContainer({ name: 'app', image: 'a:1', securityContext: { allowPrivilegeEscalation: true } })).toThrow(
      "SecurePod 'test/web': container 'app': allowPrivilegeEscalation != false (container \"app\" must set securityContext.allowPrivilegeEscalation=false) at container.securityContext.allowPrivilegeEscalation, which the restricted level forbids; set securityContext.allowPrivilegeEscalation: false on every container, init container and ephemeral container, or choose a less strict level.",
    );
  });

  test('runAsUser 0 throws at restricted', () => {
    expect(() => new SecurePod(chart(), 'web', { security: { runAsUser: 0 } })).toThrow(
      "SecurePod 'test/web': runAsUser=0 (pod must not set runAsUser=0) at spec.securityContext.runAsUser, which the restricted level forbids; set runAsUser to a non-zero UID, or remove it and rely on the image user with runAsNonRoot: true, or choose a less strict level.",
    );
  });

  test('hostNetwork throws at restricted and baseline, naming the level', () => {
    expect(() => new SecurePod(chart(), 'web', { security: { hostNetwork: true } })).toThrow(
      "SecurePod 'test/web': host namespaces (hostNetwork=true) at spec.hostNetwork, which the restricted level forbids; remove hostNetwork, hostPID and hostIPC from the pod spec, or set them to false, or choose a less strict level.",
    );
    expect(() => new SecurePod(chart(), 'web', { security: { level: 'baseline', hostNetwork: true } })).toThrow(
      "SecurePod 'test/web': host namespaces (hostNetwork=true) at spec.hostNetwork, which the baseline level forbids; remove hostNetwork, hostPID and hostIPC from the pod spec, or set them to false, or choose a less strict level.",
    );
  });

  test('hostPath volumes throw below privileged', () => {
    const p = new SecurePod(chart(), 'web', { security: { level: 'baseline' } });
    expect(() => p.addVolume(Volume.hostPath('certs', '/etc/ssl'))).toThrow(
      "SecurePod 'test/web': volume 'certs' is a hostPath volume, which the baseline level forbids (Pod Security baseline: hostPath volumes); use another volume type, or level 'privileged'.",
    );
  });

  test('baseline keeps runtime capabilities and a writable root filesystem', () => {
    const c = chart();
    new SecurePod(c, 'web', { security: { level: 'baseline' }, containers: [{ image: 'nginx:1.27' }] });
    const [pod] = Testing.synth(c);
    expect(pod.spec.securityContext).toEqual({ seccompProfile: { type: 'RuntimeDefault' } });
    expect(pod.spec.containers[0].securityContext).toEqual({ allowPrivilegeEscalation: false, privileged: false });
    expect(pod.spec.volumes).toBeUndefined();
    expect(pod.metadata.annotations['podwright.io/pod-security']).toBe('baseline');
    expect(errorsOf(c)).toEqual([]);
  });

  test('privileged allows privileged containers, host namespaces and hostPath', () => {
    const c = chart();
    const p = new SecurePod(c, 'agent', { security: { level: 'privileged', hostNetwork: true, hostPID: true } });
    const root = Volume.hostPath('root', '/', 'Directory');
    p.addContainer({ image: 'agent:1', securityContext: { privileged: true }, mounts: [{ volume: root, path: '/host', readOnly: true }] });
    const [pod] = Testing.synth(c);
    expect(pod.spec.hostNetwork).toBe(true);
    expect(pod.spec.hostPID).toBe(true);
    expect(pod.spec.containers[0].securityContext).toEqual({ privileged: true });
    expect(errorsOf(c)).toEqual([]);
  });

  test('automountServiceAccountToken only when asked', () => {
    const c = chart();
    new SecurePod(c, 'web', { security: { automountServiceAccountToken: true }, containers: [{ image: 'a:1' }] });
    expect(Testing.synth(c)[0].spec.automountServiceAccountToken).toBe(true);
  });

  test('scratchDir can move, grow, use memory, or be turned off', () => {
    const c = chart();
    new SecurePod(c, 'a', { scratchDir: { path: '/scratch', sizeLimit: '1Gi', memory: true }, containers: [{ image: 'a:1' }] });
    new SecurePod(c, 'b', { scratchDir: false, containers: [{ image: 'a:1' }] });
    const [a, b] = Testing.synth(c);
    expect(a.spec.volumes).toEqual([{ name: 'scratch-main', emptyDir: { medium: 'Memory', sizeLimit: '1Gi' } }]);
    expect(a.spec.containers[0].volumeMounts).toEqual([{ name: 'scratch-main', mountPath: '/scratch' }]);
    expect(b.spec.volumes).toBeUndefined();
  });

  test('a pod without containers fails at synth', () => {
    const c = chart();
    new SecurePod(c, 'empty');
    expect(() => Testing.synth(c)).toThrow(
      'Validation failed with the following errors:\n  [test/empty] SecurePod has no main container; add one with addContainer() (a pod needs at least one container).',
    );
  });

  test('container names must be unique across containers, init containers and sidecars', () => {
    const p = new SecurePod(chart(), 'web', { containers: [{ name: 'app', image: 'a:1' }] });
    expect(() => p.addInitContainer({ name: 'app', image: 'b:1' })).toThrow(
      "SecurePod 'test/web': container name 'app' is already used in this pod; container names must be unique across containers, init containers and sidecars.",
    );
  });

  test('every container but the first main one needs a name', () => {
    const p = new SecurePod(chart(), 'web', { containers: [{ image: 'a:1' }] });
    expect(() => p.addContainer({ image: 'b:1' })).toThrow(
      "SecurePod 'test/web': every container but the first main container needs a name; image 'b:1' has none.",
    );
  });

  test('the target version comes from construct context', () => {
    const c = chart();
    c.node.setContext(K8S_VERSION_CONTEXT, '1.30');
    const p = new SecurePod(c, 'web');
    expect(p.pod.k8sVersion).toBe('1.30');
    expect(p.pod.sidecarMode).toBe('native');
  });
});
