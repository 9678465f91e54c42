import { Chart, Testing } from 'cdk8s';
import { Probe, ReplicatedApp, SecurePod, SidecarPod, Volume, validate } from '../../lib';

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

function containerProps(r: () => number) {
  const port = either(r, PORTS.good, PORTS.bad);
  const portName = either(r, PORT_NAMES.good, PORT_NAMES.bad);
  const probeKind = pick(r, ['none', 'http', 'tcp', 'exec', 'grpc']);
  const probe = probeKind === 'http' ? Probe.httpGet('/', portName ?? port)
    : probeKind === 'tcp' ? Probe.tcp(port)
      : probeKind === 'exec' ? Probe.exec(['true'], { successThreshold: either(r, [1], [2]) })
        : probeKind === 'grpc' ? Probe.grpc(port) : undefined;
  return {
    name: either(r, NAMES.good, NAMES.bad),
    image: either(r, IMAGES.good, IMAGES.bad),
    ports: r() < 0.8 ? [{ number: port, name: portName }] : [],
    resources: r() < 0.5 ? { requests: { cpu: either(r, QUANTITIES.good, QUANTITIES.bad), memory: either(r, QUANTITIES.good, QUANTITIES.bad) }, limits: { memory: either(r, QUANTITIES.good, QUANTITIES.bad) } } : undefined,
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
    const kind = pick(r, ['SecurePod', 'SidecarPod', 'ReplicatedApp']);
    if (kind === 'SecurePod') {
      const pod = new SecurePod(chart, 'subject', { security: { level, runAsUser: either(r, [undefined, 1000], [0, -1]) }, containers: [containerProps(r)] });
      if (r() < 0.5) pod.addContainer({ ...containerProps(r), name: either(r, ['second'], NAMES.bad), ports: [] });
      if (r() < 0.3) pod.addVolume(r() < 0.8 ? Volume.emptyDir(either(r, ['data', 'cache'], ['Data', '']), { sizeLimit: either(r, QUANTITIES.good, QUANTITIES.bad) }) : Volume.hostPath('host', '/var'));
    } else if (kind === 'SidecarPod') {
      const pod = new SidecarPod(chart, 'subject', { security: { level }, main: containerProps(r) });
      pod.addSidecar({ ...containerProps(r), name: either(r, ['side'], NAMES.bad), ports: either(r, [[]], [[{ number: 8080 }]]) });
      if (r() < 0.5) pod.addLogShipper({ ...containerProps(r), name: either(r, ['shipper'], NAMES.bad), ports: [], logDir: either(r, ['/var/log/app'], ['relative/path', '/tmp']) });
    } else {
      const { name, image, ...main } = containerProps(r);
      new ReplicatedApp(chart, 'subject', {
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
