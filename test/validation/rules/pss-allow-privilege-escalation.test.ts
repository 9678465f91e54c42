import rule from '../../../lib/validation/rules/pss-allow-privilege-escalation';
import { BASELINE, goodContainer, pod, restrictedSpec } from '../fixtures/pss-pods';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    pod(restrictedSpec()),
    { object: pod({ containers: [{ name: 'app', image: 'x' }] }), config: BASELINE },
    { name: 'windows exempt from 1.25', object: pod({ os: { name: 'windows' }, containers: [{ name: 'app', image: 'x' }] }) },
  ],
  invalid: [
    { object: pod({ containers: [{ name: 'app', image: 'x' }] }),
      errors: [{ path: 'spec.containers[0].securityContext.allowPrivilegeEscalation',
        message: 'allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false)' }] },
    { name: 'explicit true, and an init container', object: pod(restrictedSpec({
      initContainers: [{ name: 'init', image: 'x' }],
      containers: [goodContainer('app', { securityContext: { allowPrivilegeEscalation: true } })],
    })),
      errors: [{ path: 'spec', message: 'allowPrivilegeEscalation != false (containers "init", "app" must set securityContext.allowPrivilegeEscalation=false)' }] },
  ],
});
