import { Chart, Testing } from 'cdk8s';
import { ConfigMap, Secret } from 'cdk8s-plus-28';
import {
  EnvFrom, EnvValue, LifecycleHandler, PodOptions, ReplicatedApp, RULES, SecurePod, SharedVolumePod, SidecarPod, StaticPod, resolveConfig, validate,
} from '../../lib';
import { constructErrors } from '../../lib/synth/podwright-app';

type Obj = Record<string, any>;

const IMAGE = 'ghcr.io/acme/web:1.4.2';

/** Every pod-wide setting a real workload needs, at once. */
const SETTINGS: PodOptions = {
  imagePullSecrets: ['regcred', { name: 'mirror-cred' }],
  annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9090', 'sidecar.istio.io/inject': 'false', 'vault.hashicorp.com/agent-inject': 'true' },
  serviceAccountName: 'web',
  nodeSelector: { 'kubernetes.io/os': 'linux' },
  affinity: {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchExpressions: [{ key: 'node.kubernetes.io/instance-type', operator: 'In', values: ['m5.large'] }] }],
      },
    },
  },
  tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoSchedule' }],
  priorityClassName: 'high-priority',
  terminationGracePeriodSeconds: 45,
  hostAliases: [{ ip: '10.0.0.5', hostnames: ['db.internal', 'cache.internal'] }],
  dnsPolicy: 'None',
  dnsConfig: { nameservers: ['10.96.0.10'], searches: ['svc.cluster.local'], options: [{ name: 'ndots', value: '2' }] },
};

const CONTAINER = {
  image: IMAGE,
  envFrom: [EnvFrom.configMap('web-config', { prefix: 'APP_' }), EnvFrom.secret('web-secrets', { optional: true })],
  lifecycle: { postStart: LifecycleHandler.exec(['/bin/warm-cache']), preStop: LifecycleHandler.httpGet('/drain', 8080) },
  resources: { preset: 'small', cpuLimit: false, ephemeralStorage: '1Gi' } as const,
  ports: [{ number: 8080, name: 'http' }],
};

const synth = (chart: Chart): Obj[] => Testing.synth(chart);
const errors = (objects: Obj[]) => validate(objects.map((object) => ({ object }))).findings
  .filter((f) => f.severity === 'error').map((f) => `${f.ruleId} ${f.path}: ${f.message}`);

/** Each construct with SETTINGS and CONTAINER, and where its pod spec and pod metadata are. */
const CONSTRUCTS: [string, (chart: Chart) => void, (objects: Obj[]) => { spec: Obj; metadata: Obj }][] = [
  ['SecurePod', (c) => { new SecurePod(c, 'web', { ...SETTINGS, containers: [CONTAINER] }); }, (o) => o[0]],
  ['SidecarPod', (c) => { new SidecarPod(c, 'web', { ...SETTINGS, main: CONTAINER }); }, (o) => o[0]],
  ['SharedVolumePod', (c) => { new SharedVolumePod(c, 'web', { ...SETTINGS, containers: [CONTAINER] }); }, (o) => o[0]],
  ['ReplicatedApp', (c) => { new ReplicatedApp(c, 'web', { ...SETTINGS, ...CONTAINER }); }, (o) => o.find((x) => x.kind === 'Deployment')!.spec.template],
];

describe.each(CONSTRUCTS)('%s: every pod setting', (_name, build, podOf) => {
  const chart = Testing.chart();
  build(chart);
  const objects = synth(chart);
  const { spec, metadata } = podOf(objects);

  test('pod-wide settings render as given', () => {
    expect(spec.imagePullSecrets).toEqual([{ name: 'regcred' }, { name: 'mirror-cred' }]);
    expect(spec.serviceAccountName).toBe('web');
    expect(spec.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' });
    expect(spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values).toEqual(['m5.large']);
    expect(spec.tolerations).toEqual([{ key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoSchedule' }]);
    expect(spec.priorityClassName).toBe('high-priority');
    expect(spec.terminationGracePeriodSeconds).toBe(45);
    expect(spec.hostAliases).toEqual([{ ip: '10.0.0.5', hostnames: ['db.internal', 'cache.internal'] }]);
    expect(spec.dnsPolicy).toBe('None');
    expect(spec.dnsConfig).toEqual({ nameservers: ['10.96.0.10'], searches: ['svc.cluster.local'], options: [{ name: 'ndots', value: '2' }] });
  });

  test('the service account token stays unmounted, as the restricted level says', () => {
    expect(spec.automountServiceAccountToken).toBe(false);
  });

  test('annotations land on the pod (the Pod object, or the pod template) beside the level', () => {
    expect(metadata.annotations).toMatchObject(SETTINGS.annotations!);
  });

  test('envFrom, hooks and ephemeral storage render on the container; the preset leaves out the CPU limit', () => {
    const main = spec.containers[0];
    expect(main.envFrom).toEqual([{ prefix: 'APP_', configMapRef: { name: 'web-config' } }, { secretRef: { name: 'web-secrets', optional: true } }]);
    expect(main.lifecycle).toEqual({ postStart: { exec: { command: ['/bin/warm-cache'] } }, preStop: { httpGet: { path: '/drain', port: 8080 } } });
    expect(main.resources).toEqual({
      requests: { cpu: '100m', memory: '128Mi', 'ephemeral-storage': '1Gi' },
      limits: { memory: '128Mi', 'ephemeral-storage': '1Gi' },
    });
  });

  test('the engine finds no error at the restricted level', () => {
    expect(errors(objects)).toEqual([]);
  });
});

describe('recommended labels on every Pod construct', () => {
  const ALL = { name: 'shop', instance: 'shop-eu', version: '2.0.1', component: 'frontend', partOf: 'webshop', managedBy: 'helm' };
  const SIX = {
    'app.kubernetes.io/name': 'shop', 'app.kubernetes.io/instance': 'shop-eu', 'app.kubernetes.io/version': '2.0.1',
    'app.kubernetes.io/component': 'frontend', 'app.kubernetes.io/part-of': 'webshop', 'app.kubernetes.io/managed-by': 'helm',
  };
  test.each([
    ['SecurePod', (c: Chart) => new SecurePod(c, 'web', { recommendedLabels: ALL, labels: { team: 'a' }, containers: [{ image: IMAGE }] }).apiObject.toJson()],
    ['SidecarPod', (c: Chart) => new SidecarPod(c, 'web', { recommendedLabels: ALL, labels: { team: 'a' }, main: { image: IMAGE } }).apiObject.toJson()],
    ['SharedVolumePod', (c: Chart) => new SharedVolumePod(c, 'web', { recommendedLabels: ALL, labels: { team: 'a' }, containers: [{ image: IMAGE }] }).apiObject.toJson()],
    ['StaticPod', (c: Chart) => new StaticPod(c, 'web', { recommendedLabels: ALL, labels: { team: 'a' }, containers: [{ image: IMAGE }] }).toJson()],
    ['ReplicatedApp', (c: Chart) => new ReplicatedApp(c, 'web', { recommendedLabels: ALL, labels: { team: 'a' }, image: IMAGE }).workload.toJson().spec.template],
  ])('%s renders all six when the props give them, plus labels', (_n, make) => {
    const obj = make(Testing.chart()) as Obj;
    expect(obj.metadata.labels).toEqual({ ...SIX, team: 'a' });
  });

  test('defaults: name from the id, instance from metadata.name, version from the image tag, managed-by podwright', () => {
    const c = Testing.chart();
    const pod = new SidecarPod(c, 'web', { metadata: { name: 'web-1' }, main: { image: IMAGE } });
    expect(pod.labels).toEqual({
      'app.kubernetes.io/name': 'web', 'app.kubernetes.io/instance': 'web-1', 'app.kubernetes.io/version': '1.4.2', 'app.kubernetes.io/managed-by': 'podwright',
    });
    const generated = new SecurePod(c, 'api', { containers: [{ image: 'busybox' }] });
    expect(generated.labels['app.kubernetes.io/instance']).toMatch(/^test-api-[0-9a-f]+$/);
    expect(generated.labels['app.kubernetes.io/version']).toBeUndefined();
  });

  test('metadata.labels win over the defaults', () => {
    const pod = new SecurePod(Testing.chart(), 'web', { metadata: { labels: { 'app.kubernetes.io/name': 'other' } }, containers: [{ image: IMAGE }] });
    expect(pod.apiObject.toJson().metadata.labels['app.kubernetes.io/name']).toBe('other');
  });

  test('an invalid label value throws, naming the construct, label and value', () => {
    expect(() => new SecurePod(Testing.chart(), 'web', { labels: { team: 'a b' }, containers: [{ image: IMAGE }] }))
      .toThrow("SecurePod 'test/web': label 'team' has the value 'a b', which is not a valid label value (a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')); set a valid value in labels['team'].");
  });
});

describe('a scratch /tmp per container', () => {
  test('each container gets its own emptyDir, so a sidecar cannot read or fill the main container\'s /tmp', () => {
    const c = Testing.chart();
    const pod = new SidecarPod(c, 'web', { main: { image: IMAGE } });
    pod.addSidecar({ name: 'proxy', image: 'envoyproxy/envoy:v1.31.0' });
    const p = synth(c)[0]!;
    expect(p.spec.volumes).toEqual([
      { name: 'scratch-main', emptyDir: { sizeLimit: '64Mi' } },
      { name: 'scratch-proxy', emptyDir: { sizeLimit: '64Mi' } },
    ]);
    expect(p.spec.containers.map((x: Obj) => x.volumeMounts)).toEqual([
      [{ name: 'scratch-main', mountPath: '/tmp' }],
      [{ name: 'scratch-proxy', mountPath: '/tmp' }],
    ]);
    expect(errors([p])).toEqual([]);
  });

  test('shared: true shares one on purpose', () => {
    const c = Testing.chart();
    const pod = new SidecarPod(c, 'web', { scratchDir: { shared: true }, main: { image: IMAGE } });
    pod.addSidecar({ name: 'proxy', image: 'envoyproxy/envoy:v1.31.0' });
    const p = synth(c)[0]!;
    expect(p.spec.volumes).toEqual([{ name: 'scratch', emptyDir: { sizeLimit: '64Mi' } }]);
    expect(p.spec.containers.map((x: Obj) => x.volumeMounts[0].name)).toEqual(['scratch', 'scratch']);
  });

  test('a long container name gives a volume name within 63 characters', () => {
    const c = Testing.chart();
    const name = `a${'b'.repeat(61)}c`;
    new SecurePod(c, 'web', { containers: [{ name, image: IMAGE }] });
    const p = synth(c)[0]!;
    const volume = p.spec.volumes[0].name as string;
    expect(volume).toMatch(/^scratch-ab+-[0-9a-f]{8}$/);
    expect(volume.length).toBeLessThanOrEqual(63);
    expect(errors([p])).toEqual([]);
  });
});

describe('resource presets and ephemeral storage', () => {
  const resourcesOf = (resources: any) => {
    const c = Testing.chart();
    new SecurePod(c, 'web', { containers: [{ image: IMAGE, resources }] });
    return synth(c)[0]!.spec.containers[0].resources;
  };
  test('a preset keeps its CPU limit unless cpuLimit is false', () => {
    expect(resourcesOf({ preset: 'medium' })).toEqual({ requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '500m', memory: '256Mi' } });
    expect(resourcesOf({ preset: 'medium', cpuLimit: false })).toEqual({ requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '256Mi' } });
  });
  test('explicit ephemeral-storage requests and limits', () => {
    expect(resourcesOf({ requests: { cpu: '1', memory: '1Gi', ephemeralStorage: '2Gi' }, limits: { memory: '1Gi', ephemeralStorage: '4Gi' } }))
      .toEqual({ requests: { cpu: '1', memory: '1Gi', 'ephemeral-storage': '2Gi' }, limits: { memory: '1Gi', 'ephemeral-storage': '4Gi' } });
  });
  test('ReplicatedApp defaultResources can leave out the CPU limit too', () => {
    const c = Testing.chart();
    new ReplicatedApp(c, 'web', { image: IMAGE, defaultResources: { preset: 'small', cpuLimit: false } });
    expect(synth(c)[0]!.spec.template.spec.containers[0].resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '128Mi' } });
  });
});

describe('ReplicatedApp: pod settings meet the workload', () => {
  test('annotations join the config hash on the template; the workload object does not get them', () => {
    const c = Testing.chart();
    new Secret(c, 'db', { metadata: { name: 'db' }, stringData: { password: 'x' } });
    new ReplicatedApp(c, 'web', { image: IMAGE, annotations: { 'prometheus.io/scrape': 'true' }, env: { PASSWORD: EnvValue.fromSecret('db', 'password') } });
    const d = synth(c).find((o) => o.kind === 'Deployment')!;
    expect(d.spec.template.metadata.annotations).toEqual({ 'prometheus.io/scrape': 'true', 'podwright.io/config-hash': expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(d.metadata.annotations).toEqual({ 'podwright.io/pod-security': 'restricted' });
  });

  test('envFrom ConfigMaps of the chart roll the pods through the config hash', () => {
    const hashOf = (value: string) => {
      const c = Testing.chart();
      new ConfigMap(c, 'cfg', { metadata: { name: 'web-config' }, data: { MODE: value } });
      new ReplicatedApp(c, 'web', { image: IMAGE, envFrom: [EnvFrom.configMap('web-config')] });
      return synth(c).find((o) => o.kind === 'Deployment')!.spec.template.metadata.annotations['podwright.io/config-hash'];
    };
    expect(hashOf('a')).toMatch(/^[0-9a-f]{64}$/);
    expect(hashOf('a')).not.toBe(hashOf('b'));
  });

  test("spread 'antiAffinity' adds its term to the pod's own affinity", () => {
    const c = Testing.chart();
    const mine = { weight: 50, podAffinityTerm: { topologyKey: 'topology.kubernetes.io/zone', labelSelector: { matchLabels: { app: 'db' } } } };
    new ReplicatedApp(c, 'web', {
      image: IMAGE, spread: 'antiAffinity',
      affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [mine] }, nodeAffinity: SETTINGS.affinity!.nodeAffinity },
    });
    const objects = synth(c);
    const affinity = objects[0]!.spec.template.spec.affinity;
    expect(affinity.nodeAffinity).toBeDefined();
    expect(affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution.map((t: Obj) => t.weight)).toEqual([50, 100]);
    expect(errors(objects)).toEqual([]);
  });

  test("with spread 'topology' the pod's affinity is kept as given", () => {
    const c = Testing.chart();
    new ReplicatedApp(c, 'web', { image: IMAGE, affinity: SETTINGS.affinity });
    const spec = synth(c)[0]!.spec.template.spec;
    expect(spec.affinity).toEqual(SETTINGS.affinity);
    expect(spec.topologySpreadConstraints).toHaveLength(2);
  });
});

describe('native sidecars (1.29) take hooks; plain init containers do not', () => {
  test('a native sidecar with a preStop hook renders and passes the engine at 1.29', () => {
    const app = Testing.app();
    app.node.setContext('podwright:k8sVersion', '1.29');
    const c = new Chart(app, 'c');
    const pod = new SidecarPod(c, 'web', { main: { image: IMAGE } });
    pod.addSidecar({ name: 'proxy', image: 'envoyproxy/envoy:v1.31.0', lifecycle: { preStop: LifecycleHandler.exec(['/bin/drain']) } });
    const p = Testing.synth(c)[0]!;
    expect(p.spec.initContainers[0]).toMatchObject({ name: 'proxy', restartPolicy: 'Always', lifecycle: { preStop: { exec: { command: ['/bin/drain'] } } } });
    expect(validate([{ object: p }], resolveConfig({ k8sVersion: '1.29' }, RULES.map((r) => r.meta.id))).findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('levels still hold', () => {
  test('host aliases, tolerations, DNS and a service account are fine at restricted; the token follows the level', () => {
    const c = Testing.chart();
    new SecurePod(c, 'web', { ...SETTINGS, security: { automountServiceAccountToken: true }, containers: [{ image: IMAGE }] });
    const p = synth(c)[0]!;
    expect(p.spec.automountServiceAccountToken).toBe(true);
    expect(p.metadata.annotations['podwright.io/pod-security']).toBe('restricted');
    expect(errors([p])).toEqual([]);
  });

  test('a container with hooks, envFrom and ephemeral storage still gets the restricted defaults', () => {
    const c = Testing.chart();
    new SecurePod(c, 'web', { containers: [CONTAINER] });
    const p = synth(c)[0]!;
    expect(p.spec.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(p.spec.containers[0].securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
  });
});

describe('StaticPod', () => {
  test('takes the kubelet-side settings: annotations, labels, tolerations, host aliases, DNS, priority', () => {
    const c = Testing.chart();
    const sp = new StaticPod(c, 'agent', {
      annotations: { 'example.com/owner': 'platform' }, tolerations: [{ operator: 'Exists' }], hostAliases: SETTINGS.hostAliases,
      dnsPolicy: 'Default', priorityClassName: 'system-node-critical', containers: [{ image: IMAGE, lifecycle: { preStop: LifecycleHandler.exec(['/bin/stop']) } }],
    });
    const m = sp.toJson() as Obj;
    expect(m.metadata.annotations).toEqual({ 'example.com/owner': 'platform', 'podwright.io/pod-security': 'restricted' });
    expect(m.spec.tolerations).toEqual([{ operator: 'Exists' }]);
    expect(m.spec.dnsPolicy).toBe('Default');
    expect(validate([{ object: m, staticPod: true }]).findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('imagePullSecrets throw: the kubelet cannot read a Secret for a static Pod', () => {
    expect(() => new StaticPod(Testing.chart(), 'agent', { imagePullSecrets: ['regcred'] }))
      .toThrow("StaticPod 'test/agent': imagePullSecrets names 'regcred', but a static Pod cannot refer to other API objects (the kubelet cannot read Secrets for it, and the API server refuses its mirror Pod); remove imagePullSecrets and configure registry credentials on the node (the kubelet's config.json or credential provider).");
  });

  test('envFrom a ConfigMap throws like any reference to an API object', () => {
    const sp = new StaticPod(Testing.chart(), 'agent');
    expect(() => sp.addContainer({ image: IMAGE, envFrom: [EnvFrom.configMap('cfg')] }))
      .toThrow("StaticPod 'test/agent': the pod refers to ConfigMap 'cfg', but a static Pod cannot refer to other API objects (the kubelet runs it without the API server, and the API server refuses its mirror Pod); put the files on the node and mount them with a hostPath volume, or run the pod through the API server (SecurePod, ReplicatedApp).");
  });
});

describe('bad settings throw at once, naming the construct, field, value and fix', () => {
  const pod = (props: PodOptions & { containers?: any[] }) => () => new SecurePod(Testing.chart(), 'web', { containers: [{ image: IMAGE }], ...props });
  const P = "SecurePod 'test/web': ";
  const SUBDOMAIN = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

  test('imagePullSecrets', () => {
    expect(pod({ imagePullSecrets: ['ok', 'Reg_Cred'] })).toThrow(`${P}imagePullSecrets[1] is 'Reg_Cred', which cannot be a Secret's name (${SUBDOMAIN}); use the name of a kubernetes.io/dockerconfigjson Secret in the pod's namespace.`);
  });

  test('annotations', () => {
    expect(pod({ annotations: { 'podwright.io/pod-security': 'privileged' } })).toThrow(`${P}annotations sets 'podwright.io/pod-security' to 'privileged', but podwright sets it from security.level; set security.level instead.`);
    expect(pod({ annotations: { 'podwright.io/config-hash': 'x' } })).toThrow(`${P}annotations sets 'podwright.io/config-hash' to 'x', but podwright computes it from the ConfigMaps and Secrets the pod reads; use hashConfig() to add objects.`);
    expect(pod({ annotations: { 'bad key': 'x' } })).toThrow(`${P}annotations key 'bad key' is not a valid annotation key (name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')); use a key such as 'prometheus.io/scrape' or 'example.com/name'.`);
  });

  test('serviceAccountName and priorityClassName', () => {
    expect(pod({ serviceAccountName: 'Web_SA' })).toThrow(`${P}spec.serviceAccountName: Invalid value: "Web_SA": ${SUBDOMAIN}; use lowercase letters, digits and '-' (and '.' for subdomains), starting and ending with a letter or digit.`);
    expect(pod({ priorityClassName: 'High_Prio' })).toThrow(`${P}spec.priorityClassName: Invalid value: "High_Prio": ${SUBDOMAIN}; use lowercase letters, digits and '-' (and '.' for subdomains), starting and ending with a letter or digit.`);
  });

  test('nodeSelector', () => {
    expect(pod({ nodeSelector: { 'disk type': 'ssd' } })).toThrow(`${P}spec.nodeSelector: Invalid value: "disk type": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]'); use label keys like kubernetes.io/os or disktype, and values of at most 63 letters, digits, '-', '_' or '.'.`);
  });

  test('affinity', () => {
    expect(pod({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In' }] }] } } } }))
      .toThrow(`${P}spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified when \`operator\` is 'In' or 'NotIn'; give In/NotIn at least one value, Exists/DoesNotExist none, Gt/Lt exactly one; weights from 1 to 100; a topologyKey that is a label key.`);
  });

  test('tolerations', () => {
    const FIX = 'use operator Equal (with a value) or Exists (without one); leave key empty only with Exists; set tolerationSeconds only with effect NoExecute.';
    expect(pod({ tolerations: [{ key: 'gpu', operator: 'Exists', value: 'yes' }] })).toThrow(`${P}spec.tolerations[0].operator: Invalid value: {"key":"gpu","operator":"Exists","value":"yes"}: value must be empty when \`operator\` is 'Exists'; ${FIX}`);
    expect(pod({ tolerations: [{ key: 'gpu', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 30 }] })).toThrow(`${P}spec.tolerations[0].effect: Invalid value: "NoSchedule": effect must be 'NoExecute' when \`tolerationSeconds\` is set; ${FIX}`);
  });

  test('terminationGracePeriodSeconds', () => {
    expect(pod({ terminationGracePeriodSeconds: -5 })).toThrow(`${P}terminationGracePeriodSeconds is -5, but it must be a whole number of seconds, 0 or more (the time between SIGTERM and SIGKILL); fix the value.`);
  });

  test('hostAliases', () => {
    const FIX = "give each host alias an IPv4 or IPv6 address and lowercase hostnames of letters, digits, '-' and '.'.";
    expect(pod({ hostAliases: [{ ip: '10.0.0.300', hostnames: ['db.local'] }] })).toThrow(`${P}spec.hostAliases.ip: Invalid value: "10.0.0.300": must be valid IP address; ${FIX}`);
    expect(pod({ hostAliases: [{ ip: '10.0.0.3', hostnames: ['DB_local'] }] })).toThrow(`${P}spec.hostAliases.hostnames: Invalid value: "DB_local": ${SUBDOMAIN}; ${FIX}`);
  });

  test('dnsPolicy and dnsConfig', () => {
    const FIX = 'use dnsPolicy ClusterFirst (the default), ClusterFirstWithHostNet, Default or None; with None, add dnsConfig.nameservers.';
    expect(pod({ dnsPolicy: 'None' })).toThrow(`${P}dnsPolicy is 'None', but dnsConfig.nameservers is not set, so the pod would have no resolver; add dnsConfig: { nameservers: ['10.0.0.10'] }, or use another dnsPolicy.`);
    expect(pod({ dnsPolicy: 'None', dnsConfig: { searches: ['a.local'] } })).toThrow(`${P}dnsPolicy is 'None', but dnsConfig.nameservers is empty, so the pod would have no resolver; add dnsConfig: { nameservers: ['10.0.0.10'] }, or use another dnsPolicy.`);
    expect(pod({ dnsConfig: { nameservers: ['1.1.1.1', '8.8.8.8', '9.9.9.9', '8.8.4.4'] } })).toThrow(`${P}spec.dnsConfig.nameservers: Invalid value: []string{"1.1.1.1", "8.8.8.8", "9.9.9.9", "8.8.4.4"}: must not have more than 3 nameservers; ${FIX}`);
    expect(pod({ dnsConfig: { options: [{ name: '' }] } })).toThrow(`${P}spec.dnsConfig.options[0]: Required value: must not be empty; ${FIX}`);
  });

  test('envFrom', () => {
    const FIX = "split the entry so each has one configMapRef or one secretRef with a name; use a prefix made of letters, digits, '_', '-' or '.'.";
    expect(pod({ containers: [{ image: IMAGE, envFrom: [EnvFrom.configMap('cfg', { prefix: '1=' })] }] }))
      .toThrow(`${P}container 'main': container.envFrom[0].prefix: Invalid value: "1=": a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*'); ${FIX}`);
    expect(pod({ containers: [{ image: IMAGE, envFrom: [EnvFrom.secret('Bad_Name')] }] }))
      .toThrow(`${P}container 'main': container.envFrom[0].secretRef.name: Invalid value: "Bad_Name": ${SUBDOMAIN}; ${FIX}`);
  });

  test('lifecycle hooks', () => {
    const FIX = 'give each probe or hook exactly one of exec, httpGet, tcpSocket (or grpc for probes); keep successThreshold 1 for liveness and startup probes.';
    expect(pod({ containers: [{ image: IMAGE, lifecycle: { preStop: LifecycleHandler.httpGet('/drain', 'HTTP_port') } }] }))
      .toThrow(`${P}container 'main': container.lifecycle.preStop.httpGet.port: Invalid value: "HTTP_port": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-); ${FIX}`);
    expect(pod({ containers: [{ image: IMAGE, lifecycle: { preStop: LifecycleHandler.httpGet('/drain', 70000) } }] }))
      .toThrow(`${P}container 'main': container.lifecycle.preStop.httpGet.port: Invalid value: 70000: must be between 1 and 65535, inclusive; ${FIX}`);
    expect(pod({ containers: [{ image: IMAGE, lifecycle: { postStart: LifecycleHandler.exec([]) } }] }))
      .toThrow(`${P}container 'main': container.lifecycle.postStart.exec.command: Required value; ${FIX}`);
    expect(pod({ initContainers: [{ name: 'init', image: IMAGE, lifecycle: { postStart: LifecycleHandler.exec(['true']) } }] }))
      .toThrow(`${P}container 'init': container.lifecycle: Forbidden: may not be set for init containers without restartPolicy=Always; remove lifecycle and probes from the init container, or make it a native sidecar with restartPolicy: Always on Kubernetes 1.29 or later.`);
    expect(pod({ containers: [{ image: IMAGE, preStopSleepSeconds: 5, lifecycle: { preStop: LifecycleHandler.exec(['/bin/drain']) } }] }))
      .toThrow(`${P}container 'main' sets both preStopSleepSeconds (5) and lifecycle.preStop, but a container has one preStop hook; keep one (lifecycle.preStop: LifecycleHandler.exec(['sleep', '5']) sleeps too).`);
  });

  test('resources', () => {
    expect(pod({ containers: [{ image: IMAGE, resources: { preset: 'small', ephemeralStorage: '1 GB' } }] }))
      .toThrow(`${P}container 'main' resources.ephemeralStorage is '1 GB', which is not a quantity (quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'); use a quantity such as '1Gi'.`);
    expect(pod({ containers: [{ image: IMAGE, resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { ephemeralStorage: '2mi' } } }] }))
      .toThrow(`${P}container 'main' resources.limits.ephemeralStorage is '2mi', which is not a quantity (unable to parse quantity's suffix); use a quantity such as '1Gi'.`);
    expect(pod({ defaultResources: { preset: 'huge' as any } }))
      .toThrow(`${P}defaultResources.preset is 'huge', which is not a preset; use one of nano, small, medium, large, xlarge.`);
  });

  test('ReplicatedApp names itself in the same messages', () => {
    expect(() => new ReplicatedApp(Testing.chart(), 'web', { image: IMAGE, dnsPolicy: 'None' }))
      .toThrow("ReplicatedApp 'test/web': dnsPolicy is 'None', but dnsConfig.nameservers is not set, so the pod would have no resolver; add dnsConfig: { nameservers: ['10.0.0.10'] }, or use another dnsPolicy.");
  });

  test('no construct error is left for synth when the settings are good', () => {
    const c = Testing.chart();
    new SecurePod(c, 'web', { ...SETTINGS, containers: [CONTAINER] });
    expect(constructErrors(c).map((e) => e.message)).toEqual([]);
  });
});
