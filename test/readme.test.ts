import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { definePlugin, defineRule, PodwrightApp, Probe, ReplicatedApp, SecurePod, SidecarPod, validate } from '../lib';
import { createPodwrightMatchers } from '../lib/jest';

// The README's usage examples, kept compiling and rendering clean.
test('README examples render and pass the engine without errors', () => {
  const chart: Chart = Testing.chart();
  const pod = new SidecarPod(chart, 'web', {
    main: {
      image: 'nginxinc/nginx-unprivileged:1.27-alpine',
      ports: [{ number: 8080, name: 'http' }],
      readinessProbe: Probe.httpGet('/', 'http'),
    },
  });
  pod.addLogShipper({ name: 'shipper', image: 'fluent/fluent-bit:3.1', logDir: '/var/log/nginx' });
  new ReplicatedApp(chart, 'min', { image: 'ghcr.io/acme/web:1.4.2' });
  new ReplicatedApp(chart, 'api', {
    image: 'ghcr.io/acme/api:2.0.1',
    replicas: 3,
    ports: [{ number: 8080, name: 'http' }],
    readinessProbe: Probe.httpGet('/ready', 'http'),
    livenessProbe: Probe.httpGet('/healthz', 'http'),
    resources: 'medium',
    service: { ports: [{ targetPort: 'http', port: 80 }] },
  });
  const objects = Testing.synth(chart);
  expect(objects.map((o) => o.kind)).toEqual(expect.arrayContaining(['Pod', 'Deployment', 'Service', 'PodDisruptionBudget']));
  const errors = validate(objects.map((object: unknown) => ({ object }))).findings.filter((f) => f.severity === 'error');
  expect(errors).toEqual([]);
});

// The README's worked rule package, enforced through the jest matchers it documents.
test('README rule package example: defineRule, definePlugin and createPodwrightMatchers', () => {
  const teamLabel = defineRule({
    id: 'acme/team-label',
    layer: 'practice',
    severity: 'error',
    scope: 'object',
    kinds: ['Deployment', 'StatefulSet', 'CronJob', 'Job'],
    description: 'Every workload carries the acme.com/team label.',
    fix: 'Add the label acme.com/team naming the owning team.',
    check(ctx) {
      const labels = (ctx.target.object.metadata as { labels?: Record<string, string> } | undefined)?.labels;
      if (!labels?.['acme.com/team']) {
        ctx.report({ path: ['metadata', 'labels'], message: 'the acme.com/team label is missing' });
      }
    },
  });
  const acmeRules = definePlugin({ name: 'acme', rules: [teamLabel] });
  const matchers = createPodwrightMatchers({ config: { plugins: [acmeRules] } });
  const chart = Testing.chart();
  new ReplicatedApp(chart, 'api', { image: 'ghcr.io/acme/api:2.0.1' });
  expect(matchers.toHaveViolation(chart, 'acme/team-label', { path: 'metadata.labels', kind: 'Deployment' }).pass).toBe(true);
});

test("README's mixed-levels example: cdk8s-plus and L1 objects at baseline, podwright's pod at restricted, no errors", () => {
  const chart: Chart = Testing.chart();
  PodwrightApp.setLevel(chart, 'baseline');
  new kplus.Deployment(chart, 'legacy-web', { containers: [{ image: 'nginxinc/nginx-unprivileged:1.27-alpine', portNumber: 8080 }] });
  new kplus.k8s.KubeJob(chart, 'migrate', { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'migrate', image: 'busybox:1.36' }] } } } });
  new SecurePod(chart, 'api', { containers: [{ image: 'nginxinc/nginx-unprivileged:1.27-alpine' }] });
  const objects = Testing.synth(chart);
  expect(objects.map((o) => o.metadata.annotations?.['podwright.io/pod-security'])).toEqual(['baseline', 'baseline', 'restricted']);
  const errors = validate(objects.map((object: unknown) => ({ object }))).findings.filter((f) => f.severity === 'error');
  expect(errors).toEqual([]);
});
