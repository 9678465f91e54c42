/**
 * The synth gate fails closed: every API object the charts hold reaches the engine,
 * whichever copy of cdk8s made it and however it was changed (escape hatches), or
 * nothing is written. The packed-install version of the skew test is scripts/e2e.sh.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Chart, JsonPatch } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { IConstruct } from 'constructs';
import { PodwrightApp, ReplicatedApp, SecurePod, ValidationError } from '../../lib';

type Cdk8s = typeof import('cdk8s');

const dirs: string[] = [];
function outdir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'podwright-fail-closed-'));
  dirs.push(d);
  return path.join(d, 'dist');
}
afterAll(() => { for (const d of dirs) fs.rmSync(d, { recursive: true, force: true }); });

/** A second module instance of cdk8s: what npm's nested copy is at run time. */
function secondCopy(): Cdk8s {
  let copy: Cdk8s | undefined;
  jest.isolateModules(() => { copy = require('cdk8s') as Cdk8s; });
  expect(copy!.Chart).not.toBe(Chart);
  return copy!;
}

/** Adds `hostNetwork: true` to the pod template of every Deployment under `scope`, as an escape hatch. */
function patchHostNetwork(scope: IConstruct): void {
  const deployments = scope.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c) && c.kind === 'Deployment');
  expect(deployments).toHaveLength(1);
  for (const d of deployments) d.addJsonPatch(JsonPatch.add('/spec/template/spec/hostNetwork', true));
}

/** Synthesizes; returns the error and the printed lines, and checks nothing was written on error. */
function synth(app: PodwrightApp, lines: string[]): unknown {
  try {
    app.synth();
  } catch (e) {
    expect(fs.existsSync(app.outdir)).toBe(false);
    return e;
  }
  expect(lines.join('\n')).not.toMatch(/^\S+  error /m);
  return undefined;
}

function restrictedWeb(chart: IConstruct): ReplicatedApp {
  return new ReplicatedApp(chart as Chart, 'web', {
    image: 'registry.example.com/web:1.0.0',
    ports: [{ number: 8080, name: 'http' }],
  });
}

describe('fail closed', () => {
  test('charts of another copy of cdk8s: a restricted Deployment patched with hostNetwork fails synth', () => {
    const other = secondCopy();
    const lines: string[] = [];
    const app = new PodwrightApp({ outdir: outdir(), log: (l) => lines.push(l) });
    const chart = new other.Chart(app, 'other');
    const web = restrictedWeb(chart);
    const d = web.node.findAll().find((c) => other.ApiObject.isApiObject(c) && (c as ApiObject).kind === 'Deployment') as unknown as InstanceType<Cdk8s['ApiObject']>;
    d.addJsonPatch(other.JsonPatch.add('/spec/template/spec/hostNetwork', true));

    const err = synth(app, lines);
    expect(err).toBeInstanceOf(ValidationError);
    const text = lines.join('\n');
    expect(text).toMatch(/^other  info    comes from another copy of cdk8s than podwright's own .*  cdk8s-copies\n  fix: Install one copy/m);
    expect(text).toMatch(/^other\/web\/Resource  error   Deployment\/\S+ spec\.template\.spec\.hostNetwork: .*  pss-host-namespaces$/m);
  });

  test('charts of another copy of cdk8s: a clean app still synthesizes (through the reference writer)', () => {
    const other = secondCopy();
    const lines: string[] = [];
    const app = new PodwrightApp({ outdir: outdir(), log: (l) => lines.push(l) });
    new SecurePod(new other.Chart(app, 'other'), 'web', { containers: [{ image: 'registry.example.com/web:1.0.0' }] });
    expect(synth(app, lines)).toBeUndefined();
    expect(fs.readFileSync(path.join(app.outdir, 'other.k8s.yaml'), 'utf8')).toContain('kind: Pod');
  });

  test('one copy: every object reaches the engine, escape hatches included', () => {
    const lines: string[] = [];
    const app = new PodwrightApp({ outdir: outdir(), log: (l) => lines.push(l) });
    const chart = new Chart(app, 'c');
    patchHostNetwork(restrictedWeb(chart));
    // An L1 object and a raw ApiObject podwright did not build, each with a host namespace.
    new k8s.KubePod(chart, 'l1', {
      metadata: { name: 'l1' },
      spec: { hostPid: true, containers: [{ name: 'a', image: 'registry.example.com/a:1.0.0' }] },
    });
    new ApiObject(chart, 'raw', {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'raw' },
      spec: { hostIPC: true, containers: [{ name: 'a', image: 'registry.example.com/a:1.0.0' }] },
    } as never);
    // A SecurePod whose rendered spec is patched after construction.
    const pod = new SecurePod(chart, 'pod', { containers: [{ image: 'registry.example.com/p:1.0.0' }] });
    const podObject = pod.node.findAll().find((c): c is ApiObject => ApiObject.isApiObject(c))!;
    podObject.addJsonPatch(JsonPatch.add('/spec/containers/0/securityContext/privileged', true));

    expect(synth(app, lines)).toBeInstanceOf(ValidationError);
    const errors = lines.filter((l) => /^\S+  error /.test(l));
    expect(errors.some((l) => /^c\/web\/Resource .*hostNetwork.*  pss-host-namespaces/.test(l))).toBe(true);
    expect(errors.some((l) => /^c\/l1 .*hostPID.*  pss-host-namespaces/.test(l))).toBe(true);
    expect(errors.some((l) => /^c\/raw .*hostIPC.*  pss-host-namespaces/.test(l))).toBe(true);
    // privileged beside the pod's allowPrivilegeEscalation: false is refused by the API server
    // first (security-context), which reports it once for Pod Security too (issue 14).
    expect(errors.some((l) => /^c\/pod\/\S+ .*privileged.*  security-context/.test(l))).toBe(true);
  });

  test('an object the writer renders without the engine seeing it: nothing is written, the error names cause and fix', () => {
    const lines: string[] = [];
    const app = new PodwrightApp({ outdir: outdir(), log: (l) => lines.push(l) });
    // A chart that renders its objects itself, past cdk8s's App._synthChart (where the hooks are).
    class OwnWriterChart extends Chart {
      override toJson(): unknown[] {
        return this.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c)).map((o) => o.toJson());
      }
    }
    patchHostNetwork(restrictedWeb(new OwnWriterChart(app, 'own')));
    const err = synth(app, lines) as Error;
    expect(err).toBeInstanceOf(ValidationError);
    expect(lines[0]).toMatch(/^own\/web\/Resource  error   2 API object\(s\) were rendered but not validated: .*  synth-unchecked\n  fix: Install one copy/);
    expect(lines[1]).toMatch(/^podwright: 1 error \(2 API object\(s\) not validated\); nothing was written to /);
    expect(err.message).toMatch(/^podwright: 2 API object\(s\) were rendered but not validated \(first: 'own\/web\/Resource'\); nothing was written to .*\. Cause: .* Fix: Install one copy of cdk8s and constructs/);
  });
});
