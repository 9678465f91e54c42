import { Path } from '../types';
import { podRule } from '../util/define-rule';
import { PSS_DOCS, reportControl, securityContextOf } from '../util/pss';
import { asArray, field } from '../util/values';
import { atLeast } from '../util/version';

/** The safe sysctls by the version that allowed them (sysctls_allowed_1_0, _1_27, _1_29, _1_32 in check_sysctls.go). */
const SAFE_SYSCTLS: readonly { since: string; names: readonly string[] }[] = [
  { since: '1.0', names: ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_unprivileged_port_start'] },
  { since: '1.27', names: ['net.ipv4.ip_local_reserved_ports'] },
  { since: '1.29', names: ['net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes'] },
  { since: '1.32', names: ['net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'] },
];

/** The sysctls PSA baseline allows at a target version. */
export function safeSysctls(version: string): string[] {
  return SAFE_SYSCTLS.filter((s) => atLeast(version, s.since)).flatMap((s) => s.names);
}

/** Baseline control "Sysctls": check_sysctls.go (`sysctls`; the safe list grows in 1.27, 1.29 and 1.32). */
export default podRule({
  id: 'pss-sysctls',
  layer: 'pod-security',
  severity: 'error',
  podSecurityLevel: 'baseline',
  description: 'Pods may set only the safe, namespaced sysctls (Pod Security Standards, baseline).',
  fix: 'Remove the sysctl from spec.securityContext.sysctls, or run the pod in a namespace that allows privileged pods.',
  source: 'CheckSysctls (sysctls) in pod-security-admission policy/check_sysctls.go (v1.28)',
  docsUrl: PSS_DOCS,
}, (ctx) => {
  const sysctls = asArray(field(securityContextOf(ctx.pod.spec), 'sysctls'));
  if (sysctls.length === 0) return;
  const allowed = safeSysctls(ctx.settings.k8sVersion);
  const bad: string[] = [];
  const paths: { path: Path }[] = [];
  sysctls.forEach((s, i) => {
    const name = field(s, 'name');
    const n = typeof name === 'string' ? name : '';
    if (!allowed.includes(n)) {
      bad.push(n);
      paths.push({ path: ['securityContext', 'sysctls', i, 'name'] });
    }
  });
  if (bad.length > 0) reportControl(ctx, 'forbidden sysctls', bad.join(', '), paths);
});
