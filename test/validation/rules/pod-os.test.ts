import rule from '../../../lib/validation/rules/pod-os';
import { ruleTester } from '../rule-tester';
import { ctr, deployment, oneContainer, pod } from '../fixtures/pod-spec';

const W = 'Forbidden: cannot be set for a windows pod';
const L = 'Forbidden: windows options cannot be set for a linux pod';

ruleTester(rule, {
  valid: [
    pod(oneContainer({ securityContext: { runAsUser: 1000, capabilities: { drop: ['ALL'] } } }, { os: { name: 'linux' }, securityContext: { seccompProfile: { type: 'RuntimeDefault' } } })),
    { name: 'windows pod with windows options', object: pod(oneContainer({ securityContext: { windowsOptions: { runAsUserName: 'ContainerUser' } } }, { os: { name: 'windows' }, securityContext: { windowsOptions: { hostProcess: false } } })) },
    { name: 'no os: anything goes', object: pod(oneContainer({ securityContext: { windowsOptions: { runAsUserName: 'x' }, runAsUser: 1 } })) },
    { name: 'a missing name is left to the schema layer', object: pod(oneContainer({}, { os: {} })) },
    { name: 'hostPID false on windows', object: pod(oneContainer({}, { os: { name: 'windows' }, hostPID: false, securityContext: {} })) },
  ],
  invalid: [
    { object: pod(oneContainer({}, { os: { name: 'Linux' } })), errors: [{ path: 'spec.os', message: 'Unsupported value: "Linux": supported values: "linux", "windows"' }] },
    { object: pod(oneContainer({}, { os: { name: '' } })), errors: [{ path: 'spec.os.name', message: 'Required value: cannot be empty' }] },
    {
      name: 'windows options on a linux pod',
      object: pod({ os: { name: 'linux' }, securityContext: { windowsOptions: { runAsUserName: 'u' } }, initContainers: [ctr('init', { securityContext: { windowsOptions: {} } })], containers: [ctr('app')] }),
      errors: [
        { path: 'spec.securityContext.windowsOptions', message: L },
        { path: 'spec.initContainers[0].securityContext.windowsOptions', message: L },
      ],
    },
    {
      name: 'linux-only pod fields on a windows pod',
      object: deployment(oneContainer({}, {
        os: { name: 'windows' }, hostPID: true, shareProcessNamespace: false,
        securityContext: { runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' }, sysctls: [{ name: 'a', value: '1' }], supplementalGroups: [] },
      })),
      errors: [
        { path: 'spec.template.spec.hostPID', message: W },
        { path: 'spec.template.spec.securityContext.seccompProfile', message: W },
        { path: 'spec.template.spec.securityContext.sysctls', message: W },
        { path: 'spec.template.spec.shareProcessNamespace', message: W },
        { path: 'spec.template.spec.securityContext.runAsUser', message: W },
        { path: 'spec.template.spec.securityContext.supplementalGroups', message: W },
      ],
    },
    {
      name: 'linux-only container fields on a windows pod',
      object: pod(oneContainer({ securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true } }, { os: { name: 'windows' } })),
      errors: [
        { path: 'spec.containers[0].securityContext.capabilities', message: W },
        { path: 'spec.containers[0].securityContext.readOnlyRootFilesystem', message: W },
        { path: 'spec.containers[0].securityContext.allowPrivilegeEscalation', message: W },
      ],
    },
  ],
});
