import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import {
  PodwrightApp, PodWorkload, PodWorkloadProps, ReplicatedApp, ReplicatedAppProps, SecurePod, SecurePodProps, StaticPod, ValidationError,
  Volume,
} from '../../lib';
import { constructErrors } from '../../lib/synth/podwright-app';
import { validate } from '../../lib/validation/engine';

/**
 * Extension points a platform team's construct library uses: protected hooks meant for
 * overriding, internals that a subclass cannot replace by accident, shared pod features
 * on the common base, and composition that keeps the outer construct's names.
 */
type Obj = Record<string, any>;
const IMAGE = 'ghcr.io/acme/web:1.4.2';
const HTTP = { number: 8080, name: 'http' };
const messages = (scope: Construct) => constructErrors(scope).map((e) => e.message);
const engineErrors = (chart: Chart) => validate(Testing.synth(chart).map((object: unknown) => ({ object }))).findings
  .filter((f) => f.severity === 'error').map((f) => `${f.ruleId} ${f.path}`);

/** A company's app: its own `props` and `validate()`, which TypeScript refused (TS2415) and JavaScript let replace the base's. */
class AcmeApp extends ReplicatedApp {
  readonly props: { readonly team: string };
  constructor(scope: Construct, id: string, props: ReplicatedAppProps & { readonly team: string }) {
    super(scope, id, props);
    this.props = { team: props.team };
    this.node.addValidation({ validate: () => this.validate() });
  }

  validate(): string[] {
    return this.props.team === '' ? ['AcmeApp needs a team.'] : [];
  }

  /** Hook: a company label and annotation on every pod. */
  protected override podTemplateMetadata(): k8s.ObjectMeta {
    const meta = super.podTemplateMetadata();
    return { ...meta, labels: { ...meta.labels, 'acme.com/team': this.props.team }, annotations: { ...meta.annotations, 'acme.com/owner': this.props.team } };
  }
}

describe('a ReplicatedApp subclass', () => {
  test('its own props and validate() add to the built-in checks, not replace them', () => {
    const chart = Testing.chart();
    new AcmeApp(chart, 'web', { image: IMAGE, ports: [HTTP], team: '', service: { ports: [{ targetPort: 'metrics', port: 80 }] } });
    const errors = messages(chart);
    expect(errors).toContain('AcmeApp needs a team.');
    // The built-in Service check still runs, with its own message.
    expect(errors.some((m) => m.includes("'metrics'"))).toBe(true);
    expect(errors).toHaveLength(2);
  });

  test('the podTemplateMetadata hook adds labels and annotations', () => {
    const chart = Testing.chart();
    new AcmeApp(chart, 'web', { image: IMAGE, team: 'payments' });
    const deployment = Testing.synth(chart).find((o: Obj) => o.kind === 'Deployment')!;
    expect(deployment.spec.template.metadata.labels).toMatchObject({ 'acme.com/team': 'payments', 'app.kubernetes.io/name': 'web' });
    expect(deployment.spec.template.metadata.annotations).toEqual({ 'acme.com/owner': 'payments' });
    expect(messages(chart)).toEqual([]);
    expect(engineErrors(chart)).toEqual([]);
  });

  test('a hook that drops the selector labels is an error at synth', () => {
    class Bare extends ReplicatedApp {
      protected override podTemplateMetadata(): k8s.ObjectMeta {
        return { labels: { app: 'other' } };
      }
    }
    const chart = Testing.chart();
    new Bare(chart, 'web', { image: IMAGE });
    expect(messages(chart)).toEqual([
      "the pod template's label 'app.kubernetes.io/name' is missing, but the selector needs 'web', so the workload would not own its pods; keep the selector labels in podTemplateMetadata().",
      expect.stringMatching(/^the pod template's label 'app.kubernetes.io\/instance' is missing, but the selector needs 'test-web-[0-9a-f]{8}', so the workload/),
    ]);
  });

  test('the renderPodSpec hook changes what renders; spreading stays', () => {
    class WithHosts extends ReplicatedApp {
      protected override renderPodSpec(): k8s.PodSpec {
        return { ...super.renderPodSpec(), hostAliases: [{ ip: '10.0.0.1', hostnames: ['db.internal'] }] };
      }
    }
    const chart = Testing.chart();
    new WithHosts(chart, 'web', { image: IMAGE });
    const spec = Testing.synth(chart).find((o: Obj) => o.kind === 'Deployment')!.spec.template.spec;
    expect(spec.hostAliases).toEqual([{ hostnames: ['db.internal'], ip: '10.0.0.1' }]);
    expect(spec.topologySpreadConstraints).toHaveLength(2);
    expect(engineErrors(chart)).toEqual([]);
  });
});

/** A subclass whose hook breaks the promised level. */
class HostPod extends SecurePod {
  constructor(scope: Construct, id: string, props: SecurePodProps = {}) {
    super(scope, id, props);
  }

  protected override renderPodSpec(): k8s.PodSpec {
    return { ...super.renderPodSpec(), hostNetwork: true };
  }
}

describe('a hook that breaks the security level keeps every built-in check', () => {
  test('outside PodwrightApp: a construct error naming the field and the level', () => {
    const chart = Testing.chart();
    new HostPod(chart, 'p', { containers: [{ image: IMAGE }] });
    expect(messages(chart)).toEqual([
      'the rendered pod spec sets hostNetwork: host namespaces (hostNetwork=true), which the restricted level forbids; remove hostNetwork, hostPID and hostIPC from the pod spec, or set them to false (check renderPodSpec()), or choose a less strict level.',
    ]);
  });

  test('under PodwrightApp: the engine refuses it at the level the object declares', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podwright-hook-'));
    try {
      // The app's configured level is privileged; the object's annotation still says restricted.
      const app = new PodwrightApp({ outdir: path.join(dir, 'dist'), config: { podSecurity: 'privileged' }, log: () => undefined });
      new HostPod(new Chart(app, 'c'), 'p', { containers: [{ image: IMAGE }] });
      let error: unknown;
      try {
        app.synth();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).report.findings.filter((f) => f.severity === 'error').map((f) => `${f.ruleId} ${f.path}`))
        .toEqual(['pss-host-namespaces spec.hostNetwork']);
      expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** A library's own workload kind on the pod seam: the documented way. */
class DaemonSet extends PodWorkload {
  readonly apiObject: k8s.KubeDaemonSet;
  constructor(scope: Construct, id: string, props: PodWorkloadProps = {}) {
    super(scope, id, { typeName: 'DaemonSet', restartPolicy: 'Always', defaultResources: 'small' }, props);
    const selector = { 'app.kubernetes.io/name': this.labels['app.kubernetes.io/name']!, 'app.kubernetes.io/instance': this.labels['app.kubernetes.io/instance']! };
    this.apiObject = new k8s.KubeDaemonSet(this, 'Resource', {
      metadata: this.objectMetadata,
      spec: { selector: { matchLabels: selector }, template: this.podTemplate() },
    });
  }
}

describe('PodWorkload: a pod in any other workload kind', () => {
  test('renders the pod with its level annotation, labels and quantities; the engine finds nothing', () => {
    const chart = Testing.chart();
    const ds = new DaemonSet(chart, 'agent', { containers: [{ image: 'ghcr.io/acme/agent:0.9.1', resources: { requests: { cpu: '50m', memory: '32Mi' }, limits: { memory: '32Mi' } } }] });
    ds.addLogShipper({ name: 'shipper', image: 'fluent/fluent-bit:3.1' });
    const out = Testing.synth(chart)[0];
    expect(out.kind).toBe('DaemonSet');
    expect(out.metadata.annotations).toEqual({ 'podwright.io/pod-security': 'restricted' });
    expect(out.spec.template.metadata.labels).toMatchObject({ 'app.kubernetes.io/name': 'agent', 'app.kubernetes.io/version': '0.9.1' });
    expect(out.spec.template.spec.containers[0].resources).toEqual({ limits: { memory: '32Mi' }, requests: { cpu: '50m', memory: '32Mi' } });
    expect(out.spec.template.spec.containers[1].name).toBe('shipper');
    expect(engineErrors(chart)).toEqual([]);
    expect(messages(chart)).toEqual([]);
  });

  test('the seam\'s checks hold: at once for containers, at synth for the whole pod', () => {
    const chart = Testing.chart();
    const ds = new DaemonSet(chart, 'agent');
    expect(() => ds.addContainer({ image: 'x:1', securityContext: { privileged: true } as never })).toThrow("DaemonSet 'test/agent': container 'main'");
    expect(messages(chart)).toEqual(['DaemonSet has no main container; add one with addContainer() (a pod needs at least one container).']);
  });
});

describe('composition: a construct inside another takes its names from the outer one', () => {
  class AcmeService extends Construct {
    readonly app: ReplicatedApp;
    constructor(scope: Construct, id: string) {
      super(scope, id);
      this.app = new ReplicatedApp(this, 'Default', { image: IMAGE, ports: [HTTP], service: true });
    }
  }

  test('with the id Default: no extra path level in names, and app.kubernetes.io/name is the outer id', () => {
    const chart = Testing.chart();
    const svc = new AcmeService(chart, 'checkout');
    const objects = Testing.synth(chart);
    expect(objects.map((o: Obj) => o.kind).sort()).toEqual(['Deployment', 'PodDisruptionBudget', 'Service']);
    for (const o of objects) {
      expect(o.metadata.name).toMatch(/^test-checkout-([a-z]+-)?[0-9a-f]{8}$/);
      expect(o.metadata.name).not.toContain('default');
      expect(o.metadata.labels['app.kubernetes.io/name']).toBe('checkout');
    }
    expect(objects.find((o: Obj) => o.kind === 'Deployment')!.metadata.name).toMatch(/^test-checkout-[0-9a-f]{8}$/);
    expect(svc.node.defaultChild).toBe(svc.app);
    // A named child keeps its own id, as before.
    const other = Testing.chart();
    new ReplicatedApp(new Construct(other, 'checkout'), 'app', { image: IMAGE });
    expect(Testing.synth(other)[0].metadata.labels['app.kubernetes.io/name']).toBe('app');
  });
});

describe('a StaticPod subclass', () => {
  /** Members named like StaticPod's internals, which TypeScript refused (TS2415) and JavaScript let replace them. */
  class NodeAgent extends StaticPod {
    readonly metadata = { owner: 'platform' };
    referenceErrors(): string[] {
      return [];
    }
    error(message: string): string {
      return message;
    }
  }

  test('keeps the built-in reference check and its own metadata', () => {
    const chart = Testing.chart();
    const agent = new NodeAgent(chart, 'agent', { containers: [{ image: 'ghcr.io/acme/agent:0.9.1' }] });
    expect(agent.metadata).toEqual({ owner: 'platform' });
    expect(agent.toJson()).toMatchObject({ metadata: { name: 'agent', namespace: 'kube-system' } });
    expect(() => agent.addVolume(Volume.configMap('cfg', 'agent-config'))).toThrow("StaticPod 'test/agent': the pod refers to ConfigMap 'agent-config'");
  });
});
