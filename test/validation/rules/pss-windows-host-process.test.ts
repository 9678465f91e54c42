import rule from '../../../lib/validation/rules/pss-windows-host-process';
import { goodContainer, pod, restrictedSpec } from '../fixtures/pss-pods';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    pod(restrictedSpec({ containers: [goodContainer('app', { securityContext: { windowsOptions: { hostProcess: false } } })] })),
  ],
  invalid: [
    { object: pod(restrictedSpec({ containers: [goodContainer('app', { securityContext: { windowsOptions: { hostProcess: true } } })] })),
      errors: [{ path: 'spec.containers[0].securityContext.windowsOptions.hostProcess',
        message: 'hostProcess (container "app" must not set securityContext.windowsOptions.hostProcess=true)' }] },
    { object: pod({ securityContext: { windowsOptions: { hostProcess: true } }, hostNetwork: true,
      containers: [goodContainer('app', { securityContext: { windowsOptions: { hostProcess: true } } })] }),
      errors: [{ path: 'spec', message: 'hostProcess (pod and container "app" must not set securityContext.windowsOptions.hostProcess=true)' }] },
  ],
});
