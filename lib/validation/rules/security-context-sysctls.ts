import { podRule } from '../util/define-rule';
import { fieldDuplicate, fieldInvalid, fieldRequired } from '../util/k8s-names';
import { asArray, field, isObject } from '../util/values';
import { atLeast } from '../util/version';

const SEGMENT = '[a-z0-9]([-_a-z0-9]*[a-z0-9])?';
/** sysctlContainSlashRegexp: segments joined by '.' or '/'; %s prints the regexp with its anchors. */
const SYSCTL_RE_TEXT = `^(${SEGMENT}[\\./])*${SEGMENT}$`;
const SYSCTL_RE = new RegExp(SYSCTL_RE_TEXT);
const SYSCTL_MAX_LENGTH = 253;

/** IsValidSysctlName. */
function isValidSysctlName(name: string): boolean {
  return Buffer.byteLength(name, 'utf8') <= SYSCTL_MAX_LENGTH && SYSCTL_RE.test(name);
}

/**
 * The namespace a sysctl belongs to (GetNamespace in
 * k8s.io/component-helpers/node/util/sysctl): net.* is the network namespace;
 * kernel.shm*, kernel.msg*, kernel.sem and fs.mqueue.* the IPC namespace. Names
 * written with '/' separators are read with '.' first.
 */
function namespaceOf(name: string): 'net' | 'ipc' | undefined {
  const dots = /^[^./]*\//.test(name) ? name.replace(/[./]/g, (ch) => (ch === '/' ? '.' : '/')) : name;
  if (dots.startsWith('net.')) return 'net';
  if (dots === 'kernel.sem' || dots.startsWith('kernel.shm') || dots.startsWith('kernel.msg') || dots.startsWith('fs.mqueue.')) return 'ipc';
  return undefined;
}

/**
 * Pod sysctls: a non-empty name of at most 253 characters matching the sysctl
 * name pattern, each name once. From 1.29 the server also refuses network
 * sysctls with hostNetwork and IPC sysctls with hostIPC (ValidateHostSysctl,
 * kubernetes PR #118705); 1.28 leaves that to the kubelet, which rejects the pod
 * at admission (SysctlForbidden). Follows validateSysctls in
 * validatePodSpecSecurityContext (v1.28).
 */
export default podRule({
  id: 'security-context-sysctls',
  layer: 'api-server',
  severity: 'error',
  description: 'Pod sysctls need valid, unique names (and, from 1.29, no net.* with hostNetwork or IPC sysctls with hostIPC).',
  fix: 'Use sysctl names such as net.ipv4.ip_local_port_range (lowercase segments joined by dots), list each once, and do not combine namespaced sysctls with the host namespace they would change.',
  source: 'validateSysctls and ValidateHostSysctl in pkg/apis/core/validation/validation.go (v1.28; host check from v1.29)',
  docsUrl: 'https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/',
}, (ctx) => {
  const sc = field(ctx.pod.spec, 'securityContext');
  if (!isObject(sc)) return;
  const hostNetwork = field(ctx.pod.spec, 'hostNetwork') === true;
  const hostIPC = field(ctx.pod.spec, 'hostIPC') === true;
  const hostCheck = atLeast(ctx.settings.k8sVersion, '1.29');
  const names = new Set<string>();
  asArray(field(sc, 'sysctls')).forEach((s, i) => {
    if (!isObject(s)) return;
    const raw = field(s, 'name');
    // A missing name is the schema layer's `Required value` (schema-required).
    if (raw === undefined || raw === null) return;
    if (typeof raw !== 'string') return;
    const path = ['securityContext', 'sysctls', i, 'name'];
    if (raw === '') {
      ctx.report({ path, message: fieldRequired() });
    } else if (!isValidSysctlName(raw)) {
      ctx.report({ path, message: fieldInvalid(raw, `must have at most ${SYSCTL_MAX_LENGTH} characters and match regex ${SYSCTL_RE_TEXT}`) });
    } else if (names.has(raw)) {
      ctx.report({ path, message: fieldDuplicate(raw) });
    }
    if (hostCheck) {
      const ns = namespaceOf(raw);
      if (hostNetwork && ns === 'net') ctx.report({ path, message: fieldInvalid(raw, "may not be specified when 'hostNetwork' is true") });
      else if (hostIPC && ns === 'ipc') ctx.report({ path, message: fieldInvalid(raw, "may not be specified when 'hostIPC' is true") });
    }
    names.add(raw);
  });
});
