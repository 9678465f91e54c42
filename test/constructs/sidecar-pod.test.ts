import { Testing } from 'cdk8s';
import { Probe, SidecarPod, validate } from '../../lib';
import { K8S_VERSION_CONTEXT } from '../../lib/version';

const errorsOf = (objects: unknown[]) => validate(objects.map((object) => ({ object }))).findings.filter((f) => f.severity === 'error');

describe('SidecarPod', () => {
  test('defaults on 1.28: classic sidecars, snapshot', () => {
    const c = Testing.chart();
    const pod = new SidecarPod(c, 'web', { main: { name: 'web', image: 'web:1', ports: [{ number: 8080, name: 'http' }] } });
    pod.addSidecar({ name: 'metrics', image: 'agent:1', ports: [{ number: 9090, name: 'metrics' }] });
    const manifests = Testing.synth(c);
    expect(manifests).toMatchSnapshot();
    expect(manifests[0].spec.containers.map((x: { name: string }) => x.name)).toEqual(['web', 'metrics']);
    expect(manifests[0].spec.initContainers).toBeUndefined();
    expect(errorsOf(manifests)).toEqual([]);
  });

  test('native sidecars from 1.29: init containers with restartPolicy Always', () => {
    const c = Testing.chart();
    c.node.setContext(K8S_VERSION_CONTEXT, '1.29');
    const pod = new SidecarPod(c, 'web', { main: { name: 'web', image: 'web:1' } });
    pod.addInitContainer({ name: 'migrate', image: 'migrate:1' });
    pod.addSidecar({ name: 'proxy', image: 'envoy:1' });
    const [m] = Testing.synth(c);
    expect(m.spec.containers.map((x: { name: string }) => x.name)).toEqual(['web']);
    expect(m.spec.initContainers.map((x: { name: string; restartPolicy?: string }) => [x.name, x.restartPolicy])).toEqual([
      ['migrate', undefined],
      ['proxy', 'Always'],
    ]);
  });

  test('a sidecar can choose its mode; classic on 1.29', () => {
    const c = Testing.chart();
    c.node.setContext(K8S_VERSION_CONTEXT, '1.29');
    const pod = new SidecarPod(c, 'web', { main: { image: 'web:1' } });
    pod.addSidecar({ name: 'proxy', image: 'envoy:1', mode: 'classic' });
    const [m] = Testing.synth(c);
    expect(m.spec.containers.map((x: { name: string }) => x.name)).toEqual(['main', 'proxy']);
  });

  test('native sidecars on 1.28 need the feature gate', () => {
    expect(() => new SidecarPod(Testing.chart(), 'web', { main: { image: 'a' }, sidecarMode: 'native' })).toThrow(
      "SidecarPod 'test/web': sidecarMode is 'native', but the target Kubernetes version 1.28 needs the SidecarContainers feature gate for native sidecars (without it the API server drops restartPolicy: Always and the pod never starts); use 'classic', target 1.29 or later, or set sidecarFeatureGate: true if your cluster enables the gate.",
    );
    const pod = new SidecarPod(Testing.chart(), 'ok', { main: { image: 'a' } });
    expect(() => pod.addSidecar({ name: 'p', image: 'p', mode: 'native' })).toThrow("SidecarPod 'test/ok': sidecar 'p' mode is 'native'");
  });

  test('native sidecars on 1.28 with the feature gate acknowledged', () => {
    const c = Testing.chart();
    const pod = new SidecarPod(c, 'web', { main: { image: 'a:1' }, sidecarMode: 'native', sidecarFeatureGate: true });
    pod.addSidecar({ name: 'p', image: 'p:1' });
    expect(Testing.synth(c)[0].spec.initContainers[0].restartPolicy).toBe('Always');
  });

  test('two containers on one port and protocol is an error at synth naming both', () => {
    const c = Testing.chart();
    const pod = new SidecarPod(c, 'web', { main: { name: 'web', image: 'a', ports: [8080] } });
    pod.addSidecar({ name: 'proxy', image: 'p', ports: [8080] });
    expect(() => Testing.synth(c)).toThrow(
      "[test/web] containers 'web' and 'proxy' both declare port 8080/TCP; containers of a pod share one network namespace, so only one can bind it; give one of them another port.",
    );
  });

  test('the same port number on another protocol is fine', () => {
    const c = Testing.chart();
    const pod = new SidecarPod(c, 'dns', { main: { name: 'tcp', image: 'a:1', ports: [{ number: 53 }] } });
    pod.addSidecar({ name: 'udp', image: 'b:1', ports: [{ number: 53, protocol: 'UDP' }] });
    expect(() => Testing.synth(c)).not.toThrow();
  });

  test('a plain init container may reuse a port (it has exited by then)', () => {
    const c = Testing.chart();
    const pod = new SidecarPod(c, 'web', { main: { image: 'a:1', ports: [8080] } });
    pod.addInitContainer({ name: 'warmup', image: 'w:1', ports: [8080] });
    expect(() => Testing.synth(c)).not.toThrow();
  });

  test('a native sidecar shares the network namespace too', () => {
    const c = Testing.chart();
    c.node.setContext(K8S_VERSION_CONTEXT, '1.29');
    const pod = new SidecarPod(c, 'web', { main: { name: 'web', image: 'a', ports: [8080] } });
    pod.addSidecar({ name: 'proxy', image: 'p', ports: [8080] });
    expect(() => Testing.synth(c)).toThrow("containers 'web' and 'proxy' both declare port 8080/TCP");
  });

  test('addLogShipper shares a log directory, read-only for the shipper', () => {
    const c = Testing.chart();
    const pod = new SidecarPod(c, 'web', { main: { name: 'web', image: 'web:1' } });
    pod.addLogShipper({ name: 'shipper', image: 'fluent-bit:3', logDir: '/var/log/web', shipperPath: '/logs' });
    const [m] = Testing.synth(c);
    expect(m.spec.volumes).toContainEqual({ name: 'logs', emptyDir: { sizeLimit: '256Mi' } });
    expect(m.spec.containers[0].volumeMounts).toContainEqual({ name: 'logs', mountPath: '/var/log/web' });
    expect(m.spec.containers[1].volumeMounts).toContainEqual({ name: 'logs', mountPath: '/logs', readOnly: true });
    expect(pod.logVolume?.name).toBe('logs');
    expect(errorsOf(Testing.synth(c))).toEqual([]);
  });

  test('a probe on an undeclared port is an error at synth', () => {
    const c = Testing.chart();
    new SidecarPod(c, 'web', { main: { name: 'web', image: 'a', ports: [{ number: 8080, name: 'http' }], readinessProbe: Probe.httpGet('/ready', 'metrics') } });
    expect(() => Testing.synth(c)).toThrow(
      "[test/web] container 'web' has a readiness probe on port \"metrics\", which the container does not declare; add it to the container's ports.",
    );
  });

  test('liveness successThreshold must be 1', () => {
    const c = Testing.chart();
    new SidecarPod(c, 'web', { main: { name: 'web', image: 'a', livenessProbe: Probe.exec(['true'], { successThreshold: 2 }) } });
    expect(() => Testing.synth(c)).toThrow(
      "[test/web] container 'web' liveness probe sets successThreshold 2; the API server requires 1 for liveness probes; remove it or set 1.",
    );
  });

  test('probes render with documented timings', () => {
    const c = Testing.chart();
    new SidecarPod(c, 'web', {
      main: {
        name: 'web', image: 'a:1', ports: [{ number: 8080, name: 'http' }, { number: 9000, name: 'grpc' }],
        startupProbe: Probe.tcp('http'),
        readinessProbe: Probe.httpGet('/ready', 'http'),
        livenessProbe: Probe.grpc(9000, { periodSeconds: 20 }),
      },
    });
    const [m] = Testing.synth(c);
    const web = m.spec.containers[0];
    expect(web.startupProbe).toEqual({ tcpSocket: { port: 'http' }, initialDelaySeconds: 0, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 30, successThreshold: 1 });
    expect(web.readinessProbe).toEqual({ httpGet: { path: '/ready', port: 'http' }, initialDelaySeconds: 0, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 3, successThreshold: 1 });
    expect(web.livenessProbe).toEqual({ grpc: { port: 9000 }, initialDelaySeconds: 0, periodSeconds: 20, timeoutSeconds: 3, failureThreshold: 3, successThreshold: 1 });
    expect(errorsOf([m])).toEqual([]);
  });
});
