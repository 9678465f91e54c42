import rule from '../../../lib/validation/rules/pss-run-as-user';
import { goodContainer, pod, restrictedSpec } from '../fixtures/pss-pods';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    pod(restrictedSpec({ securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } } })),
  ],
  invalid: [
    { object: pod(restrictedSpec({ containers: [goodContainer('app', { securityContext: { runAsUser: 0 } })] })),
      errors: [{ path: 'spec.containers[0].securityContext.runAsUser', message: 'runAsUser=0 (container "app" must not set runAsUser=0)' }] },
    { object: pod(restrictedSpec({ securityContext: { runAsUser: 0 }, containers: [goodContainer('app', { securityContext: { runAsUser: 0 } })] })),
      errors: [{ path: 'spec', message: 'runAsUser=0 (pod and container "app" must not set runAsUser=0)' }] },
  ],
});
