/**
 * Workload examples: the Pods guide's Deployment (shared/seed/pods.md) rebuilt with
 * ReplicatedApp, a production-shaped web app, and a StatefulSet with per-replica claims.
 */
import { App, Chart } from 'cdk8s';
import { ConfigMap } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { Probe, ReplicatedApp, Volume } from '../lib';

/**
 * `my-deployment`: 3 replicas of nginx selected by `app: my-app`, as in the guide.
 * The guide's `nginx` image runs as root (it binds port 80 and writes its cache under
 * /var/cache/nginx), so the faithful rebuild uses the `baseline` level: no privilege,
 * no host access, seccomp RuntimeDefault, but the image may run as root. The image is
 * pinned (`nginx` alone means `:latest`, which renders differently from day to day).
 * ReplicatedApp adds what the guide leaves out: the recommended labels, an explicit
 * rolling update, resources, a PodDisruptionBudget and spreading across zones and nodes.
 */
export class SeedDeploymentChart extends Chart {
  readonly app: ReplicatedApp;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.app = new ReplicatedApp(this, 'my-deployment', {
      metadata: { name: 'my-deployment' },
      replicas: 3,
      selectorLabels: { app: 'my-app' },
      security: { level: 'baseline' },
      containerName: 'app',
      image: 'nginx:1.27',
    });
  }
}

/**
 * A realistic web app: 3 replicas at the restricted level of an unprivileged nginx
 * build, serving pages from a ConfigMap (whose content is hashed into the pod template,
 * so editing a page rolls the pods), with a log-shipping sidecar reading nginx's log
 * directory from a shared emptyDir, probes, a PodDisruptionBudget, spreading and a Service;
 * Prometheus annotations on the pod template, and no CPU limit on nginx.
 */
export class WebAppChart extends Chart {
  readonly app: ReplicatedApp;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const content = new ConfigMap(this, 'content', {
      metadata: { name: 'web-content' },
      data: { 'index.html': '<!doctype html><title>podwright</title><h1>Hello from podwright</h1>\n' },
    });
    this.app = new ReplicatedApp(this, 'web', {
      metadata: { name: 'web' },
      replicas: 3,
      recommendedLabels: { component: 'frontend', partOf: 'podwright-examples' },
      image: 'nginxinc/nginx-unprivileged:1.27-alpine',
      containerName: 'nginx',
      ports: [{ number: 8080, name: 'http' }],
      startupProbe: Probe.httpGet('/', 'http'),
      readinessProbe: Probe.httpGet('/', 'http'),
      livenessProbe: Probe.httpGet('/', 'http'),
      // Load balancers keep sending traffic for a moment after the endpoint goes away.
      preStopSleepSeconds: 5,
      // No CPU limit (no throttling when the node has idle CPU); nginx's temp files count as ephemeral storage.
      resources: { preset: 'small', cpuLimit: false, ephemeralStorage: '256Mi' },
      // Prometheus scrapes the log shipper's metrics.
      annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '2020', 'prometheus.io/path': '/api/v1/metrics/prometheus' },
      terminationGracePeriodSeconds: 30,
      mounts: [{ volume: Volume.configMap('content', content), path: '/usr/share/nginx/html', readOnly: true }],
      service: { ports: [{ targetPort: 'http', port: 80 }] },
    });
    // The unprivileged image logs to /dev/stdout through symlinks in /var/log/nginx; an
    // emptyDir over that directory makes nginx write real files the shipper tails.
    const shipper = this.app.addSidecar({
      name: 'log-shipper',
      image: 'fluent/fluent-bit:3.1.9',
      // -H serves fluent-bit's monitoring API on port 2020, which the probes check.
      args: ['-H', '-P', '2020', '-i', 'tail', '-p', 'path=/var/log/nginx/*.log', '-o', 'stdout'],
      ports: [{ number: 2020, name: 'monitoring' }],
      readinessProbe: Probe.httpGet('/', 'monitoring'),
      livenessProbe: Probe.httpGet('/', 'monitoring'),
    });
    this.app.pod.shareDirectory('logs', '/var/log/nginx', this.app.main!, [shipper], { sizeLimit: '256Mi' });
  }
}

/**
 * A StatefulSet: 3 Redis replicas, each with its own 1Gi claim mounted at /data, a
 * headless Service for their DNS names, and the image's own user (999) so the
 * restricted level holds and the claim is writable through fsGroup.
 */
export class CacheStatefulSetChart extends Chart {
  readonly app: ReplicatedApp;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.app = new ReplicatedApp(this, 'cache', {
      metadata: { name: 'cache' },
      kind: 'StatefulSet',
      replicas: 3,
      security: { runAsUser: 999, runAsGroup: 999, fsGroup: 999 },
      image: 'redis:7.2-alpine',
      ports: [{ number: 6379, name: 'redis' }],
      readinessProbe: Probe.exec(['redis-cli', 'ping']),
      livenessProbe: Probe.tcp('redis'),
      resources: 'medium',
      statefulSet: {
        volumeClaims: [{ name: 'data', size: '1Gi', mountPath: '/data' }],
        podManagementPolicy: 'Parallel',
      },
    });
  }
}

/** Adds the workload example charts to an app. */
export function addReplicatedExamples(app: App): void {
  new SeedDeploymentChart(app, 'seed-my-deployment');
  new WebAppChart(app, 'replicated-web');
  new CacheStatefulSetChart(app, 'replicated-cache');
}
