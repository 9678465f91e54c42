import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Lazy, Testing } from 'cdk8s';
import * as YAML from 'yaml';
import { k8s } from 'cdk8s-plus-28';
import { Job, JobProps, PodwrightApp, Probe, SecurePod, Volume } from '../../lib';
import { constructErrors } from '../../lib/synth/podwright-app';
import { validate } from '../../lib/validation/engine';

type Obj = Record<string, any>;
const IMAGE = 'ghcr.io/acme/migrate:1.2.0';

function make(props: JobProps = { containers: [{ image: IMAGE }] }): { chart: Chart; job: Job } {
  const chart = Testing.chart();
  return { chart, job: new Job(chart, 'migrate', props) };
}
const jobOf = (chart: Chart): Obj => Testing.synth(chart).find((o: Obj) => o.kind === 'Job')!;
const errors = (chart: Chart) => validate(Testing.synth(chart).map((object: unknown) => ({ object }))).findings.filter((f) => f.severity === 'error');

describe('Job', () => {
  test('defaults: restricted, restartPolicy Never, recommended labels, the level annotation, small resources', () => {
    const { chart } = make();
    const job = jobOf(chart);
    expect(Testing.synth(chart)).toMatchSnapshot();
    expect(job.apiVersion).toBe('batch/v1');
    expect(job.metadata.annotations).toEqual({ 'podwright.io/pod-security': 'restricted' });
    expect(job.metadata.labels).toMatchObject({ 'app.kubernetes.io/name': 'migrate', 'app.kubernetes.io/version': '1.2.0', 'app.kubernetes.io/managed-by': 'podwright' });
    expect(job.spec.template.metadata.labels).toEqual(job.metadata.labels);
    const pod = job.spec.template.spec;
    expect(pod.restartPolicy).toBe('Never');
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(pod.containers[0].resources).toEqual({ limits: { cpu: '200m', memory: '128Mi' }, requests: { cpu: '100m', memory: '128Mi' } });
    expect(job.spec.backoffLimit).toBeUndefined();
    expect(errors(chart)).toEqual([]);
  });

  test('job settings render as given', () => {
    const { chart } = make({
      containers: [{ image: IMAGE }], restartPolicy: 'OnFailure', backoffLimit: 2, activeDeadlineSeconds: 600,
      ttlSecondsAfterFinished: 3600, completions: 4, parallelism: 2,
    });
    const spec = jobOf(chart).spec;
    expect(spec).toMatchObject({ backoffLimit: 2, activeDeadlineSeconds: 600, ttlSecondsAfterFinished: 3600, completions: 4, parallelism: 2 });
    expect(spec.template.spec.restartPolicy).toBe('OnFailure');
    expect(errors(chart)).toEqual([]);
  });

  test.each<[string, JobProps, string]>([
    ['restartPolicy Always', { restartPolicy: 'Always' as never }, "Job 'test/migrate': restartPolicy is 'Always', but a Job's pods accept only 'OnFailure' or 'Never'; use one of them."],
    ['a negative backoffLimit', { backoffLimit: -1 }, "Job 'test/migrate': backoffLimit is -1, but it must be an integer greater than or equal to 0; fix the value."],
    ['a fractional parallelism', { parallelism: 1.5 }, "Job 'test/migrate': parallelism is 1.5, but it must be an integer greater than or equal to 0; fix the value."],
    ['a privileged container at restricted', { containers: [{ image: IMAGE, securityContext: { privileged: true } as never }] }, "Job 'test/migrate': container 'main'"],
  ])('refuses %s at once', (_name, props, message) => {
    expect(() => make(props)).toThrow(message);
  });

  test('the same seam as every pod: levels, init containers, sidecars, volumes, log shipper', () => {
    const chart = Testing.chart();
    const job = new Job(chart, 'backup', {
      security: { level: 'baseline' },
      containers: [{ image: 'ghcr.io/acme/backup:2.0.0' }],
      initContainers: [{ name: 'wait', image: 'busybox:1.36', command: ['true'] }],
      sidecarsExitOnTheirOwn: true,
    });
    job.addVolume(Volume.emptyDir('data'));
    job.pod.mainContainers[0]!.mount('/data', job.pod.volumes[0]!);
    job.addLogShipper({ name: 'shipper', image: 'fluent/fluent-bit:3.1' });
    const out = jobOf(chart);
    expect(out.metadata.annotations['podwright.io/pod-security']).toBe('baseline');
    const pod = out.spec.template.spec;
    expect(pod.initContainers.map((c: Obj) => c.name)).toEqual(['wait']);
    expect(pod.containers.map((c: Obj) => c.name)).toEqual(['main', 'shipper']);
    expect(pod.volumes.map((v: Obj) => v.name)).toEqual(['data', 'logs']);
    expect(pod.containers[1].volumeMounts).toEqual([{ mountPath: '/var/log/app', name: 'logs', readOnly: true }]);
    expect(job.logVolume?.name).toBe('logs');
    expect(errors(chart)).toEqual([]);
  });

  test('a classic sidecar that never exits is an error at synth; a native one is not', () => {
    const { chart, job } = make();
    job.addSidecar({ name: 'proxy', image: 'envoyproxy/envoy:v1.30.1' });
    expect(constructErrors(chart).map((e) => e.message)).toEqual([
      "sidecar 'proxy' is a classic sidecar (a container beside the main one), which runs until it exits on its own, so the Job's pod would never complete; make it native (Kubernetes 1.29+, or sidecarFeatureGate: true on a 1.28 cluster with the SidecarContainers gate), or make it exit after the main container and set sidecarsExitOnTheirOwn: true.",
    ]);
    const app = new App();
    app.node.setContext('podwright:k8sVersion', '1.29');
    const native = new Job(new Chart(app, 'c'), 'j', { containers: [{ image: IMAGE }] });
    native.addSidecar({ name: 'proxy', image: 'envoyproxy/envoy:v1.30.1' });
    expect(constructErrors(app)).toEqual([]);
    expect(Chart.of(native).toJson()[0].spec.template.spec.initContainers[0]).toMatchObject({ name: 'proxy', restartPolicy: 'Always' });
  });

  test('probes and containers added after construction land in the output', () => {
    const { chart, job } = make({});
    job.addContainer({ image: IMAGE, ports: [{ number: 8080, name: 'http' }], readinessProbe: Probe.httpGet('/ready', 'http') });
    const c = jobOf(chart).spec.template.spec.containers[0];
    expect(c.readinessProbe.httpGet.port).toBe('http');
  });
});

/**
 * Why rendering through KubeJob with Lazy lost quantities: the L1 converters
 * (cdk8s-plus-28 lib/imports/k8s.js, toJson_ResourceRequirements and friends) read
 * `.value` of each `Quantity` and `IntOrString`. Given the pod's Kubernetes JSON
 * (`pod.toJson()`), the quantity is the plain string '100m', whose `.value` is undefined,
 * and the converter drops undefined entries: `limits: {}`, silently. The L1 shape
 * (`pod.render()`, what `PodWorkload.podTemplate()` places) keeps them.
 */
describe('resource quantities through L1 objects', () => {
  const resources = { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '64Mi' } };

  test('the pod JSON through KubeJob loses them (the trap); the L1 shape keeps them', () => {
    const chart = Testing.chart();
    const pod = new SecurePod(chart, 'p', { containers: [{ image: IMAGE, resources, ports: [{ number: 8080, name: 'http' }], readinessProbe: Probe.httpGet('/', 'http') }] });
    new k8s.KubeJob(chart, 'json', { spec: { template: { spec: Lazy.any({ produce: () => pod.pod.toJson() }) } } });
    new k8s.KubeJob(chart, 'l1', { spec: { template: { spec: Lazy.any({ produce: () => pod.pod.render() }) } } });
    const [json, l1] = Testing.synth(chart).filter((o: Obj) => o.kind === 'Job').map((o: Obj) => o.spec.template.spec.containers[0]);
    expect(json.resources).toEqual({ limits: {}, requests: {} });
    expect(json.readinessProbe.httpGet.port).toBeUndefined();
    expect(l1.resources).toEqual({ limits: { memory: '64Mi' }, requests: { cpu: '100m', memory: '64Mi' } });
    expect(l1.readinessProbe.httpGet.port).toBe('http');
  });

  test('Job keeps them, in Testing.synth and in the files PodwrightApp writes', () => {
    const { chart } = make({ containers: [{ image: IMAGE, resources }] });
    expect(jobOf(chart).spec.template.spec.containers[0].resources).toEqual({ limits: { memory: '64Mi' }, requests: { cpu: '100m', memory: '64Mi' } });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podwright-job-'));
    try {
      const app = new PodwrightApp({ outdir: path.join(dir, 'dist'), config: {}, log: () => undefined });
      new Job(new Chart(app, 'batch'), 'migrate', { containers: [{ image: IMAGE, resources }] });
      app.synth();
      const written = YAML.parse(fs.readFileSync(path.join(dir, 'dist', 'batch.k8s.yaml'), 'utf8')) as Obj;
      expect(written.spec.template.spec.containers[0].resources).toEqual({ limits: { memory: '64Mi' }, requests: { cpu: '100m', memory: '64Mi' } });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
