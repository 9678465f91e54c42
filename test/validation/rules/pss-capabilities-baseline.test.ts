import rule from '../../../lib/validation/rules/pss-capabilities-baseline';
import { BASELINE, goodContainer, pod, restrictedSpec } from '../fixtures/pss-pods';
import { ruleTester } from '../rule-tester';

const adding = (name: string, add: string[]) => goodContainer(name, { securityContext: { capabilities: { add } } });

ruleTester(rule, {
  valid: [
    { object: pod(restrictedSpec({ containers: [adding('app', ['CHOWN', 'NET_BIND_SERVICE', 'KILL'])] })), config: BASELINE },
    { name: 'overridden by capabilities_restricted at restricted (1.22+)',
      object: pod(restrictedSpec({ containers: [adding('app', ['SYS_ADMIN'])] })), config: { podSecurity: 'restricted' } },
  ],
  invalid: [
    { object: pod(restrictedSpec({ containers: [adding('app', ['CHOWN', 'NET_RAW'])] })), config: BASELINE,
      errors: [{ path: 'spec.containers[0].securityContext.capabilities.add[1]',
        message: 'non-default capabilities (container "app" must not include "NET_RAW" in securityContext.capabilities.add)' }] },
    { name: 'several containers, capabilities sorted',
      object: pod(restrictedSpec({ containers: [adding('a', ['SYS_TIME']), adding('b', ['NET_ADMIN', 'SYS_TIME'])] })), config: BASELINE,
      errors: [{ path: 'spec',
        message: 'non-default capabilities (containers "a", "b" must not include "NET_ADMIN", "SYS_TIME" in securityContext.capabilities.add)' }] },
  ],
});
