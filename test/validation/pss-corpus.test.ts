/**
 * Layer 3 (Pod Security Standards) against Pod Security Admission's verdicts.
 *
 * 1. The k8s-website-examples corpus (a real v1.32 server with PSA on): no pss-* finding at
 *    the privileged level, and no finding for accepted pods in namespaces the corpus enforced.
 * 2. A table of pod specs with the SET of PSA checks (PSA's own check IDs) that fail at
 *    baseline and at restricted, derived from pod-security-admission policy/check_*.go (v1.28):
 *    the engine must fail exactly that set, no more, no less.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { resolveConfig } from '../../lib/validation/config';
import { Engine } from '../../lib/validation/engine';
import { RULES } from '../../lib/validation/rules';
import { PodSecurityLevel } from '../../lib/validation/types';
import { deployment, goodContainer, pod, restrictedSpec } from './fixtures/pss-pods';
import { WEBSITE_EXAMPLES } from '../fixtures/website-examples';

const ROOT = WEBSITE_EXAMPLES;
const PSS_RULES = RULES.filter((r) => r.meta.layer === 'pod-security');

/** podwright rule id -> PSA check ID (the `ID` of each policy/check_*.go). */
const PSA_ID: Record<string, string> = {
  'pss-host-namespaces': 'hostNamespaces',
  'pss-privileged': 'privileged',
  'pss-capabilities-baseline': 'capabilities_baseline',
  'pss-host-path-volumes': 'hostPathVolumes',
  'pss-host-ports': 'hostPorts',
  'pss-apparmor': 'appArmorProfile',
  'pss-selinux': 'seLinuxOptions',
  'pss-proc-mount': 'procMount',
  'pss-seccomp-baseline': 'seccompProfile_baseline',
  'pss-sysctls': 'sysctls',
  'pss-windows-host-process': 'windowsHostProcess',
  'pss-volume-types': 'restrictedVolumes',
  'pss-allow-privilege-escalation': 'allowPrivilegeEscalation',
  'pss-run-as-non-root': 'runAsNonRoot',
  'pss-run-as-user': 'runAsUser',
  'pss-seccomp-restricted': 'seccompProfile_restricted',
  'pss-capabilities-restricted': 'capabilities_restricted',
};

function run(objects: readonly unknown[], podSecurity: PodSecurityLevel, k8sVersion = '1.28') {
  const engine = new Engine(resolveConfig({ podSecurity, k8sVersion }, PSS_RULES.map((r) => r.meta.id)), PSS_RULES);
  for (const object of objects) engine.check({ object });
  return engine.finish().findings;
}

/** The failing PSA checks, sorted; also checks PSA's "one finding per control per pod". */
function failing(objects: readonly unknown[], level: PodSecurityLevel, k8sVersion?: string): string[] {
  const ids = run(objects, level, k8sVersion).map((f) => PSA_ID[f.ruleId] ?? f.ruleId);
  expect(new Set(ids).size).toBe(ids.length);
  return ids.sort();
}

function readCorpus(file: string): unknown[] {
  return parseAllDocuments(fs.readFileSync(path.join(ROOT, file), 'utf8')).map((d) => d.toJS() as unknown);
}

const labels = fs.readFileSync(path.join(ROOT, 'LABELS.tsv'), 'utf8').trim().split('\n').slice(1)
  .map((l) => l.split('\t'))
  .map(([file, kinds, verdict]) => ({ file: file!, kinds: kinds!, verdict: verdict! }));
const accepted = labels.filter((l) => l.verdict === 'ACCEPTED');

test('every PSA control has a rule, and every pss rule maps to a PSA control', () => {
  expect(PSS_RULES.map((r) => r.meta.id).sort()).toEqual(Object.keys(PSA_ID).sort());
  for (const r of PSS_RULES) {
    expect(r.meta.severity).toBe('error');
    expect(r.meta.scope).toBe('pod');
    expect(['baseline', 'restricted']).toContain(r.meta.podSecurityLevel);
  }
});

describe('k8s-website-examples corpus', () => {
  test('the privileged level runs no control: no finding on any accepted file', () => {
    const findings = accepted.flatMap((l) => run(readCorpus(l.file), 'privileged').map((f) => `${l.file}: ${f.message}`));
    expect(findings).toEqual([]);
  });

  test('accepted pods in namespaces the corpus enforced raise nothing at that level', () => {
    const enforced = new Map<string, PodSecurityLevel>();
    const objects = accepted.flatMap((l) => readCorpus(l.file).map((o) => ({ file: l.file, o: o as Record<string, any> })));
    for (const { o } of objects) {
      const level = o?.kind === 'Namespace' ? o.metadata?.labels?.['pod-security.kubernetes.io/enforce'] : undefined;
      if (level) enforced.set(o.metadata.name, level);
    }
    expect(Object.fromEntries(enforced)).toEqual({
      'my-baseline-namespace': 'baseline', 'my-privileged-namespace': 'privileged', 'my-restricted-namespace': 'restricted',
    });
    const inEnforced = objects.filter(({ o }) => o?.metadata?.namespace && enforced.has(o.metadata.namespace));
    for (const { file, o } of inEnforced) {
      expect({ file, findings: run([o], enforced.get(o.metadata.namespace)!).map((f) => f.message) }).toEqual({ file, findings: [] });
    }
    // The corpus names these namespaces only in their own Namespace documents; no example
    // pod was created in them, so the verdict table below carries the real comparison.
    expect(inEnforced.length).toBe(0);
  });
});

// ---------------------------------------------------------------------------
// The verdict table. Expected sets follow PSA v1.28 (policy/check_*.go, checks.go overrides:
// at restricted, capabilities_restricted replaces capabilities_baseline (1.22+),
// restrictedVolumes replaces hostPathVolumes, seccompProfile_restricted replaces
// seccompProfile_baseline (1.19+)).

const APE = 'allowPrivilegeEscalation';
const CAPS_R = 'capabilities_restricted';
const NONROOT = 'runAsNonRoot';
const SECCOMP_R = 'seccompProfile_restricted';
const UNHARDENED = [APE, CAPS_R, NONROOT, SECCOMP_R];

interface Row {
  readonly name: string;
  readonly objects: () => unknown[];
  readonly baseline: readonly string[];
  readonly restricted: readonly string[];
  readonly k8sVersion?: string;
}

const corpusRow = (file: string, baseline: string[], restricted: string[]): Row => ({ name: `corpus ${file}`, objects: () => readCorpus(file), baseline, restricted });
const specRow = (name: string, spec: Record<string, unknown>, baseline: string[], restricted: string[], metadata: Record<string, unknown> = {}, k8sVersion?: string): Row =>
  ({ name, objects: () => [pod(spec, metadata)], baseline, restricted, k8sVersion });
const container = goodContainer;
const AA = 'container.apparmor.security.beta.kubernetes.io/app';

const TABLE: readonly Row[] = [
  corpusRow('security/example-baseline-pod.yaml', [], UNHARDENED),
  corpusRow('pods/security/security-context.yaml', [], [CAPS_R, NONROOT, SECCOMP_R]),
  corpusRow('pods/security/security-context-2.yaml', [], [CAPS_R, NONROOT, SECCOMP_R]),
  corpusRow('pods/security/security-context-3.yaml', [], UNHARDENED),
  corpusRow('pods/security/security-context-4.yaml', ['capabilities_baseline'], UNHARDENED),
  corpusRow('pods/security/seccomp/ga/default-pod.yaml', [], [CAPS_R, NONROOT]),
  corpusRow('pods/security/seccomp/ga/audit-pod.yaml', [], [CAPS_R, NONROOT]),
  corpusRow('pods/security/hello-apparmor.yaml', [], UNHARDENED),
  corpusRow('application/basic-daemonset.yaml', ['hostPathVolumes'], [...UNHARDENED, 'restrictedVolumes']),
  corpusRow('application/cassandra/cassandra-statefulset.yaml', ['capabilities_baseline'], UNHARDENED),
  corpusRow('debug/node-problem-detector.yaml', ['hostNamespaces', 'hostPathVolumes', 'privileged'], [...UNHARDENED, 'hostNamespaces', 'privileged', 'restrictedVolumes']),
  specRow('fully restricted', restrictedSpec(), [], []),
  specRow('host namespaces', restrictedSpec({ hostNetwork: true, hostPID: true }), ['hostNamespaces'], ['hostNamespaces']),
  specRow('privileged', restrictedSpec({ containers: [container('app', { securityContext: { privileged: true } })] }), ['privileged'], ['privileged']),
  specRow('add SYS_ADMIN, drop ALL', restrictedSpec({ containers: [container('app', { securityContext: { capabilities: { drop: ['ALL'], add: ['SYS_ADMIN'] } } })] }), ['capabilities_baseline'], [CAPS_R]),
  specRow('add CHOWN (default set), drop ALL', restrictedSpec({ containers: [container('app', { securityContext: { capabilities: { drop: ['ALL'], add: ['CHOWN'] } } })] }), [], [CAPS_R]),
  specRow('add NET_BIND_SERVICE, drop ALL', restrictedSpec({ containers: [container('app', { securityContext: { capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } } })] }), [], []),
  specRow('hostPath volume', restrictedSpec({ volumes: [{ name: 'h', hostPath: { path: '/var' } }] }), ['hostPathVolumes'], ['restrictedVolumes']),
  specRow('nfs volume', restrictedSpec({ volumes: [{ name: 'n', nfs: { server: 'nfs', path: '/' } }] }), [], ['restrictedVolumes']),
  specRow('hostPort', restrictedSpec({ containers: [container('app', { ports: [{ containerPort: 80, hostPort: 8080 }] })] }), ['hostPorts'], ['hostPorts']),
  specRow('AppArmor unconfined annotation', restrictedSpec(), ['appArmorProfile'], ['appArmorProfile'], { annotations: { [AA]: 'unconfined' } }),
  specRow('AppArmor localhost annotation', restrictedSpec(), [], [], { annotations: { [AA]: 'localhost/profile' } }),
  specRow('SELinux spc_t', restrictedSpec({ containers: [container('app', { securityContext: { seLinuxOptions: { type: 'spc_t' } } })] }), ['seLinuxOptions'], ['seLinuxOptions']),
  specRow('procMount Unmasked', restrictedSpec({ containers: [container('app', { securityContext: { procMount: 'Unmasked' } })] }), ['procMount'], ['procMount']),
  specRow('pod seccomp Unconfined', restrictedSpec({ securityContext: { runAsNonRoot: true, seccompProfile: { type: 'Unconfined' } } }), ['seccompProfile_baseline'], [SECCOMP_R]),
  specRow('container seccomp Unconfined overrides the pod', restrictedSpec({ containers: [container('app', { securityContext: { seccompProfile: { type: 'Unconfined' } } })] }), ['seccompProfile_baseline'], [SECCOMP_R]),
  specRow('seccomp unset', restrictedSpec({ securityContext: { runAsNonRoot: true } }), [], [SECCOMP_R]),
  specRow('seccomp on every container instead of the pod', restrictedSpec({ securityContext: { runAsNonRoot: true }, containers: [container('app', { securityContext: { seccompProfile: { type: 'RuntimeDefault' } } })] }), [], []),
  specRow('unsafe sysctl', restrictedSpec({ securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' }, sysctls: [{ name: 'net.core.somaxconn', value: '1024' }] } }), ['sysctls'], ['sysctls']),
  specRow('ip_local_reserved_ports is safe at 1.28', restrictedSpec({ securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' }, sysctls: [{ name: 'net.ipv4.ip_local_reserved_ports', value: '80' }] } }), [], []),
  specRow('Windows HostProcess (Linux-only restricted checks skipped)', {
    os: { name: 'windows' }, hostNetwork: true, securityContext: { windowsOptions: { hostProcess: true } }, containers: [{ name: 'app', image: 'x' }],
  }, ['hostNamespaces', 'windowsHostProcess'], ['hostNamespaces', NONROOT, 'windowsHostProcess']),
  specRow('container runAsNonRoot=false overrides the pod', restrictedSpec({ containers: [container('app', { securityContext: { runAsNonRoot: false } })] }), [], [NONROOT]),
  specRow('runAsUser=0 with runAsNonRoot', restrictedSpec({ securityContext: { runAsNonRoot: true, runAsUser: 0, seccompProfile: { type: 'RuntimeDefault' } } }), [], ['runAsUser']),
  specRow('init container allows escalation', restrictedSpec({ initContainers: [container('init', { securityContext: { allowPrivilegeEscalation: true } })] }), [], [APE]),
  specRow('bare ephemeral container inherits pod-level settings only', restrictedSpec({ ephemeralContainers: [{ name: 'debug', image: 'busybox' }] }), [], [APE, CAPS_R]),
  {
    name: 'Deployment template', objects: () => [deployment(restrictedSpec({ hostIPC: true, containers: [{ name: 'app', image: 'x' }] }))],
    baseline: ['hostNamespaces'], restricted: ['hostNamespaces', APE, CAPS_R],
  },
  specRow('everything at once', {
    hostNetwork: true,
    securityContext: { runAsUser: 0, seccompProfile: { type: 'Unconfined' }, sysctls: [{ name: 'kernel.msgmax', value: '1' }], seLinuxOptions: { user: 'u' } },
    volumes: [{ name: 'h', hostPath: { path: '/' } }],
    containers: [{ name: 'app', image: 'x', ports: [{ containerPort: 1, hostPort: 1 }], securityContext: { privileged: true, procMount: 'Unmasked', capabilities: { add: ['SYS_ADMIN'] }, windowsOptions: { hostProcess: true } } }],
  }, ['appArmorProfile', 'capabilities_baseline', 'hostNamespaces', 'hostPathVolumes', 'hostPorts', 'privileged', 'procMount', 'seLinuxOptions', 'seccompProfile_baseline', 'sysctls', 'windowsHostProcess'],
  ['appArmorProfile', APE, CAPS_R, 'hostNamespaces', 'hostPorts', 'privileged', 'procMount', 'restrictedVolumes', NONROOT, 'runAsUser', 'seLinuxOptions', SECCOMP_R, 'sysctls', 'windowsHostProcess'],
  { annotations: { [AA]: 'unconfined' } }),
];

describe('PSA verdict table', () => {
  test('has at least 30 pod specs', () => expect(TABLE.length).toBeGreaterThanOrEqual(30));
  describe.each(TABLE.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    test('baseline', () => expect(failing(row.objects(), 'baseline', row.k8sVersion)).toEqual([...row.baseline].sort()));
    test('restricted', () => expect(failing(row.objects(), 'restricted', row.k8sVersion)).toEqual([...row.restricted].sort()));
    test('privileged', () => expect(failing(row.objects(), 'privileged', row.k8sVersion)).toEqual([]));
  });
});
