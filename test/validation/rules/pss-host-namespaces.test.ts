import rule from '../../../lib/validation/rules/pss-host-namespaces';
import { BASELINE, deployment, pod, restrictedSpec } from '../fixtures/pss-pods';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    pod(restrictedSpec()),
    pod(restrictedSpec({ hostNetwork: false, hostPID: false, hostIPC: false })),
    { name: 'privileged level runs no control', object: pod(restrictedSpec({ hostNetwork: true })), config: { podSecurity: 'privileged' } },
  ],
  invalid: [
    { name: 'one namespace', object: pod(restrictedSpec({ hostNetwork: true })), config: BASELINE,
      errors: [{ path: 'spec.hostNetwork', message: 'host namespaces (hostNetwork=true)' }] },
    { name: 'all three, in PSA order', object: pod(restrictedSpec({ hostIPC: true, hostPID: true, hostNetwork: true })),
      errors: [{ path: 'spec', message: 'host namespaces (hostNetwork=true, hostPID=true, hostIPC=true)' }] },
    { name: 'pod template', object: deployment(restrictedSpec({ hostPID: true })),
      errors: [{ path: 'spec.template.spec.hostPID', message: 'host namespaces (hostPID=true)' }] },
  ],
});
