import rule from '../../../lib/validation/rules/security-context';
import { ruleTester } from '../rule-tester';
import { oneContainer, pod } from '../fixtures/pod-spec';

ruleTester(rule, {
  valid: [pod(oneContainer({}, { shareProcessNamespace: true, hostPID: false })), pod(oneContainer({ securityContext: { runAsUser: 1000, allowPrivilegeEscalation: false, seccompProfile: { type: 'Localhost', localhostProfile: 'p.json' } } }, { securityContext: { fsGroup: 2000, seccompProfile: { type: 'RuntimeDefault' } } }))],
  invalid: [
    {
      name: 'shareProcessNamespace with hostPID',
      object: pod(oneContainer({}, { shareProcessNamespace: true, hostPID: true })),
      errors: [{ path: 'spec.securityContext.shareProcessNamespace', message: 'Invalid value: true: ShareProcessNamespace and HostPID cannot both be enabled' }],
    },
    { object: pod(oneContainer({ securityContext: { privileged: true, allowPrivilegeEscalation: false } })), errors: [{ path: 'spec.containers[0].securityContext', message: /: cannot set `allowPrivilegeEscalation` to false and `privileged` to true$/ }] },
    { object: pod(oneContainer({ securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ['CAP_SYS_ADMIN'] } } })), errors: [{ path: 'spec.containers[0].securityContext', message: /CAP_SYS_ADMIN$/ }] },
    { object: pod(oneContainer({}, { securityContext: { runAsUser: -1, supplementalGroups: [2147483648] } })), errors: [{ path: 'spec.securityContext.runAsUser', message: 'Invalid value: -1: must be between 0 and 2147483647, inclusive' }, { path: 'spec.securityContext.supplementalGroups[0]', message: 'Invalid value: 2147483648: must be between 0 and 2147483647, inclusive' }] },
    { object: pod(oneContainer({ securityContext: { seccompProfile: { type: 'Localhost' } } })), errors: [{ path: 'spec.containers[0].securityContext.seccompProfile.localhostProfile', message: 'Required value: must be set when seccomp type is Localhost' }] },
    { object: pod(oneContainer({ securityContext: { seccompProfile: { type: 'RuntimeDefault', localhostProfile: 'x' } } })), errors: [{ path: 'spec.containers[0].securityContext.seccompProfile.localhostProfile', message: /can only be set when seccomp type is Localhost$/ }] },
  ],
});
