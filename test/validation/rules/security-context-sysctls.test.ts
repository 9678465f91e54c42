import rule from '../../../lib/validation/rules/security-context-sysctls';
import { ruleTester } from '../rule-tester';
import { oneContainer, pod } from '../fixtures/pod-spec';

const withSysctls = (sysctls: unknown[], extra: Record<string, unknown> = {}) => pod(oneContainer({}, { securityContext: { sysctls }, ...extra }));
const REGEX = '^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$';

ruleTester(rule, {
  valid: [
    withSysctls([{ name: 'kernel.shm_rmid_forced', value: '0' }, { name: 'net.ipv4.ip_local_port_range', value: '1024 65535' }]),
    { name: 'slash separators', object: withSysctls([{ name: 'net/ipv4/conf/eth0.100/forwarding', value: '1' }]) },
    { name: 'a missing name is left to the schema layer', object: withSysctls([{ value: '1' }]) },
    { name: 'net.* with hostNetwork is left to the kubelet at 1.28', object: withSysctls([{ name: 'net.ipv4.tcp_syncookies', value: '1' }], { hostNetwork: true }) },
    { name: 'kernel.shm* without hostIPC at 1.29', object: withSysctls([{ name: 'kernel.shmmax', value: '1' }], { hostNetwork: true }), config: { k8sVersion: '1.29' } },
  ],
  invalid: [
    { object: withSysctls([{ name: '' }]), errors: [{ path: 'spec.securityContext.sysctls[0].name', message: 'Required value' }] },
    {
      object: withSysctls([{ name: 'Net.IPv4.foo' }]),
      errors: [{ path: 'spec.securityContext.sysctls[0].name', message: `Invalid value: "Net.IPv4.foo": must have at most 253 characters and match regex ${REGEX}` }],
    },
    {
      object: withSysctls([{ name: 'net.core.somaxconn', value: '1' }, { name: 'net.core.somaxconn', value: '2' }]),
      errors: [{ path: 'spec.securityContext.sysctls[1].name', message: 'Duplicate value: "net.core.somaxconn"' }],
    },
    {
      name: 'net.* with hostNetwork from 1.29',
      object: withSysctls([{ name: 'net.ipv4.ip_local_port_range', value: '1 2' }], { hostNetwork: true }),
      config: { k8sVersion: '1.29' },
      errors: [{ path: 'spec.securityContext.sysctls[0].name', message: 'Invalid value: "net.ipv4.ip_local_port_range": may not be specified when \'hostNetwork\' is true' }],
    },
    {
      name: 'IPC sysctl with hostIPC from 1.29',
      object: withSysctls([{ name: 'kernel/msgmax', value: '1' }], { hostIPC: true }),
      config: { k8sVersion: '1.30' },
      errors: [{ path: 'spec.securityContext.sysctls[0].name', message: 'Invalid value: "kernel/msgmax": may not be specified when \'hostIPC\' is true' }],
    },
  ],
});
