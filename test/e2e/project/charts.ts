// A user's app on podwright: one chart per construct, ten constructs in all.
import { Chart, JsonPatch, ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import {
  DebugProfiles, Probe, ReplicatedApp, SecurePod, SharedVolumePod, SidecarPod, StaticPod, Volume,
} from 'podwright';

export class PodsChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new SecurePod(this, 'api', {
      containers: [{ name: 'api', image: 'registry.example.com/api:1.0.0', ports: [{ number: 8080, name: 'http' }] }],
    });
    new SecurePod(this, 'worker', { containers: [{ name: 'worker', image: 'registry.example.com/worker:1.0.0' }] });
    const side = new SidecarPod(this, 'web', {
      main: { name: 'web', image: 'nginxinc/nginx-unprivileged:1.27-alpine', ports: [{ number: 8080, name: 'http' }], readinessProbe: Probe.httpGet('/', 'http') },
    });
    side.addLogShipper({ name: 'shipper', image: 'fluent/fluent-bit:3.1.9', logDir: '/var/log/nginx' });
    new SidecarPod(this, 'proxy', {
      main: { name: 'app', image: 'registry.example.com/app:1.0.0' },
      sidecars: [{ name: 'proxy', image: 'registry.example.com/proxy:1.0.0' }],
    });
    const shared = new SharedVolumePod(this, 'files', {});
    const data = Volume.emptyDir('shared-data');
    shared.addContainer({ name: 'writer', image: 'registry.example.com/writer:1.0.0', mounts: [{ volume: data, path: '/data' }] });
    shared.addContainer({ name: 'reader', image: 'registry.example.com/reader:1.0.0', mounts: [{ volume: data, path: '/data', readOnly: true }] });
  }
}

export class WorkloadsChart extends Chart {
  readonly web: ReplicatedApp;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.web = new ReplicatedApp(this, 'frontend', {
      replicas: 2,
      image: 'nginxinc/nginx-unprivileged:1.27-alpine',
      ports: [{ number: 8080, name: 'http' }],
      readinessProbe: Probe.httpGet('/', 'http'),
      livenessProbe: Probe.httpGet('/', 'http'),
      resources: 'small',
      service: { ports: [{ targetPort: 'http', port: 80 }] },
    });
    new ReplicatedApp(this, 'backend', {
      replicas: 2,
      image: 'registry.example.com/backend:1.0.0',
      ports: [{ number: 9090, name: 'grpc' }],
      readinessProbe: Probe.tcp('grpc'),
      livenessProbe: Probe.tcp('grpc'),
      resources: 'small',
    });
    new ReplicatedApp(this, 'cache', {
      kind: 'StatefulSet',
      replicas: 3,
      security: { runAsUser: 999, runAsGroup: 999, fsGroup: 999 },
      image: 'redis:7.2-alpine',
      ports: [{ number: 6379, name: 'redis' }],
      readinessProbe: Probe.exec(['redis-cli', 'ping']),
      livenessProbe: Probe.tcp('redis'),
      resources: 'medium',
      statefulSet: { volumeClaims: [{ name: 'data', size: '1Gi', mountPath: '/data' }] },
    });
  }
}

/** Static Pods are not chart objects: a plain construct holds this one. */
export class NodeAgents extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new StaticPod(this, 'agent', {
      metadata: { name: 'node-agent', namespace: 'kube-system' },
      containers: [{ name: 'agent', image: 'registry.example.com/agent:1.0.0', resources: { requests: { cpu: '50m', memory: '64Mi' } } }],
    });
  }
}

/** The ten constructs. */
export function addAll(app: Construct): void {
  new PodsChart(app, 'pods');
  new WorkloadsChart(app, 'workloads');
  new NodeAgents(app, 'static');
  new DebugProfiles(app, 'debug-profiles');
}

/** An escape hatch that breaks the restricted level: hostNetwork on the frontend's pods. */
export function breakFrontend(chart: WorkloadsChart): void {
  const deployment = chart.web.node.findAll().find((c): c is ApiObject => ApiObject.isApiObject(c) && c.kind === 'Deployment');
  deployment!.addJsonPatch(JsonPatch.add('/spec/template/spec/hostNetwork', true));
}
