import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { checkDebugProfile, DebugProfiles, PodwrightApp, SecurePod } from '../../lib';
import { podSpecOf } from '../../lib/debug/debug-profile';
import { addStaticExamples } from '../../apps/static';
import { MultiContainerChart, NginxChart, SecurePodChart, SharedStorageChart } from '../../apps/seed';

function seedApp(): App {
  const app = Testing.app();
  new NginxChart(app, 'seed-nginx');
  new MultiContainerChart(app, 'seed-multi-container-pod');
  new SharedStorageChart(app, 'seed-shared-storage-pod');
  new SecurePodChart(app, 'seed-secure-pod');
  addStaticExamples(app);
  return app;
}

describe('DebugProfiles over the example app', () => {
  const app = seedApp();
  const profiles = app.node.findChild('debug-profiles') as DebugProfiles;
  const entries = profiles.entries();

  test('one profile per seed pod; the static Pod gets none', () => {
    expect(entries.map((e) => e.file)).toEqual([
      'pod-multi-container-pod.json', 'pod-nginx.json', 'pod-secure-pod.json', 'pod-shared-storage-pod.json',
    ]);
  });

  test('every emitted profile passes checkDebugProfile at its pod\'s level (and at restricted)', () => {
    const objects = app.node.findAll().filter((c): c is k8s.KubePod => c instanceof k8s.KubePod).map((c) => c.toJson());
    expect(objects).toHaveLength(entries.length);
    for (const e of entries) {
      const obj = objects.find((o) => o.metadata.name === e.name)!;
      expect(checkDebugProfile(e.profile, podSpecOf(obj), e.level as 'baseline', { target: e.target })).toEqual([]);
      expect(checkDebugProfile(e.profile, podSpecOf(obj), 'restricted', { target: e.target }).filter((i) => i.path.startsWith('spec.ephemeralContainers') || i.message.includes('"debugger"'))).toEqual([]);
    }
  });

  test('targets the app container, not the sidecar; uses the pod\'s user; mounts what the target mounts, read-only', () => {
    const byName = Object.fromEntries(entries.map((e) => [e.name, e]));
    expect(byName['multi-container-pod']!.target).toBe('web');
    expect(byName['secure-pod']!.profile).toMatchObject({ securityContext: { runAsUser: 1000, runAsGroup: 3000, runAsNonRoot: true } });
    expect(byName['shared-storage-pod']!.target).toBe('app1');
    expect(byName['shared-storage-pod']!.profile.volumeMounts).toEqual([{ name: 'shared-data', mountPath: '/usr/share/nginx/html', readOnly: true }]);
  });

  test('side files: one JSON file per pod plus README.md with the exact commands', () => {
    const files = profiles.sideFiles();
    expect(files.map((f) => f.file)).toEqual([...entries.map((e) => e.file), 'README.md']);
    expect(new Set(files.map((f) => f.folder))).toEqual(new Set(['debug-profiles']));
    expect(JSON.parse(files[0]!.content)).toEqual(entries[0]!.profile);
    const readme = files.at(-1)!.content;
    expect(readme).toContain('kubectl debug nginx -it --image=busybox:1.36 --target=nginx --profile=restricted --custom=debug-profiles/pod-nginx.json');
    expect(readme).toContain('KUBECTL_DEBUG_CUSTOM_PROFILE=true');
    expect(readme).toContain('Static Pods have no profile');
    expect(readme).toMatchSnapshot();
  });
});

describe('DebugProfiles options and workloads', () => {
  test('a Deployment: the command picks a pod by the selector; namespace and image are used', () => {
    const app = Testing.app();
    const c = new Chart(app, 'c', { namespace: 'shop' });
    new k8s.KubeDeployment(c, 'web', {
      metadata: { name: 'web' },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [{ name: 'app', image: 'a:1', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }],
          },
        },
      },
    });
    const profiles = new DebugProfiles(app, 'debug', { image: 'nicolaka/netshoot:v0.13', folder: 'dbg' });
    const [e] = profiles.entries();
    expect(e!.file).toBe('deployment-web.json');
    expect(e!.namespace).toBe('shop');
    expect(e!.level).toBe('restricted');
    expect(e!.command).toEqual([
      "POD=$(kubectl get pods -n shop -l app=web -o jsonpath='{.items[0].metadata.name}')",
      'kubectl debug -n shop "$POD" -it --image=nicolaka/netshoot:v0.13 --target=app --profile=restricted --custom=dbg/deployment-web.json',
    ]);
    expect(profiles.sideFiles().every((f) => f.folder === 'dbg')).toBe(true);
  });

  test('scope: only the given chart\'s pods', () => {
    const app = Testing.app();
    const a = new Chart(app, 'a');
    const b = new Chart(app, 'b');
    new SecurePod(a, 'one', { metadata: { name: 'one' }, containers: [{ image: 'a:1' }] });
    new SecurePod(b, 'two', { metadata: { name: 'two' }, containers: [{ image: 'a:1' }] });
    expect(new DebugProfiles(app, 'd', { scope: b }).entries().map((e) => e.name)).toEqual(['two']);
    expect(new DebugProfiles(a, 'd', { folder: 'other' }).entries().map((e) => e.name)).toEqual(['one']);
  });

  test('two DebugProfiles writing one folder is an error', () => {
    const app = Testing.app();
    new DebugProfiles(app, 'one');
    expect(() => new DebugProfiles(app, 'two')).toThrow(
      "DebugProfiles 'two': folder 'debug-profiles' is already written by DebugProfiles 'one'; attach one DebugProfiles to the app, or give this one another folder.",
    );
  });

  test('a pod that breaks its own promised level gets no profile: synth throws, naming the object', () => {
    const app = Testing.app();
    const c = new Chart(app, 'c');
    new k8s.KubePod(c, 'bad', {
      metadata: { name: 'bad', annotations: { 'podwright.io/pod-security': 'baseline' } },
      spec: { containers: [{ name: 'app', image: 'a:1', securityContext: { privileged: true } }] },
    });
    const profiles = new DebugProfiles(app, 'd');
    expect(() => profiles.sideFiles()).toThrow(
      "DebugProfiles 'c/bad': the debug profile for Pod 'bad' would not be admitted at the baseline level: privileged (container \"app\" must not set securityContext.privileged=true) at spec.containers[0].securityContext.privileged.",
    );
  });

  test('PodwrightApp.synth writes the folder beside dist/', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'podwright-debug-'));
    const app = new PodwrightApp({ outdir: path.join(root, 'dist'), config: {}, log: () => undefined });
    new NginxChart(app, 'seed-nginx');
    new DebugProfiles(app, 'debug-profiles');
    app.synth();
    expect(fs.readdirSync(path.join(root, 'debug-profiles')).sort()).toEqual(['README.md', 'pod-nginx.json']);
    expect(fs.readdirSync(path.join(root, 'dist'))).toEqual(['seed-nginx.k8s.yaml']);
    fs.rmSync(root, { recursive: true, force: true });
  });
});
