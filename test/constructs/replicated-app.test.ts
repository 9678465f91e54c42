import { ApiObject, App, Chart, JsonPatch, Testing } from 'cdk8s';
import { ConfigMap, Secret } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { CacheStatefulSetChart, SeedDeploymentChart, WebAppChart } from '../../apps/replicated';
import { EnvValue, LifecycleHandler, Probe, ReplicatedApp, ReplicatedAppProps, Volume } from '../../lib';
import { VolumeClaimOptions } from '../../lib/workload/volume-claim';
import { constructErrors } from '../../lib/synth/podwright-app';
import { validate } from '../../lib/validation/engine';
import { Finding } from '../../lib/validation/types';

type Obj = Record<string, any>;

const IMAGE = 'ghcr.io/acme/web:1.4.2';
const HTTP = { number: 8080, name: 'http' };

function make(props: ReplicatedAppProps = { image: IMAGE }, id = 'web'): { chart: Chart; app: ReplicatedApp } {
  const chart = Testing.chart();
  return { chart, app: new ReplicatedApp(chart, id, props) };
}
const synth = (chart: Chart): Obj[] => Testing.synth(chart);
const byKind = (objects: Obj[], kind: string): Obj[] => objects.filter((o) => o.kind === kind);
const one = (objects: Obj[], kind: string): Obj => {
  const found = byKind(objects, kind);
  expect(found).toHaveLength(1);
  return found[0]!;
};
const findings = (objects: Obj[]): Finding[] => [...validate(objects.map((object) => ({ object }))).findings];
const errorsOf = (objects: Obj[]) => findings(objects).filter((f) => f.severity === 'error').map((f) => `${f.ruleId} ${f.object.kind}/${f.path}: ${f.message}`);
const validationErrors = (scope: Construct) => constructErrors(scope).map((e) => e.message);
const subset = (sub: Obj, all: Obj) => Object.entries(sub).every(([k, v]) => all[k] === v);

/** Every selector in the output (workload, Service, PDB) selects the workload's pod template. */
function expectSelectorsMatch(objects: Obj[]): void {
  const workloads = objects.filter((o) => o.kind === 'Deployment' || o.kind === 'StatefulSet');
  expect(workloads.length).toBeGreaterThan(0);
  for (const w of workloads) {
    const podLabels = w.spec.template.metadata.labels;
    expect(subset(w.spec.selector.matchLabels, podLabels)).toBe(true);
    for (const s of byKind(objects, 'Service')) expect(subset(s.spec.selector, podLabels)).toBe(true);
    for (const p of byKind(objects, 'PodDisruptionBudget')) expect(subset(p.spec.selector.matchLabels, podLabels)).toBe(true);
    for (const t of w.spec.template.spec.topologySpreadConstraints ?? []) expect(subset(t.labelSelector.matchLabels, podLabels)).toBe(true);
  }
}

const PREFIX = "ReplicatedApp 'test/web': ";

describe('ReplicatedApp defaults', () => {
  test('a name and an image give a production-shaped Deployment', () => {
    const { chart } = make();
    const objects = synth(chart);
    expect(objects).toMatchSnapshot();
    expect(objects.map((o) => o.kind)).toEqual(['Deployment', 'PodDisruptionBudget']);
    const d = one(objects, 'Deployment');
    expect(d.metadata.annotations).toEqual({ 'podwright.io/pod-security': 'restricted' });
    expect(d.spec.replicas).toBe(2);
    expect(d.spec.selector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/instance': expect.stringMatching(/^test-web-/) } });
    const labels = {
      'app.kubernetes.io/name': 'web',
      'app.kubernetes.io/instance': d.spec.selector.matchLabels['app.kubernetes.io/instance'],
      'app.kubernetes.io/version': '1.4.2',
      'app.kubernetes.io/managed-by': 'podwright',
    };
    expect(d.metadata.labels).toEqual(labels);
    expect(d.spec.template.metadata.labels).toEqual(labels);
    expect(d.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } });
    const pod = d.spec.template.spec;
    expect(pod.restartPolicy).toBe('Always');
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(pod.containers[0]).toMatchObject({
      name: 'main',
      image: IMAGE,
      resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
      securityContext: { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
    });
    expect(pod.topologySpreadConstraints.map((t: Obj) => [t.topologyKey, t.maxSkew, t.whenUnsatisfiable])).toEqual([
      ['topology.kubernetes.io/zone', 1, 'ScheduleAnyway'],
      ['kubernetes.io/hostname', 1, 'ScheduleAnyway'],
    ]);
    expect(pod.affinity).toBeUndefined();
    expect(d.spec.template.metadata.annotations).toBeUndefined();
    expect(d.spec.minReadySeconds).toBeUndefined();
    const pdb = one(objects, 'PodDisruptionBudget');
    expect(pdb.spec).toEqual({ maxUnavailable: 1, unhealthyPodEvictionPolicy: 'AlwaysAllow', selector: d.spec.selector });
    expect(pdb.metadata.labels).toEqual(labels);
    expectSelectorsMatch(objects);
    expect(errorsOf(objects)).toEqual([]);
    expect(validationErrors(chart)).toEqual([]);
  });

  test('containers, sidecars, init containers and volumes added later land in the template', () => {
    const { chart, app } = make({ image: IMAGE, ports: [HTTP] });
    const shipper = app.addSidecar({ name: 'shipper', image: 'fluent/fluent-bit:3.1.9' });
    app.pod.shareDirectory('logs', '/var/log/app', app.main!, [shipper]);
    app.addInitContainer({ name: 'migrate', image: IMAGE, command: ['migrate'] });
    app.addContainer({ name: 'metrics', image: 'prom/statsd-exporter:v0.27.1', ports: [{ number: 9102, name: 'metrics' }] });
    app.addVolume(Volume.emptyDir('cache'));
    const pod = one(synth(chart), 'Deployment').spec.template.spec;
    // Main containers render before classic sidecars, whatever the order they were added in.
    expect(pod.containers.map((c: Obj) => c.name)).toEqual(['main', 'metrics', 'shipper']);
    expect(pod.initContainers.map((c: Obj) => c.name)).toEqual(['migrate']);
    expect(pod.volumes.map((v: Obj) => v.name)).toEqual(['scratch-main', 'scratch-shipper', 'scratch-migrate', 'scratch-metrics', 'logs', 'cache']);
    expect(pod.containers[2].volumeMounts).toContainEqual({ name: 'logs', mountPath: '/var/log/app', readOnly: true });
    expect(pod.containers[1].resources.requests).toEqual({ cpu: '100m', memory: '128Mi' });
    expect(errorsOf(synth(chart))).toEqual([]);
  });

  test('containers prop, defaultResources, and no main container from props', () => {
    const { chart, app } = make({ containers: [{ name: 'api', image: IMAGE }], defaultResources: 'medium' });
    expect(app.main).toBeUndefined();
    const c = one(synth(chart), 'Deployment').spec.template.spec.containers[0];
    expect(c.name).toBe('api');
    expect(c.resources.requests).toEqual({ cpu: '250m', memory: '256Mi' });
  });

  test('a pod without a main container fails at synth', () => {
    const { chart } = make({});
    expect(validationErrors(chart)).toEqual(['ReplicatedApp has no main container; add one with addContainer() (a pod needs at least one container).']);
  });

  test('container options without an image throw', () => {
    expect(() => make({ ports: [8080], containerName: 'x' })).toThrow(`${PREFIX}ports, containerName describe the main container, but image is not set; set image, or pass the container in containers.`);
  });
});

describe('labels and selector', () => {
  test('recommended labels: explicit values, extra labels, metadata.name as instance', () => {
    const { chart } = make({
      image: IMAGE,
      metadata: { name: 'shop-web', labels: { team: 'a' } },
      recommendedLabels: { name: 'shop', version: '2.0.0', component: 'frontend', partOf: 'shop', managedBy: 'argocd' },
      labels: { tier: 'web' },
    });
    const d = one(synth(chart), 'Deployment');
    expect(d.metadata.labels).toEqual({
      'app.kubernetes.io/name': 'shop', 'app.kubernetes.io/instance': 'shop-web', 'app.kubernetes.io/version': '2.0.0',
      'app.kubernetes.io/component': 'frontend', 'app.kubernetes.io/part-of': 'shop', 'app.kubernetes.io/managed-by': 'argocd',
      tier: 'web', team: 'a',
    });
    expect(d.spec.template.metadata.labels.team).toBeUndefined();
    expect(d.spec.template.metadata.labels.tier).toBe('web');
    expect(d.spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'shop', 'app.kubernetes.io/instance': 'shop-web' });
  });

  test('the version label comes from the image tag, and is left out for digests and untagged images', () => {
    const label = (image: string) => one(synth(make({ image }).chart), 'Deployment').metadata.labels['app.kubernetes.io/version'];
    expect(label('registry:5000/acme/web:v1.2')).toBe('v1.2');
    expect(label('registry:5000/acme/web')).toBeUndefined();
    expect(label(`acme/web@sha256:${'a'.repeat(64)}`)).toBeUndefined();
    expect(label(`acme/web:${'x'.repeat(70)}`)).toBeUndefined();
  });

  test('custom selector labels join the pod labels', () => {
    const { chart } = make({ image: IMAGE, selectorLabels: { app: 'my-app' } });
    const objects = synth(chart);
    const d = one(objects, 'Deployment');
    expect(d.spec.selector.matchLabels).toEqual({ app: 'my-app' });
    expect(d.spec.template.metadata.labels.app).toBe('my-app');
    expectSelectorsMatch(objects);
  });

  test('a version label in the selector throws', () => {
    expect(() => make({ image: IMAGE, selectorLabels: { app: 'web', 'app.kubernetes.io/version': '1.4.2' } })).toThrow(
      `${PREFIX}selectorLabels holds 'app.kubernetes.io/version', a label that changes between releases; a workload's selector is immutable, so the next upgrade would fail. Select on stable labels such as app.kubernetes.io/name and app.kubernetes.io/instance.`,
    );
    expect(() => make({ image: IMAGE, selectorLabels: { version: 'v1' } })).toThrow("selectorLabels holds 'version'");
  });

  test('an empty selector, a selector the labels contradict, and invalid label values throw', () => {
    expect(() => make({ image: IMAGE, selectorLabels: {} })).toThrow(`${PREFIX}selectorLabels is empty, which would select every pod in the namespace; give at least one stable label.`);
    expect(() => make({ image: IMAGE, selectorLabels: { app: 'a' }, labels: { app: 'b' } })).toThrow(
      `${PREFIX}label 'app' is 'b', but selectorLabels says 'a'; the pods would not match their own selector. Use one value.`,
    );
    expect(() => make({ image: IMAGE, labels: { tier: 'not valid' } })).toThrow(`${PREFIX}label 'tier' has the value 'not valid', which is not a valid label value (`);
    expect(() => make({ image: IMAGE, selectorLabels: { app: '-x' } })).toThrow(`${PREFIX}selectorLabels 'app' has the value '-x', which is not a valid label value (`);
  });

  test('an invalid label value names the setting it came from, not one the user never set', () => {
    const id = 'x'.repeat(70);
    expect(() => make({ image: IMAGE }, id)).toThrow(`it comes from the construct id '${id}' (the default of recommendedLabels.name); set recommendedLabels.name, or use a shorter id`);
    expect(() => make({ image: IMAGE }, id)).not.toThrow('recommendedLabels or labels');
    expect(() => make({ image: IMAGE, metadata: { name: 'a'.repeat(70) } })).toThrow('it comes from metadata.name (the default of recommendedLabels.instance); set recommendedLabels.instance');
    expect(() => make({ image: IMAGE, recommendedLabels: { partOf: 'not valid' } })).toThrow('set a valid value in recommendedLabels.partOf');
    expect(() => make({ image: IMAGE, labels: { tier: 'not valid' } })).toThrow("set a valid value in labels['tier']");
  });
});

describe('Deployment rollout', () => {
  test('RollingUpdate with numbers and percentages, minReadySeconds, progressDeadlineSeconds, revisionHistoryLimit', () => {
    const { chart } = make({
      image: IMAGE, strategy: { type: 'RollingUpdate', maxSurge: 1, maxUnavailable: '0%' },
      minReadySeconds: 10, progressDeadlineSeconds: 300, revisionHistoryLimit: 3,
    });
    const objects = synth(chart);
    const spec = one(objects, 'Deployment').spec;
    expect(spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: '0%' } });
    expect([spec.minReadySeconds, spec.progressDeadlineSeconds, spec.revisionHistoryLimit]).toEqual([10, 300, 3]);
    expect(errorsOf(objects)).toEqual([]);
  });

  test('Recreate', () => {
    const objects = synth(make({ image: IMAGE, strategy: { type: 'Recreate' } }).chart);
    expect(one(objects, 'Deployment').spec.strategy).toEqual({ type: 'Recreate' });
    expect(errorsOf(objects)).toEqual([]);
  });

  test('maxSurge and maxUnavailable both 0 throw', () => {
    const msg = `${PREFIX}strategy.maxSurge and strategy.maxUnavailable are both 0, so a rollout could never replace a pod; allow at least one of them (e.g. maxSurge: 1).`;
    expect(() => make({ image: IMAGE, strategy: { type: 'RollingUpdate', maxSurge: 0, maxUnavailable: 0 } })).toThrow(msg);
    expect(() => make({ image: IMAGE, strategy: { type: 'RollingUpdate', maxSurge: '0%', maxUnavailable: 0 } })).toThrow(msg);
  });

  test('maxUnavailable above 100% and malformed values throw; maxSurge above 100% is allowed', () => {
    expect(() => make({ image: IMAGE, strategy: { type: 'RollingUpdate', maxUnavailable: '150%' } })).toThrow(
      `${PREFIX}strategy.maxUnavailable is '150%', which must not be greater than 100%; use at most '100%'.`,
    );
    expect(() => make({ image: IMAGE, strategy: { type: 'RollingUpdate', maxSurge: '25' } })).toThrow(
      `${PREFIX}strategy.maxSurge is '25', which must be a non-negative integer or a percentage such as '25%' (digits followed by '%'); use an integer or a percentage such as '25%'.`,
    );
    expect(() => make({ image: IMAGE, strategy: { type: 'RollingUpdate', maxSurge: -1 } })).toThrow(
      `${PREFIX}strategy.maxSurge is -1, which must be greater than or equal to 0; use an integer or a percentage such as '25%'.`,
    );
    expect(() => make({ image: IMAGE, strategy: { type: 'RollingUpdate', maxSurge: '200%' } })).not.toThrow();
  });

  test('progressDeadlineSeconds must exceed minReadySeconds, also against the 600 s default', () => {
    expect(() => make({ image: IMAGE, minReadySeconds: 30, progressDeadlineSeconds: 30 })).toThrow(
      `${PREFIX}progressDeadlineSeconds (30) must be greater than minReadySeconds (30); raise progressDeadlineSeconds or lower minReadySeconds.`,
    );
    expect(() => make({ image: IMAGE, minReadySeconds: 600 })).toThrow(
      `${PREFIX}progressDeadlineSeconds (600, the default) must be greater than minReadySeconds (600); raise progressDeadlineSeconds or lower minReadySeconds.`,
    );
  });

  test('negative or fractional counts throw', () => {
    expect(() => make({ image: IMAGE, replicas: -1 })).toThrow(`${PREFIX}replicas is -1, but it must be an integer greater than or equal to 0; fix the value.`);
    expect(() => make({ image: IMAGE, replicas: 1.5 })).toThrow(`${PREFIX}replicas is 1.5, but it must be an integer greater than or equal to 0; fix the value.`);
    expect(() => make({ image: IMAGE, revisionHistoryLimit: -2 })).toThrow(`${PREFIX}revisionHistoryLimit is -2`);
    expect(() => make({ image: IMAGE, minReadySeconds: -5 })).toThrow(`${PREFIX}minReadySeconds is -5`);
  });

  test('replicas 0 and 1: no budget by default', () => {
    for (const replicas of [0, 1]) {
      const objects = synth(make({ image: IMAGE, replicas }).chart);
      expect(one(objects, 'Deployment').spec.replicas).toBe(replicas);
      expect(byKind(objects, 'PodDisruptionBudget')).toEqual([]);
    }
  });

  test('restartPolicy is Always whatever the pod options', () => {
    const pod = one(synth(make({ image: IMAGE, security: { level: 'baseline' } }).chart), 'Deployment').spec.template.spec;
    expect(pod.restartPolicy).toBe('Always');
  });
});

describe('PodDisruptionBudget', () => {
  const pdbOf = (props: ReplicatedAppProps) => byKind(synth(make({ image: IMAGE, ...props }).chart), 'PodDisruptionBudget');

  test('minAvailable, maxUnavailable as a percentage, IfHealthyBudget, and false', () => {
    expect(pdbOf({ replicas: 3, disruptionBudget: { minAvailable: 2 } })[0]!.spec).toMatchObject({ minAvailable: 2, unhealthyPodEvictionPolicy: 'AlwaysAllow' });
    expect(pdbOf({ replicas: 3, disruptionBudget: { minAvailable: 2 } })[0]!.spec.maxUnavailable).toBeUndefined();
    expect(pdbOf({ replicas: 4, disruptionBudget: { minAvailable: '50%' } })[0]!.spec.minAvailable).toBe('50%');
    expect(pdbOf({ replicas: 4, disruptionBudget: { maxUnavailable: '25%', unhealthyPodEvictionPolicy: 'IfHealthyBudget' } })[0]!.spec)
      .toMatchObject({ maxUnavailable: '25%', unhealthyPodEvictionPolicy: 'IfHealthyBudget' });
    expect(pdbOf({ replicas: 3, disruptionBudget: false })).toEqual([]);
    expect(pdbOf({ replicas: 0, disruptionBudget: true })[0]!.spec.maxUnavailable).toBe(1);
  });

  test('a budget that never allows an eviction throws', () => {
    expect(() => make({ image: IMAGE, replicas: 3, disruptionBudget: { maxUnavailable: 0 } })).toThrow(
      `${PREFIX}disruptionBudget.maxUnavailable is 0, so the budget never allows an eviction and node drains hang; allow at least 1, or set disruptionBudget: false.`,
    );
    expect(() => make({ image: IMAGE, replicas: 3, disruptionBudget: { maxUnavailable: '0%' } })).toThrow("disruptionBudget.maxUnavailable is '0%', so the budget never allows");
    expect(() => make({ image: IMAGE, replicas: 3, disruptionBudget: { minAvailable: 3 } })).toThrow(
      `${PREFIX}disruptionBudget.minAvailable is 3 with replicas 3, so the budget never allows an eviction and node drains hang; keep minAvailable below replicas (e.g. 2), or use maxUnavailable: 1.`,
    );
    expect(() => make({ image: IMAGE, replicas: 3, disruptionBudget: { minAvailable: '100%' } })).toThrow("disruptionBudget.minAvailable is '100%' with replicas 3");
    // 67% of 3 rounds up to 3.
    expect(() => make({ image: IMAGE, replicas: 3, disruptionBudget: { minAvailable: '67%' } })).toThrow("disruptionBudget.minAvailable is '67%' with replicas 3");
    expect(() => make({ image: IMAGE, replicas: 1, disruptionBudget: { minAvailable: 1 } })).toThrow('disruptionBudget.minAvailable is 1 with replicas 1');
  });

  test('both fields, malformed values and more than 100% throw', () => {
    expect(() => make({ image: IMAGE, disruptionBudget: { minAvailable: 1, maxUnavailable: 1 } })).toThrow(
      `${PREFIX}disruptionBudget sets both minAvailable and maxUnavailable, but a PodDisruptionBudget takes only one; keep one of them.`,
    );
    expect(() => make({ image: IMAGE, disruptionBudget: { maxUnavailable: '120%' } })).toThrow(
      `${PREFIX}disruptionBudget.maxUnavailable is '120%', which must not be greater than 100%; use at most '100%'.`,
    );
    expect(() => make({ image: IMAGE, disruptionBudget: { minAvailable: 'half' } })).toThrow(`${PREFIX}disruptionBudget.minAvailable is 'half', which must be a non-negative integer`);
  });

  test('one replica with a budget passes, and the engine warns (single-replica-availability)', () => {
    const objects = synth(make({ image: IMAGE, replicas: 1, disruptionBudget: true }).chart);
    expect(one(objects, 'PodDisruptionBudget').spec.maxUnavailable).toBe(1);
    expect(errorsOf(objects)).toEqual([]);
    const warning = findings(objects).filter((f) => f.ruleId === 'single-replica-availability');
    expect(warning).toHaveLength(1);
    expect(warning[0]!.severity).toBe('warning');
  });
});

describe('spreading', () => {
  test('antiAffinity and none', () => {
    const pod = (spread: 'antiAffinity' | 'none') => one(synth(make({ image: IMAGE, spread }).chart), 'Deployment').spec.template.spec;
    const anti = pod('antiAffinity');
    expect(anti.topologySpreadConstraints).toBeUndefined();
    expect(anti.affinity).toEqual({
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [{
          weight: 100,
          podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: expect.objectContaining({ 'app.kubernetes.io/name': 'web' }) } },
        }],
      },
    });
    const none = pod('none');
    expect(none.topologySpreadConstraints).toBeUndefined();
    expect(none.affinity).toBeUndefined();
  });
});

describe('Service', () => {
  test('service: true exposes every named port of the pod, by name', () => {
    const { chart, app } = make({ image: IMAGE, ports: [HTTP, 9999], service: true });
    app.addSidecar({ name: 'metrics', image: 'prom/statsd-exporter:v0.27.1', ports: [{ number: 9102, name: 'metrics' }] });
    const objects = synth(chart);
    const svc = one(objects, 'Service');
    expect(svc.spec).toEqual({
      type: 'ClusterIP',
      selector: one(objects, 'Deployment').spec.selector.matchLabels,
      ports: [
        { name: 'http', port: 8080, targetPort: 'http', protocol: 'TCP' },
        { name: 'metrics', port: 9102, targetPort: 'metrics', protocol: 'TCP' },
      ],
    });
    expectSelectorsMatch(objects);
    expect(errorsOf(objects)).toEqual([]);
    expect(validationErrors(chart)).toEqual([]);
  });

  test('explicit ports, type and name', () => {
    const { chart } = make({
      image: IMAGE, ports: [{ number: 5353, name: 'dns', protocol: 'UDP' }, HTTP],
      service: { type: 'LoadBalancer', name: 'public-web', ports: [{ targetPort: 'http', port: 80, name: 'web' }, { targetPort: 'dns', port: 53 }] },
    });
    const svc = one(synth(chart), 'Service');
    expect(svc.metadata.name).toBe('public-web');
    expect(svc.spec.type).toBe('LoadBalancer');
    expect(svc.spec.ports).toEqual([
      { name: 'web', port: 80, targetPort: 'http', protocol: 'TCP' },
      { name: 'dns', port: 53, targetPort: 'dns', protocol: 'UDP' },
    ]);
  });

  test('the Service is named after metadata.name', () => {
    const objects = synth(make({ image: IMAGE, ports: [HTTP], metadata: { name: 'shop' }, service: true }).chart);
    expect(byKind(objects, 'Service')[0]!.metadata.name).toBe('shop');
    expect(byKind(objects, 'PodDisruptionBudget')[0]!.metadata.name).toBe('shop');
  });

  test('a Service port naming no container port is an error at synth', () => {
    const { chart } = make({ image: IMAGE, ports: [HTTP], service: { ports: [{ targetPort: 'grpc' }] } });
    expect(validationErrors(chart)).toEqual([
      "service port 'grpc' targets container port 'grpc', which no container declares (named ports: http); name a container port 'grpc', or target one of the declared names.",
    ]);
  });

  test('a Service without any named port is an error at synth', () => {
    const { chart } = make({ image: IMAGE, ports: [8080], service: true });
    expect(validationErrors(chart)).toEqual([
      "ReplicatedApp service has no port: no container declares a named port; name a container port (ports: [{ number: 8080, name: 'http' }]) or list service.ports.",
    ]);
  });

  test('a targetPort that is not a port name throws', () => {
    expect(() => make({ image: IMAGE, service: { ports: [{ targetPort: 'HTTP_PORT' }] } })).toThrow(`${PREFIX}service port targetPort 'HTTP_PORT' is not a valid port name (`);
  });

  test('one replica behind a Service: the engine warns', () => {
    const objects = synth(make({ image: IMAGE, replicas: 1, ports: [HTTP], service: true }).chart);
    expect(findings(objects).filter((f) => f.ruleId === 'single-replica-availability').map((f) => f.severity)).toEqual(['warning']);
  });
});

describe('probes and security', () => {
  test('probes render with their documented timings; a probe on an undeclared port fails at synth', () => {
    const { chart } = make({
      image: IMAGE, ports: [HTTP, 9090],
      readinessProbe: Probe.httpGet('/ready', 'http'), livenessProbe: Probe.tcp(8080), startupProbe: Probe.grpc(9090),
    });
    const c = one(synth(chart), 'Deployment').spec.template.spec.containers[0];
    expect(c.readinessProbe).toMatchObject({ httpGet: { path: '/ready', port: 'http' }, periodSeconds: 5 });
    expect(c.livenessProbe).toMatchObject({ tcpSocket: { port: 8080 }, periodSeconds: 10 });
    expect(c.startupProbe).toMatchObject({ grpc: { port: 9090 }, failureThreshold: 30 });
    const bad = make({ image: IMAGE, ports: [HTTP], startupProbe: Probe.grpc(9090) }).chart;
    expect(validationErrors(bad)).toEqual(["container 'main' has a startup probe on port 9090, which the container does not declare; add it to the container's ports."]);
    expect(() => synth(bad)).toThrow("[test/web] container 'main' has a startup probe on port 9090");
    // lifecycle hooks are held to the same rule (issue 14; lib/validation/util/probe-ports.ts decides for both)
    const hook = make({ image: IMAGE, ports: [HTTP], lifecycle: { preStop: LifecycleHandler.httpGet('/drain', 'admin') } }).chart;
    expect(validationErrors(hook)).toEqual(["container 'main' has a preStop hook on port \"admin\", which the container does not declare; add it to the container's ports."]);
  });

  test('baseline level: the annotation records it and the template holds no restricted-only defaults', () => {
    const objects = synth(make({ image: 'nginx:1.27', security: { level: 'baseline' } }).chart);
    const d = one(objects, 'Deployment');
    expect(d.metadata.annotations['podwright.io/pod-security']).toBe('baseline');
    expect(d.spec.template.spec.securityContext.runAsNonRoot).toBeUndefined();
    expect(errorsOf(objects)).toEqual([]);
  });

  test('what the level forbids throws at once', () => {
    expect(() => make({ image: IMAGE, securityContext: { privileged: true } })).toThrow("ReplicatedApp 'test/web': container 'main'");
  });
});

describe('config hash', () => {
  function webWithConfig(data: Record<string, string>, props: Partial<ReplicatedAppProps> = {}) {
    const chart = Testing.chart();
    const cm = new ConfigMap(chart, 'config', { data });
    const secret = new Secret(chart, 'secret', { stringData: { password: 'x' } });
    const app = new ReplicatedApp(chart, 'web', {
      image: IMAGE,
      mounts: [{ volume: Volume.configMap('config', cm), path: '/etc/web' }],
      env: { PASSWORD: EnvValue.fromSecret(secret, 'password') },
      ...props,
    });
    const hash = () => one(synth(chart), 'Deployment').spec.template.metadata.annotations?.['podwright.io/config-hash'];
    return { chart, cm, app, hash };
  }

  test('the ConfigMaps and Secrets the pod reads are hashed; the hash follows their content', () => {
    const a = webWithConfig({ 'app.conf': 'a=1' });
    expect(a.hash()).toMatch(/^[0-9a-f]{64}$/);
    expect(webWithConfig({ 'app.conf': 'a=1' }).hash()).toBe(a.hash());
    expect(webWithConfig({ 'app.conf': 'a=2' }).hash()).not.toBe(a.hash());
    // Data added after construction counts too: the hash is computed at synth.
    const before = a.hash();
    a.cm.addData('extra', 'y');
    expect(a.hash()).not.toBe(before);
    expect(errorsOf(synth(a.chart))).toEqual([]);
  });

  test('configHash: false leaves the annotation out; objects the pod does not read are not hashed', () => {
    expect(webWithConfig({ k: 'v' }, { configHash: false }).hash()).toBeUndefined();
    const chart = Testing.chart();
    new ConfigMap(chart, 'unrelated', { data: { k: 'v' } });
    new ReplicatedApp(chart, 'web', { image: IMAGE });
    expect(one(synth(chart), 'Deployment').spec.template.metadata.annotations).toBeUndefined();
  });

  test('hashConfig() adds L1 objects of the same chart', () => {
    const chart = Testing.chart();
    const obj = new ApiObject(chart, 'settings', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { mode: 'fast' } });
    const app = new ReplicatedApp(chart, 'web', { image: IMAGE, configHash: false });
    app.hashConfig(obj);
    const first = one(synth(chart), 'Deployment').spec.template.metadata.annotations['podwright.io/config-hash'];
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    obj.addJsonPatch(JsonPatch.replace('/data/mode', 'slow'));
    expect(one(synth(chart), 'Deployment').spec.template.metadata.annotations['podwright.io/config-hash']).not.toBe(first);
  });

  test('hashConfig() refuses objects of another chart and constructs without an ApiObject', () => {
    const app = new App();
    const a = new Chart(app, 'a');
    const b = new Chart(app, 'b');
    const other = new ConfigMap(b, 'cm');
    const web = new ReplicatedApp(a, 'web', { image: IMAGE });
    expect(() => web.hashConfig(other)).toThrow("ReplicatedApp 'a/web': hashConfig: 'b/cm' is in another chart, so its content is not known when this chart is rendered; define it in the same chart.");
    expect(() => web.hashConfig(new Construct(a, 'plain'))).toThrow("ReplicatedApp 'a/web': hashConfig: 'a/plain' is not a Kubernetes object (no ApiObject found); pass a ConfigMap, a Secret or an ApiObject.");
  });
});

describe('StatefulSet', () => {
  const sts = (props: Partial<ReplicatedAppProps> = {}) => make({
    kind: 'StatefulSet', image: 'redis:7.2-alpine', ports: [{ number: 6379, name: 'redis' }], replicas: 3, ...props,
  });

  test('defaults: a headless Service, serviceName, claims mounted by name, not as pod volumes', () => {
    const { chart, app } = sts({ statefulSet: { volumeClaims: [{ name: 'data', size: '1Gi', mountPath: '/data' }] } });
    const objects = synth(chart);
    expect(objects.map((o) => o.kind)).toEqual(['Service', 'StatefulSet', 'PodDisruptionBudget']);
    expect(objects).toMatchSnapshot();
    const headless = one(objects, 'Service');
    const s = one(objects, 'StatefulSet');
    expect(headless.spec).toEqual({
      clusterIP: 'None', publishNotReadyAddresses: true, selector: s.spec.selector.matchLabels,
      ports: [{ name: 'redis', port: 6379, targetPort: 'redis', protocol: 'TCP' }],
    });
    expect(s.spec.serviceName).toBe(headless.metadata.name);
    expect(s.spec.updateStrategy).toEqual({ type: 'RollingUpdate' });
    expect(s.spec.podManagementPolicy).toBeUndefined();
    expect(s.spec.volumeClaimTemplates).toEqual([{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }]);
    const pod = s.spec.template.spec;
    expect(pod.containers[0].volumeMounts).toContainEqual({ name: 'data', mountPath: '/data' });
    expect(pod.volumes.map((v: Obj) => v.name)).toEqual(['scratch-main']);
    expect(app.volumeClaims.map((c) => c.name)).toEqual(['data']);
    expectSelectorsMatch(objects);
    expect(errorsOf(objects)).toEqual([]);
    expect(validationErrors(chart)).toEqual([]);
  });

  test('options: serviceName, publishNotReadyAddresses, claims with class and modes, Parallel, partition, OnDelete, mountClaim', () => {
    const { chart, app } = sts({
      metadata: { name: 'cache' },
      statefulSet: {
        serviceName: 'cache-peers', publishNotReadyAddresses: false, podManagementPolicy: 'Parallel',
        updateStrategy: { type: 'RollingUpdate', partition: 2 },
        volumeClaims: [{ name: 'data', size: '5Gi', storageClassName: 'fast', accessModes: ['ReadWriteOncePod'] }],
      },
      minReadySeconds: 5,
    });
    const backup = app.addSidecar({ name: 'backup', image: 'busybox:1.36' });
    app.mountClaim('data', app.main!, '/data');
    app.mountClaim(app.volumeClaims[0]!, backup, '/backup', { readOnly: true, subPath: 'dump' });
    const objects = synth(chart);
    const headless = one(objects, 'Service');
    const s = one(objects, 'StatefulSet').spec;
    expect(headless.metadata.name).toBe('cache-peers');
    expect(headless.spec.publishNotReadyAddresses).toBe(false);
    expect(s.serviceName).toBe('cache-peers');
    expect(s.podManagementPolicy).toBe('Parallel');
    expect(s.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 2 } });
    expect(s.minReadySeconds).toBe(5);
    expect(s.volumeClaimTemplates[0].spec).toEqual({ accessModes: ['ReadWriteOncePod'], storageClassName: 'fast', resources: { requests: { storage: '5Gi' } } });
    expect(s.template.spec.containers[1].volumeMounts).toContainEqual({ name: 'data', mountPath: '/backup', readOnly: true, subPath: 'dump' });
    expect(errorsOf(objects)).toEqual([]);
    const onDelete = synth(sts({ statefulSet: { updateStrategy: { type: 'OnDelete' } } }).chart);
    expect(one(onDelete, 'StatefulSet').spec.updateStrategy).toEqual({ type: 'OnDelete' });
  });

  test('metadata.name names the headless Service; a client Service can be added', () => {
    const objects = synth(sts({ metadata: { name: 'cache' }, service: true }).chart);
    expect(byKind(objects, 'Service').map((s) => [s.metadata.name, s.spec.clusterIP])).toEqual([['cache-headless', 'None'], ['cache', undefined]]);
    expect(one(objects, 'StatefulSet').spec.serviceName).toBe('cache-headless');
  });

  test('headlessService: false needs serviceName', () => {
    const objects = synth(sts({ statefulSet: { headlessService: false, serviceName: 'existing' } }).chart);
    expect(byKind(objects, 'Service')).toEqual([]);
    expect(one(objects, 'StatefulSet').spec.serviceName).toBe('existing');
    expect(() => sts({ statefulSet: { headlessService: false } })).toThrow(
      `${PREFIX}statefulSet.headlessService is false, but statefulSet.serviceName is not set; name the existing governing Service in serviceName, or let the construct create the headless Service.`,
    );
  });

  test('a claim named like a pod volume throws, at once or at synth', () => {
    const collision = `volume claim 'data' has the name of a pod volume; the StatefulSet controller adds a volume of that name for the claim, so the two would collide. Rename the claim or the volume`;
    expect(() => sts({ volumes: [Volume.emptyDir('data')], statefulSet: { volumeClaims: [{ name: 'data', size: '1Gi' }] } })).toThrow(`${PREFIX}${collision}.`);
    const { chart, app } = sts({ statefulSet: { volumeClaims: [{ name: 'data', size: '1Gi' }] } });
    app.addVolume(Volume.emptyDir('data'));
    expect(validationErrors(chart)).toEqual([`${collision}.`]);
    expect(() => sts({ statefulSet: { volumeClaims: [{ name: 'scratch-main', size: '1Gi' }] } })).toThrow("volume claim 'scratch-main' has the name of a pod volume");
  });

  test('claim errors: bad names, duplicates, unknown claims, clashing mount paths, no container', () => {
    expect(() => sts({ statefulSet: { volumeClaims: [{ name: 'Data', size: '1Gi' }] } })).toThrow(`${PREFIX}volume claim name 'Data' is not a DNS-1123 label (`);
    expect(() => sts({ statefulSet: { volumeClaims: [{ name: 'd', size: '1Gi' }, { name: 'd', size: '2Gi' }] } })).toThrow(`${PREFIX}volume claim name 'd' is already used; give each claim its own name.`);
    expect(() => sts({ statefulSet: { volumeClaims: [{ name: 'd', size: '1 GB' }] } })).toThrow(`${PREFIX}volume claim 'd' has size "1 GB", which is not a storage quantity (`);
    // A JavaScript caller (or a typo such as \`storage\`) can leave size out; the claim is refused, not rendered without a request.
    expect(() => sts({ statefulSet: { volumeClaims: [{ name: 'd', storage: '1Gi' } as unknown as VolumeClaimOptions] } }))
      .toThrow(`${PREFIX}volume claim 'd' has size undefined, which is not a storage quantity (it is not set); set size to a quantity such as '10Gi'.`);
    const { app } = sts({ statefulSet: { volumeClaims: [{ name: 'data', size: '1Gi', mountPath: '/data' }] } });
    expect(() => app.mountClaim('logs', app.main!, '/logs')).toThrow(`${PREFIX}no volume claim named 'logs'; add it with addVolumeClaim() or statefulSet.volumeClaims first.`);
    expect(() => app.mountClaim('data', app.main!, '/tmp')).toThrow(`${PREFIX}container 'main' mounts both the scratch directory and volume claim 'data' at /tmp; mount paths must be unique in a container.`);
    app.addVolumeClaim({ name: 'other', size: '1Gi' });
    expect(() => app.mountClaim('other', app.main!, '/data')).toThrow("container 'main' mounts both volume claim 'data' and volume claim 'other' at /data");
    expect(() => make({ kind: 'StatefulSet', statefulSet: { volumeClaims: [{ name: 'data', size: '1Gi', mountPath: '/data' }] } }, 'web')).toThrow(
      `${PREFIX}volume claim 'data' sets mountPath, but the pod has no main container yet; add the container first, or call mountClaim().`,
    );
  });

  test('a pod volume mounted later on a claim path fails at synth', () => {
    const { chart, app } = sts({ statefulSet: { volumeClaims: [{ name: 'data', size: '1Gi', mountPath: '/data' }] } });
    app.main!.mount('/data', Volume.emptyDir('cache'));
    expect(validationErrors(chart)).toEqual(["container 'main' mounts two volumes at /data; mount paths must be unique in a container."]);
  });

  test('kind-specific props on the wrong kind throw', () => {
    expect(() => make({ image: IMAGE, statefulSet: {} })).toThrow(`${PREFIX}statefulSet is set, but kind is 'Deployment'; set kind: 'StatefulSet', or remove statefulSet.`);
    expect(() => sts({ strategy: { type: 'Recreate' } })).toThrow(`${PREFIX}strategy applies to a Deployment only, but kind is 'StatefulSet'; remove it (a StatefulSet uses statefulSet.updateStrategy).`);
    expect(() => sts({ progressDeadlineSeconds: 100 })).toThrow(`${PREFIX}progressDeadlineSeconds applies to a Deployment only`);
    const { app } = make();
    expect(() => app.addVolumeClaim({ name: 'data', size: '1Gi' })).toThrow(
      `${PREFIX}volume claim 'data' needs kind 'StatefulSet' (a Deployment's replicas share their volumes); set kind: 'StatefulSet', or use Volume.persistentVolumeClaim() for one shared claim.`,
    );
    expect(() => sts({ statefulSet: { updateStrategy: { type: 'RollingUpdate', partition: -1 } } })).toThrow(`${PREFIX}statefulSet.updateStrategy.partition is -1`);
  });
});

describe('example charts (apps/replicated.ts)', () => {
  const charts = () => {
    const app = Testing.app();
    return [new SeedDeploymentChart(app, 'seed'), new WebAppChart(app, 'web'), new CacheStatefulSetChart(app, 'cache')];
  };

  test('selectors match the template labels, and the engine finds no error', () => {
    for (const chart of charts()) {
      const objects = synth(chart);
      expectSelectorsMatch(objects);
      expect(errorsOf(objects)).toEqual([]);
      expect(validationErrors(chart)).toEqual([]);
    }
  });

  test('the seed rebuild keeps my-deployment, 3 replicas, app: my-app, container app; the web app hashes its ConfigMap', () => {
    const [seed, web, cache] = charts();
    const d = one(synth(seed!), 'Deployment');
    expect(d.metadata.name).toBe('my-deployment');
    expect(d.spec.replicas).toBe(3);
    expect(d.spec.selector).toEqual({ matchLabels: { app: 'my-app' } });
    expect(d.spec.template.metadata.labels.app).toBe('my-app');
    expect(d.spec.template.spec.containers[0].name).toBe('app');
    expect(d.metadata.annotations['podwright.io/pod-security']).toBe('baseline');
    const w = synth(web!);
    expect(one(w, 'Deployment').spec.template.metadata.annotations['podwright.io/config-hash']).toMatch(/^[0-9a-f]{64}$/);
    expect(one(w, 'Deployment').spec.template.spec.containers.map((c: Obj) => c.name)).toEqual(['nginx', 'log-shipper']);
    expect(one(w, 'Service').spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }]);
    expect(one(synth(cache!), 'StatefulSet').spec.volumeClaimTemplates[0].metadata.name).toBe('data');
  });
});
