import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, DependencyGraph, Lazy, Yaml, YamlOutputType } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Node } from 'constructs';
import { Probe, PodwrightApp, SidecarPod } from '../../lib';
import { fastSynthApplies, SYNTH_WRITER_ENV } from '../../lib/synth/fast-synth';

const ROOT = path.join(__dirname, '..', '..');

function files(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of fs.readdirSync(dir).sort()) out[name] = fs.readFileSync(path.join(dir, name), 'utf8');
  return out;
}

const made: string[] = [];
afterAll(() => { for (const d of made) fs.rmSync(d, { recursive: true, force: true }); });

function tmpdir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podwright-fast-synth-'));
  made.push(dir);
  return dir;
}

describe('PodwrightApp fast synth', () => {
  test('dist/ of every example app (apps/main.ts) is byte-identical to cdk8s\'s own writer', () => {
    const base = tmpdir();
    const run = (outdir: string, env: Record<string, string>) => execFileSync(
      process.execPath, ['-r', './scripts/register.js', 'apps/main.ts'],
      { cwd: ROOT, env: { ...process.env, CDK8S_OUTDIR: outdir, ...env }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    run(path.join(base, 'fast'), {});
    run(path.join(base, 'cdk8s'), { [SYNTH_WRITER_ENV]: 'cdk8s' });
    const fast = files(path.join(base, 'fast'));
    expect(Object.keys(fast).length).toBeGreaterThanOrEqual(4);
    expect(fast).toEqual(files(path.join(base, 'cdk8s')));
    fs.rmSync(base, { recursive: true, force: true });
  });

  /**
   * Synthesizes the app `make` builds twice, with the fast writer into `<base>/fast` and
   * with cdk8s's own writer into `<base>/cdk8s`; returns the files of both.
   */
  function bothWays(base: string, make: (outdir: string) => App): { fast: Record<string, string>; reference: Record<string, string> } {
    make(path.join(base, 'fast')).synth();
    process.env[SYNTH_WRITER_ENV] = 'cdk8s';
    try {
      const refApp = make(path.join(base, 'cdk8s'));
      expect(fastSynthApplies(refApp)).toBe(false);
      refApp.synth();
    } finally {
      delete process.env[SYNTH_WRITER_ENV];
    }
    return { fast: files(path.join(base, 'fast')), reference: files(path.join(base, 'cdk8s')) };
  }

  function build(outdir: string, validate = true): PodwrightApp {
    const app = new PodwrightApp({ outdir, log: () => undefined, validate });
    for (const c of ['one', 'two']) {
      const chart = new Chart(app, c);
      for (let i = 0; i < 3; i++) {
        const pod = new SidecarPod(chart, `pod-${i}`, {
          security: { level: 'restricted' },
          main: { name: 'app', image: 'registry.example.com/app:1.2.3', ports: [{ number: 8080, name: 'http' }], readinessProbe: Probe.httpGet('/healthz', 8080) },
        });
        pod.addLogShipper({ name: 'shipper', image: 'fluent/fluent-bit:3.1' });
      }
    }
    return app;
  }

  test('in process: same files both ways; toJson and Yaml.save are restored after synth', () => {
    const base = tmpdir();
    const save = Yaml.save;
    const synthChart = (App as unknown as { _synthChart: unknown })._synthChart;
    const nodeValidate = Node.prototype.validate;
    let fastApp: PodwrightApp | undefined;
    const { fast, reference } = bothWays(base, (outdir) => {
      const app = build(outdir);
      if (!fastApp) {
        fastApp = app;
        expect(fastSynthApplies(app)).toBe(true);
      }
      return app;
    });
    expect(Yaml.save).toBe(save);
    expect((App as unknown as { _synthChart: unknown })._synthChart).toBe(synthChart);
    for (const c of fastApp!.node.findAll()) {
      if (ApiObject.isApiObject(c)) expect(Object.prototype.hasOwnProperty.call(c, 'toJson')).toBe(false);
      expect(Object.prototype.hasOwnProperty.call(c.node, 'validate')).toBe(false);
    }
    expect(Object.getPrototypeOf(fastApp!.node).validate).toBe(nodeValidate);
    expect(Object.prototype.hasOwnProperty.call(fastApp, 'charts')).toBe(false);
    expect(Object.keys(fast)).toEqual(['one.k8s.yaml', 'two.k8s.yaml']);
    expect(fast).toEqual(reference);
    fs.rmSync(base, { recursive: true, force: true });
  });

  test('without validation (validate: false) the fast writer gives the same files too', () => {
    const base = tmpdir();
    const { fast, reference } = bothWays(base, (outdir) => build(outdir, false));
    expect(Object.keys(fast)).toEqual(['one.k8s.yaml', 'two.k8s.yaml']);
    expect(fast).toEqual(reference);
    fs.rmSync(base, { recursive: true, force: true });
  });

  test('a failing object leaves the previous output untouched, even though objects are validated as they are written', () => {
    const base = tmpdir();
    const outdir = path.join(base, 'dist');
    fs.mkdirSync(outdir);
    fs.writeFileSync(path.join(outdir, 'one.k8s.yaml'), 'previous\n');
    const app = build(outdir);
    // Written last in its chart, so earlier objects were already streamed into the temporary folder.
    new k8s.KubePod(Chart.of(app.node.findChild('two')), 'bad', { metadata: { name: 'bad' }, spec: { containers: [{ name: 'a', image: 'a:1', securityContext: { privileged: true } }] } });
    expect(() => app.synth()).toThrow(/^podwright: \d+ errors?, .*, \d+ at or above 'error'; nothing was written/);
    expect(files(outdir)).toEqual({ 'one.k8s.yaml': 'previous\n' });
    expect(fs.readdirSync(base)).toEqual(['dist']); // the temporary folder is gone
    fs.rmSync(base, { recursive: true, force: true });
  });

  test('chart.toJson() called from a Lazy while objects are streamed gets real JSON', () => {
    const base = tmpdir();
    const app = new PodwrightApp({ outdir: path.join(base, 'dist'), log: () => undefined });
    const source = new Chart(app, 'source');
    new k8s.KubeConfigMap(source, 'cm', { metadata: { name: 'cm' }, data: { a: 'b' } });
    const reader = new Chart(app, 'reader');
    new k8s.KubeConfigMap(reader, 'count', {
      metadata: { name: 'count' },
      data: Lazy.any({ produce: () => ({ kinds: source.toJson().map((o: { kind: string }) => o.kind).join(',') }) }),
    });
    app.synth();
    expect(fs.readFileSync(path.join(base, 'dist', 'reader.k8s.yaml'), 'utf8')).toContain('kinds: ConfigMap');
    fs.rmSync(base, { recursive: true, force: true });
  });

  test('chart and object order match cdk8s with dependencies, nested charts and array-index paths', () => {
    const base = tmpdir();
    const build2 = (outdir: string) => {
      const app = new PodwrightApp({ outdir, log: () => undefined, config: { rules: { 'reference-not-in-output': 'off' } } });
      const cm = (scope: Chart, id: string) => new k8s.KubeConfigMap(scope, id, { metadata: { name: `cm-${id}`.toLowerCase() }, data: { id } });
      // Chart ids that are array indexes sort first in cdk8s's vertex table.
      const ten = new Chart(app, '10');
      const seven = new Chart(app, '7');
      const named = new Chart(app, 'named');
      for (const id of ['b', '3', 'a', '1']) cm(ten, id);
      cm(seven, 'x');
      const first = cm(named, 'first');
      const second = cm(named, 'second');
      first.node.addDependency(second); // second is written first
      const inner = new Chart(named, 'inner');
      cm(inner, 'inner-cm');
      return app;
    };
    const { fast, reference } = bothWays(base, build2);
    expect(Object.keys(fast).length).toBe(4);
    expect(fast).toEqual(reference);
    // Ids that are array indexes come first in a construct's children.
    expect(Object.values(fast).find((t) => t.includes('cm-1'))).toMatch(/cm-1[\s\S]*cm-3[\s\S]*cm-b[\s\S]*cm-a/);
    fs.rmSync(base, { recursive: true, force: true });
  });

  test('without dependencies, object order is tree order (no dependency graph is built)', () => {
    const base = tmpdir();
    const build3 = (outdir: string) => {
      const app = new PodwrightApp({ outdir, log: () => undefined, config: { rules: { 'reference-not-in-output': 'off' } } });
      const chart = new Chart(app, 'c');
      for (const id of ['z', '2', 'y', '0', 'x']) new k8s.KubeConfigMap(chart, id, { metadata: { name: `cm-${id}` }, data: { id } });
      return app;
    };
    const topology = jest.spyOn(DependencyGraph.prototype, 'topology');
    build3(path.join(base, 'fast')).synth();
    expect(topology).not.toHaveBeenCalled();
    topology.mockRestore();
    const { fast, reference } = bothWays(base, build3);
    expect(fast).toEqual(reference);
    const names = [...fs.readFileSync(path.join(base, 'fast', 'c.k8s.yaml'), 'utf8').matchAll(/name: (cm-\w+)/g)].map((m) => m[1]);
    // constructs keeps children in an object keyed by id, so ids '0' and '2' come first in findAll's tree order.
    expect(names).toEqual(['cm-0', 'cm-2', 'cm-z', 'cm-y', 'cm-x']);
    fs.rmSync(base, { recursive: true, force: true });
  });

  test('other output types keep cdk8s unchanged', () => {
    const app = new PodwrightApp({ outdir: tmpdir(), yamlOutputType: YamlOutputType.FILE_PER_RESOURCE, log: () => undefined });
    expect(fastSynthApplies(app)).toBe(false);
  });
});
