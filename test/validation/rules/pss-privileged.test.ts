import rule from '../../../lib/validation/rules/pss-privileged';
import { BASELINE, goodContainer, pod, restrictedSpec } from '../fixtures/pss-pods';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    pod(restrictedSpec()),
    { object: pod(restrictedSpec({ containers: [goodContainer('a', { securityContext: { privileged: false } })] })), config: BASELINE },
  ],
  invalid: [
    { object: pod(restrictedSpec({ containers: [goodContainer('app', { securityContext: { privileged: true } })] })), config: BASELINE,
      errors: [{ path: 'spec.containers[0].securityContext.privileged', message: 'privileged (container "app" must not set securityContext.privileged=true)' }] },
    { name: 'init containers come first in PSA order',
      object: pod(restrictedSpec({
        containers: [goodContainer('app', { securityContext: { privileged: true } })],
        initContainers: [goodContainer('init', { securityContext: { privileged: true } })],
      })),
      errors: [{ path: 'spec', message: 'privileged (containers "init", "app" must not set securityContext.privileged=true)' }] },
    { name: 'ephemeral container',
      object: pod(restrictedSpec({ ephemeralContainers: [goodContainer('debug', { securityContext: { privileged: true } })] })),
      errors: [{ path: 'spec.ephemeralContainers[0].securityContext.privileged', message: /container "debug"/ }] },
  ],
});
