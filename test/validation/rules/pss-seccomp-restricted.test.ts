import rule from '../../../lib/validation/rules/pss-seccomp-restricted';
import { BASELINE, goodContainer, pod, restrictedSpec } from '../fixtures/pss-pods';
import { ruleTester } from '../rule-tester';

const withProfile = (name: string, type: string) => goodContainer(name, { securityContext: { seccompProfile: { type } } });

ruleTester(rule, {
  valid: [
    pod(restrictedSpec()),
    { name: 'every container sets its own', object: pod({ containers: [withProfile('a', 'RuntimeDefault'), withProfile('b', 'Localhost')] }) },
    { name: 'not run at baseline', object: pod({ containers: [{ name: 'app', image: 'nginx' }] }), config: BASELINE },
    { name: 'windows pods are exempt from 1.25', object: pod({ os: { name: 'windows' }, containers: [{ name: 'app', image: 'nginx' }] }) },
  ],
  invalid: [
    { name: 'unset everywhere', object: pod({ containers: [{ name: 'app', image: 'nginx' }] }),
      errors: [{ path: 'spec.containers[0].securityContext.seccompProfile',
        message: 'seccompProfile (pod or container "app" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")' }] },
    { name: 'one container missing, pod unset', object: pod({ containers: [withProfile('a', 'RuntimeDefault'), { name: 'b', image: 'x' }] }),
      errors: [{ path: 'spec.containers[1].securityContext.seccompProfile', message: /pod or container "b" must set/ }] },
    { name: 'container Unconfined overrides the pod', object: pod(restrictedSpec({ containers: [withProfile('app', 'Unconfined')] })),
      errors: [{ path: 'spec.containers[0].securityContext.seccompProfile.type',
        message: 'seccompProfile (container "app" must not set securityContext.seccompProfile.type to "Unconfined")' }] },
  ],
});
