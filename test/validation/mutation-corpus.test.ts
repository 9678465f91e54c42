import { validate } from '../../lib/validation/engine';
import { resolveConfig } from '../../lib/validation/config';
import { RULES } from '../../lib/validation/rules';
import { Finding, PodSecurityLevel } from '../../lib/validation/types';

/**
 * The mutation corpus: valid manifests of every pod-bearing kind, each mutated with
 * one defect at a time. Every mutant must be caught with the expected rule at the
 * expected field path (as the API server or Pod Security Admission would report it),
 * and every unmutated manifest must raise no error.
 */
type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const podSpec = (): Obj => ({
  automountServiceAccountToken: false,
  securityContext: { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, seccompProfile: { type: 'RuntimeDefault' } },
  initContainers: [{
    name: 'init', image: 'busybox:1.36', command: ['true'],
    resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '16Mi' } },
    securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
  }],
  containers: [{
    name: 'app', image: 'ghcr.io/acme/app:1.4.2',
    ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
    env: [{ name: 'MODE', value: 'prod' }, { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
    readinessProbe: { httpGet: { path: '/ready', port: 'http' }, periodSeconds: 5 },
    livenessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 10 },
    securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
    volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }, { name: 'config', mountPath: '/etc/app', readOnly: true }],
  }],
  volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }, { name: 'config', configMap: { name: 'app-config' } }],
});

const labels = { 'app.kubernetes.io/name': 'app', 'app.kubernetes.io/instance': 'app' };
const template = (restartPolicy?: string): Obj => {
  const spec = podSpec();
  if (restartPolicy) spec.restartPolicy = restartPolicy;
  return { metadata: { labels: { ...labels } }, spec };
};

/** The valid bases, each with the path of its pod spec. */
const BASES: { name: string; make: () => Obj; spec: string[] }[] = [
  { name: 'Pod', make: () => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'app', labels: { ...labels } }, spec: podSpec() }), spec: ['spec'] },
  { name: 'Deployment', make: () => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'app' }, spec: { replicas: 1, selector: { matchLabels: { ...labels } }, template: template() } }), spec: ['spec', 'template', 'spec'] },
  { name: 'StatefulSet', make: () => ({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'app' }, spec: { serviceName: 'app', replicas: 1, selector: { matchLabels: { ...labels } }, template: template() } }), spec: ['spec', 'template', 'spec'] },
  { name: 'DaemonSet', make: () => ({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'app' }, spec: { selector: { matchLabels: { ...labels } }, template: template() } }), spec: ['spec', 'template', 'spec'] },
  { name: 'Job', make: () => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'app' }, spec: { template: template('Never') } }), spec: ['spec', 'template', 'spec'] },
  { name: 'CronJob', make: () => ({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'app' }, spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: template('OnFailure') } } } }), spec: ['spec', 'jobTemplate', 'spec', 'template', 'spec'] },
];

/** Removes the Linux-only settings of the base pod (a Windows pod must not set them), keeping runAsUser. */
const windowsOnly = (s: Obj): void => {
  delete s.securityContext.seccompProfile;
  delete s.securityContext.fsGroup;
  delete s.securityContext.runAsGroup;
  for (const c of [...s.initContainers, ...s.containers]) {
    delete c.securityContext.capabilities;
    delete c.securityContext.allowPrivilegeEscalation;
    delete c.securityContext.readOnlyRootFilesystem;
  }
};

/** One defect in a pod spec: how to make it, the rule that must catch it, the path relative to the pod spec. */
const POD_MUTATIONS: { name: string; mutate: (s: Obj) => void; rule: string; path: string; level?: PodSecurityLevel }[] = [
  { name: 'container name with a capital', mutate: (s) => { s.containers[0].name = 'App'; }, rule: 'container-name', path: 'containers[0].name' },
  { name: 'duplicate container name across init and app (the server reports the init container)', mutate: (s) => { s.initContainers[0].name = 'app'; }, rule: 'container-name', path: 'initContainers[0].name' },
  { name: 'missing image', mutate: (s) => { delete s.containers[0].image; }, rule: 'container-image-required', path: 'containers[0].image' },
  { name: 'containerPort 0', mutate: (s) => { s.containers[0].ports[0].containerPort = 0; }, rule: 'container-ports', path: 'containers[0].ports[0].containerPort' },
  { name: 'containerPort 70000', mutate: (s) => { s.containers[0].ports[0].containerPort = 70000; }, rule: 'container-ports', path: 'containers[0].ports[0].containerPort' },
  { name: 'port name longer than 15', mutate: (s) => { s.containers[0].ports[0].name = 'http-management-port'; s.containers[0].readinessProbe.httpGet.port = 8080; }, rule: 'container-ports', path: 'containers[0].ports[0].name' },
  { name: 'duplicate port name', mutate: (s) => { s.containers[0].ports.push({ name: 'http', containerPort: 9090 }); }, rule: 'container-ports', path: 'containers[0].ports[1].name' },
  { name: 'containerPort as a string', mutate: (s) => { s.containers[0].ports[0].containerPort = '8080'; }, rule: 'schema-type', path: 'containers[0].ports[0].containerPort' },
  { name: 'protocol outside the enum', mutate: (s) => { s.containers[0].ports[0].protocol = 'HTTP'; }, rule: 'container-ports', path: 'containers[0].ports[0].protocol' },
  { name: 'typo in a field name', mutate: (s) => { s.containers[0].imagePullPolicyy = 'Always'; }, rule: 'schema-unknown-field', path: 'containers[0].imagePullPolicyy' },
  { name: 'imagePullPolicy outside the enum', mutate: (s) => { s.containers[0].imagePullPolicy = 'Sometimes'; }, rule: 'schema-enum', path: 'containers[0].imagePullPolicy' },
  { name: 'env name starting with a digit', mutate: (s) => { s.containers[0].env[0].name = '1MODE'; }, rule: 'env-var', path: 'containers[0].env[0].name' },
  { name: 'env value and valueFrom', mutate: (s) => { s.containers[0].env[1].value = 'x'; }, rule: 'env-var', path: 'containers[0].env[1].valueFrom' },
  { name: 'env fieldRef to an unsupported path', mutate: (s) => { s.containers[0].env[1].valueFrom.fieldRef.fieldPath = 'spec.containers'; }, rule: 'env-var', path: 'containers[0].env[1].valueFrom.fieldRef.fieldPath' },
  { name: 'volumeMount naming no volume', mutate: (s) => { s.containers[0].volumeMounts[1].name = 'missing'; }, rule: 'volume-mounts', path: 'containers[0].volumeMounts[1].name' },
  { name: 'two mounts on one path', mutate: (s) => { s.containers[0].volumeMounts[1].mountPath = '/tmp'; }, rule: 'volume-mounts', path: 'containers[0].volumeMounts[1].mountPath' },
  { name: 'subPath with ..', mutate: (s) => { s.containers[0].volumeMounts[1].subPath = '../etc'; }, rule: 'volume-mounts', path: 'containers[0].volumeMounts.subPath' },
  { name: 'duplicate volume name', mutate: (s) => { s.volumes[1].name = 'tmp'; s.containers[0].volumeMounts[1].name = 'tmp'; s.containers[0].volumeMounts[1].mountPath = '/etc/app'; }, rule: 'volume-definition', path: 'volumes[1].name' },
  { name: 'volume with two sources', mutate: (s) => { s.volumes[0].configMap = { name: 'x' }; }, rule: 'volume-definition', path: 'volumes[0].configMap' },
  // A volume with no source is no defect: the server defaults it to emptyDir (issue 11). A flexVolume needs a driver.
  { name: 'flexVolume without a driver', mutate: (s) => { delete s.volumes[0].emptyDir; s.volumes[0].flexVolume = { driver: '' }; }, rule: 'volume-definition', path: 'volumes[0].flexVolume.driver',
    // any flexVolume is a second defect at restricted (restricted volume types); baseline allows it
    level: 'baseline' },
  { name: 'probe with two handlers', mutate: (s) => { s.containers[0].livenessProbe.exec = { command: ['true'] }; }, rule: 'probe-handler', path: 'containers[0].livenessProbe.tcpSocket' },
  { name: 'liveness successThreshold 2', mutate: (s) => { s.containers[0].livenessProbe.successThreshold = 2; }, rule: 'probe-handler', path: 'containers[0].livenessProbe.successThreshold' },
  { name: 'request above limit', mutate: (s) => { s.containers[0].resources.requests.memory = '256Mi'; }, rule: 'container-resources', path: 'containers[0].resources.requests' },
  { name: 'malformed quantity', mutate: (s) => { s.containers[0].resources.limits.cpu = '1 core'; }, rule: 'schema-quantity', path: 'containers[0].resources.limits[cpu]' },
  { name: 'restartPolicy on an app container', mutate: (s) => { s.containers[0].restartPolicy = 'Always'; }, rule: 'container-restart-policy', path: 'containers[0].restartPolicy' },
  { name: 'allowPrivilegeEscalation false with privileged', mutate: (s) => { s.containers[0].securityContext.privileged = true; }, rule: 'security-context', path: 'containers[0].securityContext' },
  { name: 'toleration Exists with a value', mutate: (s) => { s.tolerations = [{ key: 'k', operator: 'Exists', value: 'v' }]; }, rule: 'tolerations', path: 'tolerations[0].operator' },
  { name: 'toleration operator outside the enum', mutate: (s) => { s.tolerations = [{ key: 'k', operator: 'Gt', value: '1' }]; }, rule: 'tolerations', path: 'tolerations[0].operator' },
  { name: 'topology spread maxSkew 0', mutate: (s) => { s.topologySpreadConstraints = [{ maxSkew: 0, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway' }]; }, rule: 'topology-spread-constraints', path: 'topologySpreadConstraints[0].maxSkew' },
  { name: 'dnsPolicy outside the enum', mutate: (s) => { s.dnsPolicy = 'Cluster'; }, rule: 'dns-policy', path: 'dnsPolicy' },
  { name: 'hostNetwork', mutate: (s) => { s.hostNetwork = true; }, rule: 'pss-host-namespaces', path: 'hostNetwork' },
  { name: 'hostPID', mutate: (s) => { s.hostPID = true; }, rule: 'pss-host-namespaces', path: 'hostPID' },
  { name: 'privileged init container', mutate: (s) => { s.initContainers[0].securityContext = { privileged: true, capabilities: { drop: ['ALL'] } }; }, rule: 'pss-privileged', path: 'initContainers[0].securityContext.privileged',
    // privileged is a baseline control; at restricted, allowPrivilegeEscalation (which a privileged container cannot set to false) fails too
    level: 'baseline' },
  { name: 'capability SYS_ADMIN', mutate: (s) => { s.containers[0].securityContext.capabilities.add = ['SYS_ADMIN']; }, rule: 'pss-capabilities-restricted', path: 'containers[0].securityContext.capabilities.add[0]' },
  { name: 'hostPath volume', mutate: (s) => { s.volumes[0] = { name: 'tmp', hostPath: { path: '/tmp' } }; }, rule: 'pss-volume-types', path: 'volumes[0].hostPath' },
  { name: 'hostPort', mutate: (s) => { s.containers[0].ports[0].hostPort = 8080; }, rule: 'pss-host-ports', path: 'containers[0].ports[0].hostPort' },
  { name: 'allowPrivilegeEscalation true', mutate: (s) => { s.containers[0].securityContext.allowPrivilegeEscalation = true; }, rule: 'pss-allow-privilege-escalation', path: 'containers[0].securityContext.allowPrivilegeEscalation' },
  { name: 'runAsNonRoot false', mutate: (s) => { s.securityContext.runAsNonRoot = false; }, rule: 'pss-run-as-non-root', path: 'securityContext.runAsNonRoot' },
  { name: 'runAsUser 0', mutate: (s) => { s.securityContext.runAsUser = 0; }, rule: 'pss-run-as-user', path: 'securityContext.runAsUser' },
  { name: 'seccomp Unconfined', mutate: (s) => { s.securityContext.seccompProfile.type = 'Unconfined'; }, rule: 'pss-seccomp-restricted', path: 'securityContext.seccompProfile.type' },
  { name: 'capabilities not dropped', mutate: (s) => { delete s.containers[0].securityContext.capabilities; }, rule: 'pss-capabilities-restricted', path: 'containers[0].securityContext.capabilities' },
  { name: 'anti-affinity weight 0', mutate: (s) => { s.affinity = { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 0, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname' } }] } }; }, rule: 'affinity', path: 'affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight' },
  { name: 'node affinity In without values', mutate: (s) => { s.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'disk', operator: 'In' }] }] } } }; }, rule: 'affinity', path: 'affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values' },
  { name: 'unsafe sysctl', mutate: (s) => { s.securityContext.sysctls = [{ name: 'kernel.msgmax', value: '1' }]; }, rule: 'pss-sysctls', path: 'securityContext.sysctls[0].name' },
  { name: 'ephemeral container with ports', mutate: (s) => { s.ephemeralContainers = [{ name: 'debug', image: 'busybox:1.36', ports: [{ containerPort: 80 }] }]; }, rule: 'ephemeral-container-fields', path: 'ephemeralContainers[0].ports' },
  { name: 'ephemeral container targeting a missing container', mutate: (s) => { s.ephemeralContainers = [{ name: 'debug', image: 'busybox:1.36', targetContainerName: 'web' }]; }, rule: 'ephemeral-container-fields', path: 'ephemeralContainers[0].targetContainerName' },
  { name: 'sysctl name with capitals', mutate: (s) => { s.securityContext.sysctls = [{ name: 'Net.Core.Somaxconn', value: '1' }]; }, rule: 'security-context-sysctls', path: 'securityContext.sysctls[0].name' },
  { name: 'duplicate sysctl', mutate: (s) => { s.securityContext.sysctls = [{ name: 'net.ipv4.tcp_syncookies', value: '1' }, { name: 'net.ipv4.tcp_syncookies', value: '0' }]; }, rule: 'security-context-sysctls', path: 'securityContext.sysctls[1].name' },
  { name: 'os.name outside linux and windows', mutate: (s) => { s.os = { name: 'darwin' }; }, rule: 'pod-os', path: 'os' },
  { name: 'windows pod with runAsUser', mutate: (s) => { s.os = { name: 'windows' }; windowsOnly(s); }, rule: 'pod-os', path: 'securityContext.runAsUser' },
  { name: 'linux pod with windowsOptions', mutate: (s) => { s.os = { name: 'linux' }; s.securityContext.windowsOptions = { runAsUserName: 'app' }; }, rule: 'pod-os', path: 'securityContext.windowsOptions' },
  { name: 'gmsaCredentialSpecName not a DNS subdomain', mutate: (s) => { s.containers[0].securityContext.windowsOptions = { gmsaCredentialSpecName: 'Web_Spec' }; }, rule: 'windows-options', path: 'containers[0].securityContext.windowsOptions.gmsaCredentialSpecName' },
  { name: 'hostProcess without hostNetwork', mutate: (s) => { s.securityContext.windowsOptions = { hostProcess: true }; }, rule: 'windows-options', path: 'hostNetwork', level: 'privileged' },
  { name: 'readiness gate with a space', mutate: (s) => { s.readinessGates = [{ conditionType: 'example.com/ready now' }]; }, rule: 'readiness-gates', path: 'readinessGates[0].conditionType' },
  { name: 'duplicate scheduling gate', mutate: (s) => { s.schedulingGates = [{ name: 'example.com/quota' }, { name: 'example.com/quota' }]; }, rule: 'scheduling-gates', path: 'schedulingGates[1]' },
  { name: 'host alias with a hostname as ip', mutate: (s) => { s.hostAliases = [{ ip: 'db.local', hostnames: ['db'] }]; }, rule: 'host-aliases', path: 'hostAliases.ip' },
  { name: 'dns option without a name', mutate: (s) => { s.dnsConfig = { options: [{ value: '2' }] }; }, rule: 'dns-policy', path: 'dnsConfig.options[0]' },
  { name: 'dns search list over 2048 characters', mutate: (s) => { s.dnsConfig = { searches: Array.from({ length: 30 }, (_, i) => `d${i}.${'x'.repeat(63)}.example`) }; }, rule: 'dns-policy', path: 'dnsConfig.searches' },
  { name: 'runtimeClassName with an underscore', mutate: (s) => { s.runtimeClassName = 'kata_fc'; }, rule: 'pod-spec-names', path: 'runtimeClassName' },
  { name: 'shareProcessNamespace with hostPID', mutate: (s) => { s.shareProcessNamespace = true; s.hostPID = true; }, rule: 'security-context', path: 'securityContext.shareProcessNamespace', level: 'privileged' },
];

/** Defects outside the pod spec, per kind. */
const OBJECT_MUTATIONS: { base: string; name: string; mutate: (o: Obj) => void; rule: string; path: string }[] = [
  { base: 'Pod', name: 'name with an underscore', mutate: (o) => { o.metadata.name = 'my_app'; }, rule: 'metadata-name', path: 'metadata.name' },
  { base: 'Pod', name: 'ephemeral containers at create', mutate: (o) => { o.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox:1.36' }]; }, rule: 'ephemeral-containers-on-create', path: 'spec.ephemeralContainers' },
  { base: 'Pod', name: 'label value too long', mutate: (o) => { o.metadata.labels.tier = 'x'.repeat(64); }, rule: 'metadata-labels', path: 'metadata.labels' },
  { base: 'Deployment', name: 'selector not matching the template', mutate: (o) => { o.spec.template.metadata.labels['app.kubernetes.io/name'] = 'other'; }, rule: 'deployment-spec', path: 'spec.template.metadata.labels' },
  { base: 'Deployment', name: 'negative replicas', mutate: (o) => { o.spec.replicas = -1; }, rule: 'deployment-spec', path: 'spec.replicas' },
  { base: 'Deployment', name: 'template restartPolicy Never', mutate: (o) => { o.spec.template.spec.restartPolicy = 'Never'; }, rule: 'deployment-spec', path: 'spec.template.spec.restartPolicy' },
  { base: 'Deployment', name: 'maxSurge and maxUnavailable both 0', mutate: (o) => { o.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } }; }, rule: 'deployment-spec', path: 'spec.strategy.rollingUpdate.maxUnavailable' },
  { base: 'Deployment', name: 'maxUnavailable over 100%', mutate: (o) => { o.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '150%' } }; }, rule: 'deployment-spec', path: 'spec.strategy.rollingUpdate.maxUnavailable' },
  { base: 'Deployment', name: 'progressDeadlineSeconds not above minReadySeconds', mutate: (o) => { o.spec.minReadySeconds = 30; o.spec.progressDeadlineSeconds = 30; }, rule: 'deployment-spec', path: 'spec.progressDeadlineSeconds' },
  { base: 'Deployment', name: 'missing selector', mutate: (o) => { delete o.spec.selector; }, rule: 'deployment-spec', path: 'spec.selector' },
  { base: 'StatefulSet', name: 'podManagementPolicy outside the enum', mutate: (o) => { o.spec.podManagementPolicy = 'Random'; }, rule: 'statefulset-spec', path: 'spec.podManagementPolicy' },
  { base: 'Job', name: 'template restartPolicy Always', mutate: (o) => { o.spec.template.spec.restartPolicy = 'Always'; }, rule: 'job-spec', path: 'spec.template.spec.restartPolicy' },
  { base: 'CronJob', name: 'schedule with six fields', mutate: (o) => { o.spec.schedule = '* * * * * *'; }, rule: 'cronjob-spec', path: 'spec.schedule' },
  { base: 'CronJob', name: 'concurrencyPolicy outside the enum', mutate: (o) => { o.spec.concurrencyPolicy = 'Sometimes'; }, rule: 'cronjob-spec', path: 'spec.concurrencyPolicy' },
];

const at = (obj: Obj, path: string[]): Obj => path.reduce((o, k) => o[k], obj);
const errors = (obj: Obj, level?: PodSecurityLevel): Finding[] => validate([{ object: obj }], level ? resolveConfig({ podSecurity: level }, RULES.map((r) => r.meta.id)) : undefined)
  .findings.filter((f) => f.severity === 'error');
const show = (fs: Finding[]) => fs.map((f) => `${f.ruleId} ${f.path}: ${f.message}`);

describe('valid bases raise no error', () => {
  test.each(BASES.map((b) => [b.name, b] as const))('%s', (_n, b) => {
    expect(show(errors(b.make()))).toEqual([]);
  });
});

const cases = [
  ...BASES.flatMap((b) => POD_MUTATIONS.map((m) => ({
    label: `${b.name}: ${m.name}`,
    make: () => { const o = b.make(); m.mutate(at(o, b.spec)); return o; },
    rule: m.rule,
    level: m.level,
    path: [...b.spec, ...(m.path ? [m.path] : [])].join('.').replace(/\.\[/g, '['),
  }))),
  ...OBJECT_MUTATIONS.map((m) => ({
    label: `${m.base}: ${m.name}`,
    make: () => { const o = BASES.find((b) => b.name === m.base)!.make(); m.mutate(o); return o; },
    rule: m.rule,
    level: undefined as PodSecurityLevel | undefined,
    path: m.path,
  })),
];

test('the corpus holds at least 200 mutants', () => {
  expect(cases.length).toBeGreaterThanOrEqual(200);
});

describe('every mutant is caught with the expected rule and path', () => {
  test.each(cases.map((c) => [c.label, c] as const))('%s', (_l, c) => {
    const found = errors(c.make(), c.level);
    const hit = found.find((f) => f.ruleId === c.rule && f.path === c.path);
    if (!hit) throw new Error(`expected ${c.rule} at ${c.path}; got:\n${show(found).join('\n') || '(no errors)'}`);
    // One defect, one finding: the engine's precedence (lib/validation/engine.ts) keeps the most specific rule.
    if (found.length !== 1) throw new Error(`expected exactly one error (${c.rule} at ${c.path}); got ${found.length}:\n${show(found).join('\n')}`);
  });
});
