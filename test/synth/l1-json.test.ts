import { ApiObject, App, Chart, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { k8s } from 'cdk8s-plus-28';
import * as replicatedApps from '../../apps/replicated';
import * as seed from '../../apps/seed';
import { Probe, ReplicatedApp } from '../../lib';
import { Conversion, convertL1, fieldsOf, l1Json, mirrorsCdk8s } from '../../lib/synth/l1-json';
import { rng } from '../fixtures/seeded';

const converters = k8s as unknown as Record<string, (obj: unknown) => unknown>;
const TYPES = Object.keys(converters).filter((n) => n.startsWith('toJson_')).map((n) => n.slice('toJson_'.length));


/** Random L1-shaped input for a converter, following the field list read from it. */
function sample(type: string, r: () => number, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fieldsOf(type) ?? []) {
    if (r() < 0.3) continue; // absent
    const v = value(f.conversion, r, depth);
    if (v !== undefined || r() < 0.5) out[f.prop] = v; // sometimes an explicit undefined
  }
  return out;
}

function prim(r: () => number): unknown {
  const x = r();
  if (x < 0.4) return `s${Math.floor(r() * 100)}`;
  if (x < 0.7) return Math.floor(r() * 1000) - 10;
  if (x < 0.85) return r() < 0.5;
  return r() < 0.5 ? '' : 0;
}

const MAP_KEYS = ['b', 'a', '10', '2', 'clusterIp', 'value', '__proto__', 'x.y/z'];

function map(r: () => number, each: () => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of MAP_KEYS) {
    if (r() < 0.5) continue;
    const v = r() < 0.15 ? undefined : each();
    if (k === '__proto__') Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    else out[k] = v;
  }
  return out;
}

function value(c: Conversion, r: () => number, depth: number): unknown {
  const nested = (type: string) => (depth >= 2 ? undefined : sample(type, r, depth + 1));
  switch (c.form) {
    case 'value': return prim(r);
    case 'struct': return nested(c.type);
    case 'structs': return depth >= 2 ? undefined : Array.from({ length: Math.floor(r() * 3) }, () => sample(c.type, r, depth + 1));
    case 'values': return Array.from({ length: Math.floor(r() * 3) }, () => prim(r));
    case 'map': return map(r, () => prim(r));
    case 'union': return { value: prim(r) };
    case 'unionMap': return map(r, () => ({ value: prim(r) }));
    case 'date': return new Date(Date.UTC(2024, 0, 1 + Math.floor(r() * 300)));
    case 'structMap': return depth >= 2 ? undefined : map(r, () => sample(c.type, r, depth + 1));
    case 'valuesMap': return map(r, () => [prim(r), prim(r)]);
  }
}

/** JSON text with own `__proto__` keys kept and undefined array items visible. */
function text(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (x === undefined ? '<undefined>' : x));
}

describe('l1Json: the generated L1 converters, by assignment', () => {
  test('the pinned cdk8s is the one the ApiObject mirror was written for (else it falls back to cdk8s\'s own toJson)', () => {
    expect(mirrorsCdk8s()).toBe(true);
  });

  test('every one of cdk8s-plus-28\'s converters is read (none falls back)', () => {
    expect(TYPES.length).toBe(440);
    expect(TYPES.filter((t) => !fieldsOf(t))).toEqual([]);
  });

  test('every converter gives the same JSON, key order included, on generated input (20 cases each)', () => {
    const r = rng(20261127);
    let compared = 0;
    for (const type of TYPES) {
      for (let i = 0; i < 20; i++) {
        const input = sample(type, r, 0);
        const expected = converters[`toJson_${type}`]!(input);
        const got = convertL1(type, input);
        expect(got).toBeDefined();
        if (text(got!.json) !== text(expected)) throw new Error(`toJson_${type} differs on ${text(input)}:\n${text(got!.json)}\n${text(expected)}`);
        compared++;
      }
    }
    expect(compared).toBe(440 * 20);
  });

  test('an own __proto__ map key stays an own key, as with the generated spread', () => {
    const labels = Object.defineProperty({ a: '1' }, '__proto__', { value: 'x', enumerable: true, writable: true, configurable: true });
    const got = convertL1('ObjectMeta', { labels })!.json as { labels: object };
    expect(Object.getPrototypeOf(got.labels)).toBe(Object.prototype);
    expect(Object.keys(got.labels)).toEqual(['a', '__proto__']);
    expect(text(got)).toBe(text(k8s.toJson_ObjectMeta({ labels })));
  });

  test('whole objects of podwright\'s constructs and of cdk8s-plus-28 render exactly as toJson()', () => {
    const app = new App();
    const chart = new Chart(app, 'c');
    const replicated = new ReplicatedApp(chart, 'web', {
      image: 'registry.example.com/web:1.0', ports: [{ number: 8080, name: 'http' }], readinessProbe: Probe.httpGet('/healthz', 8080),
      replicas: 3, service: true, security: { level: 'restricted' },
    });
    replicated.pod.shareDirectory('logs', '/var/log/app', replicated.main!, [replicated.addSidecar({ name: 'shipper', image: 'fluent/fluent-bit:3.1' })]);
    new ReplicatedApp(chart, 'db', {
      kind: 'StatefulSet', image: 'registry.example.com/db:1.0', ports: [{ number: 5432, name: 'pg' }], replicas: 3,
      statefulSet: { volumeClaims: [{ name: 'data', size: '1Gi', mountPath: '/data' }] },
    });
    // Every example chart that renders into dist/.
    const charts = [seed.NginxChart, seed.MultiContainerChart, seed.SharedStorageChart, seed.SecurePodChart,
      replicatedApps.SeedDeploymentChart, replicatedApps.WebAppChart, replicatedApps.CacheStatefulSetChart];
    charts.forEach((ChartClass, i) => new ChartClass(app, `example-${i}`));
    const vol = kplus.Volume.fromEmptyDir(chart, 'v', 'v', { sizeLimit: Size.mebibytes(64) });
    new kplus.Deployment(chart, 'plus', { replicas: 2 }).addContainer({ image: 'nginx:1.27', portNumber: 80, volumeMounts: [{ path: '/x', volume: vol }] });
    new k8s.KubeService(chart, 'svc', { spec: { clusterIp: 'None', ports: [{ port: 80, targetPort: k8s.IntOrString.fromString('http') }] } });
    const cm = new k8s.KubeConfigMap(chart, 'cm', { data: { '2': 'two', b: 'bee', a: 'a' } });
    cm.addJsonPatch(JsonPatch.add('/data/z', 'patched'), JsonPatch.remove('/data/a'));
    cm.metadata.addAnnotation('example.com/a', 'x');
    cm.metadata.add('generation', 3); // an additional metadata attribute
    const labelled = new Chart(app, 'labelled', { namespace: 'team-a', labels: { team: 'a' } });
    new k8s.KubeSecret(labelled, 'secret', { metadata: { name: 'given', labels: { extra: 'y' }, finalizers: ['example.com/f'] }, stringData: { k: 'v' } });
    const objects = app.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c));
    expect(objects.length).toBeGreaterThanOrEqual(15);
    for (const o of objects) {
      const fast = l1Json(o);
      expect(fast).toBeDefined();
      expect(text(fast)).toBe(text(o.toJson()));
    }
    expect(text(l1Json(cm))).toContain('"z":"patched"');
  });

  test('objects that are not plain L1 instances are left to their own toJson()', () => {
    const chart = new Chart(new App(), 'c');
    class Custom extends k8s.KubeConfigMap {
      override toJson(): any {
        return { ...super.toJson(), extra: true };
      }
    }
    expect(l1Json(new Custom(chart, 'custom', { data: { a: 'b' } }))).toBeUndefined();
    expect(l1Json(new ApiObject(chart, 'raw', { apiVersion: 'v1', kind: 'ConfigMap' }))).toBeUndefined();
  });

  test('a failure names the construct path, as ApiObject.toJson does', () => {
    const chart = new Chart(new App(), 'c');
    const bad = new k8s.KubeConfigMap(chart, 'bad', { data: { a: new Date(0) as unknown as string } });
    expect(() => bad.toJson()).toThrow("Failed serializing construct at path 'c/bad' with name 'c-bad-c8d1be2c': Error: can't render non-simple object of type 'Date'");
    expect(() => l1Json(bad)).toThrow("Failed serializing construct at path 'c/bad' with name 'c-bad-c8d1be2c': Error: can't render non-simple object of type 'Date'");
  });
});
