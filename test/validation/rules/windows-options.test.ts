import rule from '../../../lib/validation/rules/windows-options';
import { ruleTester } from '../rule-tester';
import { ctr, oneContainer, pod } from '../fixtures/pod-spec';

const wo = (o: Record<string, unknown>) => ({ securityContext: { windowsOptions: o } });

ruleTester(rule, {
  valid: [
    pod(oneContainer(wo({ gmsaCredentialSpecName: 'gmsa-webapp-1', runAsUserName: 'NT AUTHORITY\\NETWORK SERVICE' }))),
    { name: 'DNS domain user', object: pod(oneContainer(wo({ runAsUserName: 'corp.example.com\\svc-app' }))) },
    { name: 'host process pod', object: pod({ hostNetwork: true, ...wo({ hostProcess: true }), containers: [ctr('a'), ctr('b', wo({ hostProcess: true }))] }) },
    { name: 'hostProcess false everywhere', object: pod({ ...wo({ hostProcess: false }), containers: [ctr('a', wo({ hostProcess: false }))] }) },
  ],
  invalid: [
    {
      object: pod(oneContainer(wo({ gmsaCredentialSpecName: 'GMSA_spec' }))),
      errors: [{ path: 'spec.containers[0].securityContext.windowsOptions.gmsaCredentialSpecName', message: /^Invalid value: "GMSA_spec": a lowercase RFC 1123 subdomain/ }],
    },
    {
      object: pod(oneContainer({}, wo({ gmsaCredentialSpec: '' }))),
      errors: [{ path: 'spec.securityContext.windowsOptions.gmsaCredentialSpec', message: 'Invalid value: "": gmsaCredentialSpec cannot be an empty string' }],
    },
    {
      object: pod(oneContainer(wo({ runAsUserName: 'a\\b\\c' }))),
      errors: [{ path: 'spec.containers[0].securityContext.windowsOptions.runAsUserName', message: 'Invalid value: "a\\\\b\\\\c": runAsUserName cannot contain more than one backslash' }],
    },
    {
      object: pod(oneContainer(wo({ runAsUserName: 'x'.repeat(105) }))),
      errors: [{ path: 'spec.containers[0].securityContext.windowsOptions.runAsUserName', message: /runAsUserName's User length must not be longer than 104 characters$/ }],
    },
    {
      object: pod(oneContainer(wo({ runAsUserName: 'DOMAIN\\us:er' }))),
      errors: [{ path: 'spec.containers[0].securityContext.windowsOptions.runAsUserName', message: 'Invalid value: "DOMAIN\\\\us:er": runAsUserName\'s User cannot contain the following characters: "/\\:;|=,+*?<>@[]' }],
    },
    {
      name: 'container hostProcess differs from the pod',
      object: pod({ hostNetwork: true, ...wo({ hostProcess: true }), containers: [ctr('a', wo({ hostProcess: false })), ctr('b')] }),
      errors: [
        { path: 'spec.containers[0].securityContext.windowsOptions.hostProcess', message: 'Invalid value: false: pod hostProcess value must be identical if both are specified, was true' },
        { path: 'spec', message: 'Invalid value: "": If pod contains any hostProcess containers then all containers must be HostProcess containers' },
      ],
    },
    {
      name: 'host process without hostNetwork',
      object: pod(oneContainer(wo({ hostProcess: true }))),
      errors: [{ path: 'spec.hostNetwork', message: 'Invalid value: false: hostNetwork must be true if pod contains any hostProcess containers' }],
    },
  ],
});
