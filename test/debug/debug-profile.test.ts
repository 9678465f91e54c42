import { Testing } from 'cdk8s';
import { checkDebugProfile, debugProfileFor, SecurePod, SidecarPod, Volume } from '../../lib';
import { debugTargetOf, promisedLevel } from '../../lib/debug/debug-profile';

const restrictedContext = (user: number, group?: number) => ({
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  runAsNonRoot: true,
  runAsUser: user,
  seccompProfile: { type: 'RuntimeDefault' },
  ...(group !== undefined ? { runAsGroup: group } : {}),
});

describe('debugProfileFor', () => {
  test('a restricted PodDefinition: the pod\'s user and group, its mounts read-only', () => {
    const web = new SecurePod(Testing.chart(), 'web', {
      security: { runAsUser: 1000, runAsGroup: 3000 },
      containers: [{ name: 'app', image: 'nginxinc/nginx-unprivileged:1.27' }],
    });
    web.pod.mainContainers[0]!.mount('/cache', Volume.emptyDir('cache'));
    expect(debugProfileFor(web.pod)).toEqual({
      securityContext: restrictedContext(1000, 3000),
      volumeMounts: [
        { name: 'cache', mountPath: '/cache', readOnly: true },
        { name: 'scratch-app', mountPath: '/tmp', readOnly: true },
      ],
    });
  });

  test('a pod without a user runs the debugger as 65532; no mounts, no volumeMounts key', () => {
    const spec = { containers: [{ name: 'nginx', image: 'nginx:1.14.2' }] };
    expect(debugProfileFor(spec)).toEqual({ securityContext: restrictedContext(65532) });
  });

  test('the target container\'s own user wins over the pod\'s; options.runAsUser wins over both', () => {
    const spec = { securityContext: { runAsUser: 1000 }, containers: [{ name: 'a', image: 'a:1', securityContext: { runAsUser: 2000 } }] };
    expect((debugProfileFor(spec).securityContext as any).runAsUser).toBe(2000);
    expect((debugProfileFor(spec, { runAsUser: 4242 }).securityContext as any).runAsUser).toBe(4242);
  });

  test('mounts that use subPath are left out (ephemeral containers may not use subPath)', () => {
    const spec = { containers: [{ name: 'a', image: 'a:1', volumeMounts: [
      { name: 'conf', mountPath: '/etc/app/app.conf', subPath: 'app.conf' },
      { name: 'data', mountPath: '/data' },
    ] }], volumes: [{ name: 'conf', emptyDir: {} }, { name: 'data', emptyDir: {} }] };
    expect(debugProfileFor(spec).volumeMounts).toEqual([{ name: 'data', mountPath: '/data', readOnly: true }]);
  });

  test('a Pod object, a Deployment and a CronJob', () => {
    const podSpec = { containers: [{ name: 'a', image: 'a:1', volumeMounts: [{ name: 'v', mountPath: '/v' }] }], volumes: [{ name: 'v', emptyDir: {} }] };
    const expected = { securityContext: restrictedContext(65532), volumeMounts: [{ name: 'v', mountPath: '/v', readOnly: true }] };
    expect(debugProfileFor({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: podSpec })).toEqual(expected);
    expect(debugProfileFor({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { template: { spec: podSpec } } })).toEqual(expected);
    expect(debugProfileFor({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' }, spec: { jobTemplate: { spec: { template: { spec: podSpec } } } } })).toEqual(expected);
  });

  test('target: the first main container of a PodDefinition (rendered first, before classic sidecars), the default-container annotation, or the first container', () => {
    const p = new SidecarPod(Testing.chart(), 'p', { main: { name: 'web', image: 'nginx:1.27' }, sidecars: [{ name: 'logger', image: 'fluent/fluentd:v1.17-1' }], security: { level: 'baseline' } });
    expect((p.pod.toJson() as any).containers[0].name).toBe('web');
    expect(debugTargetOf(p.pod)).toBe('web');
    const pod = (annotations: Record<string, string>) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', annotations },
      spec: { containers: [{ name: 'side', image: 'a:1' }, { name: 'app', image: 'b:1' }] } });
    expect(debugTargetOf(pod({ 'kubectl.kubernetes.io/default-container': 'app' }))).toBe('app');
    expect(debugTargetOf(pod({}))).toBe('side');
    expect(debugTargetOf(pod({}), 'app')).toBe('app');
  });

  test('errors: an unknown target, a root user, something without a pod spec', () => {
    const spec = { containers: [{ name: 'a', image: 'a:1' }] };
    expect(() => debugProfileFor(spec, { target: 'b' })).toThrow("debugProfileFor: target container 'b' is not one of the pod's containers (a); name one of them.");
    expect(() => debugProfileFor({ containers: [{ name: 'a', image: 'a:1', securityContext: { runAsUser: 0 } }] })).toThrow(
      "debugProfileFor: container 'a' runs as root (runAsUser 0), and a restricted debug container must not; pass options.runAsUser with a non-root user.",
    );
    expect(() => debugProfileFor({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: {} })).toThrow(
      "debugProfileFor: Service 's' holds no pod spec; pass a Pod, a workload or a pod spec.",
    );
    expect(() => debugProfileFor({ spec: {} })).toThrow('debugProfileFor: expected a PodDefinition, a Pod, a workload or a pod spec with containers.');
    expect(() => debugProfileFor({ containers: [] })).toThrow('debugProfileFor: the pod has no containers to target.');
  });
});

describe('checkDebugProfile', () => {
  const restrictedPod = {
    securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [{ name: 'app', image: 'a:1', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } }, volumeMounts: [{ name: 'v', mountPath: '/v' }] }],
    volumes: [{ name: 'v', emptyDir: {} }],
  };

  test('the profile debugProfileFor() makes passes restricted, baseline and privileged', () => {
    const profile = debugProfileFor(restrictedPod);
    for (const level of ['restricted', 'baseline', 'privileged'] as const) {
      expect(checkDebugProfile(profile, restrictedPod, level)).toEqual([]);
    }
  });

  test('an empty profile (kubectl\'s legacy default container) is refused at restricted, with the Pod Security rules\' findings', () => {
    const issues = checkDebugProfile({}, restrictedPod, 'restricted');
    expect(issues.map((i) => i.ruleId)).toEqual(['pss-allow-privilege-escalation', 'pss-capabilities-restricted']);
    expect(issues[0]!.path).toBe('spec.ephemeralContainers[0].securityContext.allowPrivilegeEscalation');
    expect(issues[0]!.message).toBe('allowPrivilegeEscalation != false (container "debugger" must set securityContext.allowPrivilegeEscalation=false)');
    expect(checkDebugProfile({}, restrictedPod, 'baseline')).toEqual([]);
  });

  test('a privileged profile is refused at baseline', () => {
    const issues = checkDebugProfile({ securityContext: { privileged: true } }, restrictedPod, 'baseline');
    expect(issues).toEqual([{ ruleId: 'pss-privileged', path: 'spec.ephemeralContainers[0].securityContext.privileged', message: 'privileged (container "debugger" must not set securityContext.privileged=true)' }]);
  });

  test('fields kubectl --custom or the API server refuse, subPath, and unknown volumes', () => {
    const profile = {
      ...debugProfileFor(restrictedPod),
      image: 'busybox', ports: [{ containerPort: 80 }], lifecycle: {},
      volumeMounts: [{ name: 'v', mountPath: '/v', subPath: 'x', readOnly: true }, { name: 'nope', mountPath: '/n' }],
    };
    expect(checkDebugProfile(profile, restrictedPod, 'restricted').map((i) => `${i.path}: ${i.message}`)).toEqual([
      'image: image is not modifiable via a kubectl debug custom profile (kubectl refuses name, command, image, lifecycle and volumeDevices)',
      'lifecycle: lifecycle is not modifiable via a kubectl debug custom profile (kubectl refuses name, command, image, lifecycle and volumeDevices)',
      'ports: ports: cannot be set for an Ephemeral Container',
      'volumeMounts[0].subPath: subPath: cannot be set for an Ephemeral Container',
      'volumeMounts[1].name: volume "nope" is not a volume of the pod',
    ]);
  });

  test('promisedLevel reads podwright\'s annotation on the object or its template', () => {
    expect(promisedLevel({ kind: 'Pod', metadata: { annotations: { 'podwright.io/pod-security': 'baseline' } }, spec: { containers: [] } })).toBe('baseline');
    expect(promisedLevel({ kind: 'Deployment', metadata: {}, spec: { template: { metadata: { annotations: { 'podwright.io/pod-security': 'privileged' } }, spec: { containers: [] } } } })).toBe('privileged');
    expect(promisedLevel({ kind: 'Pod', metadata: {}, spec: { containers: [] } }, 'baseline')).toBe('baseline');
  });
});
