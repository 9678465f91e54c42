import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { EnvValue, PodwrightApp, SharedVolumePod, Volume, validate } from '../../lib';

const findingsOf = (objects: unknown[]) => validate(objects.map((object) => ({ object }))).findings;

describe('SharedVolumePod', () => {
  test("the seed's shared-storage-pod in a few lines", () => {
    const c = Testing.chart();
    const pod = new SharedVolumePod(c, 'shared-storage-pod', { metadata: { name: 'shared-storage-pod' }, security: { level: 'baseline' } });
    const html = Volume.emptyDir('shared-data');
    pod.addContainer({ name: 'app1', image: 'nginx:1.27', mounts: [{ volume: html, path: '/usr/share/nginx/html' }] });
    pod.addContainer({ name: 'app2', image: 'busybox:1.36', command: ['sh', '-c', 'echo hi > /data/index.html; sleep 3600'], mounts: [{ volume: html, path: '/data' }] });
    const manifests = Testing.synth(c);
    expect(manifests).toMatchSnapshot();
    const spec = manifests[0].spec;
    expect(spec.volumes).toEqual([{ name: 'shared-data', emptyDir: {} }]);
    expect(spec.containers[0].volumeMounts).toEqual([{ name: 'shared-data', mountPath: '/usr/share/nginx/html' }]);
    expect(spec.containers[1].volumeMounts).toEqual([{ name: 'shared-data', mountPath: '/data' }]);
    expect(findingsOf(manifests).filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('every volume source renders', () => {
    const c = Testing.chart();
    const pod = new SharedVolumePod(c, 'p');
    const app = pod.addContainer({ name: 'app', image: 'a:1' });
    const side = pod.addSidecar({ name: 'side', image: 'b:1' });
    pod.share(Volume.emptyDir('cache', { medium: 'Memory', sizeLimit: '128Mi' }), [{ container: app, path: '/cache' }, { container: side, path: '/cache', readOnly: true }]);
    pod.share(Volume.configMap('conf', 'app-config', { items: [{ key: 'app.yaml', path: 'app.yaml' }], defaultMode: 0o444 }), [{ container: app, path: '/etc/app/app.yaml', subPath: 'app.yaml', readOnly: true }]);
    pod.share(Volume.secret('tls', { name: 'web-tls' }, { optional: true }), [{ container: app, path: '/etc/tls', readOnly: true }]);
    pod.share(Volume.persistentVolumeClaim('data', 'web-data'), [{ container: app, path: '/data' }]);
    pod.share(Volume.projected('bundle', [
      { configMap: 'ca', items: [{ key: 'ca.crt', path: 'ca.crt' }] },
      { secret: 'creds' },
      { downwardAPI: [{ path: 'labels', fieldPath: 'metadata.labels' }] },
    ]), [{ container: app, path: '/bundle', readOnly: true }]);
    const [m] = Testing.synth(c);
    expect(m.spec.volumes).toEqual([
      { name: 'scratch-app', emptyDir: { sizeLimit: '64Mi' } },
      { name: 'scratch-side', emptyDir: { sizeLimit: '64Mi' } },
      { name: 'cache', emptyDir: { medium: 'Memory', sizeLimit: '128Mi' } },
      { name: 'conf', configMap: { name: 'app-config', items: [{ key: 'app.yaml', path: 'app.yaml' }], defaultMode: 0o444 } },
      { name: 'tls', secret: { secretName: 'web-tls', optional: true } },
      { name: 'data', persistentVolumeClaim: { claimName: 'web-data' } },
      { name: 'bundle', projected: { sources: [
        { configMap: { name: 'ca', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { secret: { name: 'creds' } },
        { downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
      ] } },
    ]);
    expect(m.spec.containers[0].volumeMounts).toContainEqual({ name: 'conf', mountPath: '/etc/app/app.yaml', subPath: 'app.yaml', readOnly: true });
    expect(findingsOf([m]).filter((f) => f.severity === 'error')).toEqual([]);
    expect(pod.pod.references).toEqual([
      { kind: 'ConfigMap', name: 'app-config' },
      { kind: 'Secret', name: 'web-tls' },
      { kind: 'PersistentVolumeClaim', name: 'web-data' },
      { kind: 'ConfigMap', name: 'ca' },
      { kind: 'Secret', name: 'creds' },
    ]);
  });

  test('two mounts on one path in a container throw', () => {
    const pod = new SharedVolumePod(Testing.chart(), 'p');
    const app = pod.addContainer({ name: 'app', image: 'a:1', mounts: [{ volume: Volume.emptyDir('a'), path: '/data' }] });
    expect(() => app.mount('/data', Volume.emptyDir('b'))).toThrow(
      "SharedVolumePod 'test/p': container 'app' mounts both volume 'a' and volume 'b' at /data; mount paths must be unique in a container.",
    );
  });

  test('two different volumes with one name throw', () => {
    const pod = new SharedVolumePod(Testing.chart(), 'p', { volumes: [Volume.emptyDir('data')] });
    expect(() => pod.addVolume(Volume.emptyDir('data'))).toThrow(
      "SharedVolumePod 'test/p': volume name 'data' is already used by another volume; give each volume its own name.",
    );
  });

  test("'scratch-<container>' is reserved while the scratch directory is on", () => {
    const c = Testing.chart();
    new SharedVolumePod(c, 'p', { volumes: [Volume.emptyDir('scratch-main')], containers: [{ image: 'a:1' }] });
    expect(() => Testing.synth(c)).toThrow("SharedVolumePod 'test/p': volume name 'scratch-main' is reserved for the scratch directory; rename your volume or set scratchDir: false.");
  });

  test('env values from ConfigMaps, Secrets and fields', () => {
    const c = Testing.chart();
    new SharedVolumePod(c, 'p', {
      containers: [{ image: 'a:1', env: { MODE: 'prod', DB_PASSWORD: EnvValue.fromSecret('db', 'password'), LEVEL: EnvValue.fromConfigMap('cfg', 'level'), POD: EnvValue.fromField('metadata.name') } }],
    });
    const [m] = Testing.synth(c);
    expect(m.spec.containers[0].env).toEqual([
      { name: 'MODE', value: 'prod' },
      { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
      { name: 'LEVEL', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'level' } } },
      { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
    ]);
  });
});

test('a volume nobody mounts is a warning at synth, naming the construct', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'podwright-unused-'));
  const lines: string[] = [];
  const app = new PodwrightApp({ outdir, log: (l) => lines.push(l), config: {} });
  const pod = new SharedVolumePod(new Chart(app, 'c'), 'p', { volumes: [Volume.emptyDir('cache')], containers: [{ image: 'a:1' }] });
  expect(pod.pod.volumes.map((v) => v.name)).toEqual(['cache']);
  app.synth(); // a warning does not stop the synth
  const warning = lines.find((l) => /  volume-unused\n/.test(l));
  expect(warning).toContain('c/p/Resource');
  expect(warning).toContain('volume "cache" is declared but no container mounts it');
  expect(warning).toMatch(/^c\/p\/Resource  warning /);
  fs.rmSync(outdir, { recursive: true, force: true });
});
