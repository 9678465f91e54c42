import { Chart, Testing } from 'cdk8s';
import { EnvFrom, LifecycleHandler, Probe, ReplicatedApp, SecurePod, SharedVolumePod, SidecarPod, Volume, validate } from '../../lib';

/**
 * "No combination of props yields YAML the server would reject without podwright saying
 * so first, with the construct path": random props (seeded, so failures reproduce), each
 * combination either refused by the construct with its path in the message, or rendered
 * into objects in which the engine finds no error.
 */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const LEVELS = ['restricted', 'baseline', 'privileged'] as const;

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

/** Mostly a good value, sometimes (one time in sixteen) a bad one. */
function either<T>(r: () => number, good: readonly T[], bad: readonly T[]): T {
  return r() < 0.0625 ? pick(r, bad) : pick(r, good);
}

const NAMES = { good: ['app', 'web', 'sidecar', 'metrics', 'proxy'], bad: ['App', 'a_b', 'x'.repeat(70), ''] };
const IMAGES = { good: ['nginx:1.27', 'ghcr.io/acme/app:1.0', 'busybox'], bad: [''] };
const PORT_NAMES = { good: ['http', 'metrics', 'grpc', undefined], bad: ['HTTP', 'a-very-long-port-name', 'x--y'] };
const PORTS = { good: [80, 8080, 9090], bad: [0, 70000] };
const QUANTITIES = { good: ['100m', '128Mi', '1', '0.5'], bad: ['-1', '1 core'] };

const SECRET_NAMES = { good: ['regcred', 'mirror.cred'], bad: ['Reg_Cred', ''] };
const ANNOTATION_KEYS = { good: ['prometheus.io/scrape', 'sidecar.istio.io/inject', 'vault.hashicorp.com/agent-inject'], bad: ['bad key', 'podwright.io/pod-security', 'podwright.io/config-hash'] };
const LABEL_VALUES = { good: ['shop', 'v1.2', 'a_b-c'], bad: ['a b', '-x', 'x'.repeat(64)] };
const IPS = { good: ['10.0.0.5', '::1', '192.168.1.1'], bad: ['10.0.0.300', 'db', ''] };
const HOSTNAMES = { good: ['db.internal', 'cache'], bad: ['DB_local', ''] };
const TOLERATIONS: { readonly good: readonly unknown[]; readonly bad: readonly unknown[] } = {
  good: [{ key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoSchedule' }, { operator: 'Exists' }, { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }],
  bad: [{ key: 'gpu', operator: 'Exists', value: 'yes' }, { key: 'gpu', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 30 }, { operator: 'Equal', value: 'x' }],
};
const AFFINITIES: { readonly good: readonly unknown[]; readonly bad: readonly unknown[] } = {
  good: [{ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] }] }] } } },
    { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'cache' } } } }] } }],
  bad: [{ nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In' }] }] } } },
    { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 500, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname' } }] } }],
};
const DNS: { readonly good: readonly object[]; readonly bad: readonly object[] } = {
  good: [{ dnsPolicy: 'None', dnsConfig: { nameservers: ['10.96.0.10'], options: [{ name: 'ndots', value: '2' }] } }, { dnsPolicy: 'ClusterFirst', dnsConfig: { searches: ['svc.local'] } }, { dnsPolicy: 'Default' }],
  bad: [{ dnsPolicy: 'None' }, { dnsConfig: { nameservers: ['1.1.1.1', '1.0.0.1', '8.8.8.8', '8.8.4.4'] } }, { dnsConfig: { options: [{ name: '' }] } }],
};
const STORAGE = { good: ['1Gi', '500Mi'], bad: ['1 GB', '2mi'] };

/** The pod-wide settings, each present about half of the time, mostly good. */
function podSettings(r: () => number): Record<string, unknown> {
  const maybe = <T>(make: () => T): T | undefined => (r() < 0.25 ? make() : undefined);
  return {
    imagePullSecrets: maybe(() => [either(r, SECRET_NAMES.good, SECRET_NAMES.bad)]),
    annotations: maybe(() => ({ [either(r, ANNOTATION_KEYS.good, ANNOTATION_KEYS.bad)]: 'true' })),
    recommendedLabels: maybe(() => ({ component: either(r, LABEL_VALUES.good, LABEL_VALUES.bad), partOf: pick(r, LABEL_VALUES.good) })),
    labels: maybe(() => ({ team: either(r, LABEL_VALUES.good, LABEL_VALUES.bad) })),
    serviceAccountName: maybe(() => either(r, ['web', 'app.sa'], ['Web_SA'])),
    nodeSelector: maybe(() => ({ [either(r, ['kubernetes.io/os', 'disktype'], ['disk type'])]: either(r, ['linux', 'ssd'], ['a b']) })),
    affinity: maybe(() => either(r, AFFINITIES.good, AFFINITIES.bad)),
    tolerations: maybe(() => [either(r, TOLERATIONS.good, TOLERATIONS.bad)]),
    priorityClassName: maybe(() => either(r, ['high-priority'], ['High_Prio'])),
    terminationGracePeriodSeconds: maybe(() => either(r, [0, 30, 120], [-1, 2.5])),
    hostAliases: maybe(() => [{ ip: either(r, IPS.good, IPS.bad), hostnames: [either(r, HOSTNAMES.good, HOSTNAMES.bad)] }]),
    ...(maybe(() => either(r, DNS.good, DNS.bad)) ?? {}),
    scratchDir: maybe(() => pick(r, [true, false, { shared: true }, { path: '/scratch' }])),
  };
}

/** envFrom, lifecycle hooks and ephemeral storage for one container. */
function containerSettings(r: () => number, port: number, portName: string | undefined): Record<string, unknown> {
  const maybe = <T>(make: () => T): T | undefined => (r() < 0.2 ? make() : undefined);
  const handler = () => pick(r, [
    () => LifecycleHandler.exec(either(r, [['/bin/drain'], ['sh', '-c', 'sleep 5']], [[]])),
    () => LifecycleHandler.httpGet('/drain', either(r, [port, portName ?? port], ['HTTP_port', 70000]), { scheme: pick(r, [undefined, 'HTTP', 'HTTPS'] as const) }),
  ])();
  return {
    envFrom: maybe(() => [pick(r, [
      () => EnvFrom.configMap(either(r, ['app-config'], ['Bad_Name']), { prefix: either(r, [undefined, 'APP_'], ['1=']) }),
      () => EnvFrom.secret(either(r, ['app-secrets'], ['Bad_Name']), { optional: r() < 0.5 }),
    ])()]),
    lifecycle: maybe(() => ({ postStart: r() < 0.5 ? handler() : undefined, preStop: r() < 0.7 ? handler() : undefined })),
    preStopSleepSeconds: maybe(() => pick(r, [5, 10])),
    resources: maybe(() => pick(r, [
      () => ({ preset: pick(r, ['nano', 'small', 'large'] as const), cpuLimit: r() < 0.5, ephemeralStorage: r() < 0.5 ? either(r, STORAGE.good, STORAGE.bad) : undefined }),
      () => ({ requests: { cpu: '100m', memory: '64Mi', ephemeralStorage: either(r, STORAGE.good, STORAGE.bad) }, limits: { memory: '64Mi', ephemeralStorage: either(r, STORAGE.good, STORAGE.bad) } }),
    ])()),
  };
}

function containerProps(r: () => number) {
  const port = either(r, PORTS.good, PORTS.bad);
  const portName = either(r, PORT_NAMES.good, PORT_NAMES.bad);
  const probeKind = pick(r, ['none', 'http', 'tcp', 'exec', 'grpc']);
  const probe = probeKind === 'http' ? Probe.httpGet('/', portName ?? port)
    : probeKind === 'tcp' ? Probe.tcp(port)
      : probeKind === 'exec' ? Probe.exec(['true'], { successThreshold: either(r, [1], [2]) })
        : probeKind === 'grpc' ? Probe.grpc(port) : undefined;
  const settings = containerSettings(r, port, portName);
  return {
    name: either(r, NAMES.good, NAMES.bad),
    image: either(r, IMAGES.good, IMAGES.bad),
    ports: r() < 0.8 ? [{ number: port, name: portName }] : [],
    envFrom: settings.envFrom as EnvFrom[] | undefined,
    lifecycle: settings.lifecycle as { postStart?: LifecycleHandler; preStop?: LifecycleHandler } | undefined,
    preStopSleepSeconds: settings.preStopSleepSeconds as number | undefined,
    resources: settings.resources !== undefined ? settings.resources as any : r() < 0.5 ? { requests: { cpu: either(r, QUANTITIES.good, QUANTITIES.bad), memory: either(r, QUANTITIES.good, QUANTITIES.bad) }, limits: { memory: either(r, QUANTITIES.good, QUANTITIES.bad) } } : undefined,
    readinessProbe: probe,
    livenessProbe: r() < 0.3 ? probe : undefined,
    securityContext: r() < 0.2 ? { privileged: r() < 0.3, runAsUser: either(r, [1000], [0, -5]), addCapabilities: r() < 0.5 ? [either(r, ['NET_BIND_SERVICE'], ['SYS_ADMIN', 'CHOWN'])] : [] } : undefined,
    env: r() < 0.3 ? { [either(r, ['MODE', 'PASS_WORD'], ['1BAD', ''])]: 'x' } : undefined,
  };
}

function attempt(seed: number): { refused: string } | { objects: unknown[] } {
  const r = rng(seed);
  const chart: Chart = Testing.chart();
  const level = pick(r, LEVELS);
  try {
    const kind = pick(r, ['SecurePod', 'SidecarPod', 'ReplicatedApp', 'SharedVolumePod']);
    const settings = podSettings(r) as any;
    if (kind === 'SecurePod' || kind === 'SharedVolumePod') {
      const Ctor = kind === 'SecurePod' ? SecurePod : SharedVolumePod;
      const pod = new Ctor(chart, 'subject', { ...settings, security: { level, runAsUser: either(r, [undefined, 1000], [0, -1]) }, containers: [containerProps(r)] });
      if (r() < 0.5) pod.addContainer({ ...containerProps(r), name: either(r, ['second'], NAMES.bad), ports: [] });
      if (r() < 0.3) pod.addVolume(r() < 0.8 ? Volume.emptyDir(either(r, ['data', 'cache'], ['Data', '']), { sizeLimit: either(r, QUANTITIES.good, QUANTITIES.bad) }) : Volume.hostPath('host', '/var'));
    } else if (kind === 'SidecarPod') {
      const pod = new SidecarPod(chart, 'subject', { ...settings, security: { level }, main: containerProps(r) });
      pod.addSidecar({ ...containerProps(r), name: either(r, ['side'], NAMES.bad), ports: either(r, [[]], [[{ number: 8080 }]]) });
      if (r() < 0.5) pod.addLogShipper({ ...containerProps(r), name: either(r, ['shipper'], NAMES.bad), ports: [], logDir: either(r, ['/var/log/app'], ['relative/path', '/tmp']) });
    } else {
      const { name, image, ...main } = containerProps(r);
      new ReplicatedApp(chart, 'subject', {
        ...settings,
        spread: pick(r, [undefined, 'antiAffinity', 'none'] as const),
        security: { level },
        image,
        containerName: name,
        ...main,
        replicas: either(r, [0, 1, 2, 3], [-1]),
        strategy: r() < 0.5 ? { type: 'RollingUpdate', maxSurge: either(r, [1, '25%'], [0, '150%']), maxUnavailable: either(r, [0, 1, '25%'], ['150%']) } : undefined,
        minReadySeconds: pick(r, [undefined, 0, 30]),
        progressDeadlineSeconds: either(r, [undefined, 600], [10]),
        disruptionBudget: r() < 0.3 ? { minAvailable: pick(r, [1, 2, 5, '50%']) } : undefined,
        service: r() < 0.5,
      });
    }
    return { objects: Testing.synth(chart) };
  } catch (e) {
    return { refused: (e as Error).message };
  }
}

test.each(Array.from({ length: 300 }, (_, i) => i + 1))('random props, seed %i: refused with the construct path, or valid', (seed) => {
  const result = attempt(seed);
  if ('refused' in result) {
    expect(result.refused).toMatch(/test\/subject/);
    return;
  }
  const errors = validate(result.objects.map((object) => ({ object }))).findings.filter((f) => f.severity === 'error');
  expect(errors.map((f) => `${f.ruleId} ${f.path}: ${f.message}`)).toEqual([]);
});

test('the random props exercise both outcomes', () => {
  const outcomes = Array.from({ length: 300 }, (_, i) => attempt(i + 1));
  const refused = outcomes.filter((o) => 'refused' in o).length;
  expect(refused).toBeGreaterThan(50);
  expect(outcomes.length - refused).toBeGreaterThan(50);
});
