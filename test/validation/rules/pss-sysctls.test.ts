import rule from '../../../lib/validation/rules/pss-sysctls';
import { pod, restrictedSpec } from '../fixtures/pss-pods';
import { ruleTester } from '../rule-tester';

const withSysctls = (...names: string[]) =>
  pod(restrictedSpec({ securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' }, sysctls: names.map((name) => ({ name, value: '1' })) } }));

ruleTester(rule, {
  valid: [
    withSysctls('kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range'),
    { name: 'ip_local_reserved_ports from 1.27', object: withSysctls('net.ipv4.ip_local_reserved_ports') },
    { name: 'tcp_keepalive_time from 1.29', object: withSysctls('net.ipv4.tcp_keepalive_time'), config: { k8sVersion: '1.29' } },
    { name: 'tcp_rmem and tcp_wmem from 1.32', object: withSysctls('net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'), config: { k8sVersion: '1.32' } },
  ],
  invalid: [
    { object: withSysctls('kernel.shm_rmid_forced', 'net.core.somaxconn'),
      errors: [{ path: 'spec.securityContext.sysctls[1].name', message: 'forbidden sysctls (net.core.somaxconn)' }] },
    { name: 'tcp_keepalive_time is not safe at 1.28', object: withSysctls('net.ipv4.tcp_keepalive_time', 'kernel.msgmax'),
      errors: [{ path: 'spec', message: 'forbidden sysctls (net.ipv4.tcp_keepalive_time, kernel.msgmax)' }] },
    { name: 'tcp_rmem is not safe before 1.32', object: withSysctls('net.ipv4.tcp_rmem'), config: { k8sVersion: '1.31' },
      errors: [{ path: 'spec.securityContext.sysctls[0].name', message: 'forbidden sysctls (net.ipv4.tcp_rmem)' }] },
  ],
});
