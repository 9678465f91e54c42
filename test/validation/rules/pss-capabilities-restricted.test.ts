import rule from '../../../lib/validation/rules/pss-capabilities-restricted';
import { BASELINE, pod, restrictedSpec } from '../fixtures/pss-pods';
import { ruleTester } from '../rule-tester';

const withCaps = (capabilities: unknown) => pod(restrictedSpec({ containers: [{ name: 'app', image: 'x', securityContext: { allowPrivilegeEscalation: false, capabilities } }] }));

ruleTester(rule, {
  valid: [
    pod(restrictedSpec()),
    withCaps({ drop: ['ALL'], add: ['NET_BIND_SERVICE'] }),
    { object: pod({ containers: [{ name: 'app', image: 'x' }] }), config: BASELINE },
    { name: 'windows exempt from 1.25', object: pod({ os: { name: 'windows' }, containers: [{ name: 'app', image: 'x' }] }) },
  ],
  invalid: [
    { name: 'no securityContext', object: pod({ containers: [{ name: 'app', image: 'x' }] }),
      errors: [{ path: 'spec.containers[0].securityContext.capabilities', message: 'unrestricted capabilities (container "app" must set securityContext.capabilities.drop=["ALL"])' }] },
    { name: 'drop without ALL', object: withCaps({ drop: ['NET_RAW'] }),
      errors: [{ path: 'spec.containers[0].securityContext.capabilities.drop', message: 'unrestricted capabilities (container "app" must set securityContext.capabilities.drop=["ALL"])' }] },
    { name: 'adds a forbidden one', object: withCaps({ drop: ['ALL'], add: ['NET_BIND_SERVICE', 'CHOWN'] }),
      errors: [{ path: 'spec.containers[0].securityContext.capabilities.add[1]', message: 'unrestricted capabilities (container "app" must not include "CHOWN" in securityContext.capabilities.add)' }] },
    { name: 'both details joined', object: withCaps({ add: ['SYS_ADMIN'] }),
      errors: [{ path: 'spec', message: 'unrestricted capabilities (container "app" must set securityContext.capabilities.drop=["ALL"]; container "app" must not include "SYS_ADMIN" in securityContext.capabilities.add)' }] },
  ],
});
