import rule from '../../../lib/validation/rules/pss-seccomp-baseline';
import { BASELINE, goodContainer, pod, restrictedSpec } from '../fixtures/pss-pods';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'unset is fine at baseline', object: pod({ containers: [{ name: 'app', image: 'nginx' }] }), config: BASELINE },
    { object: pod(restrictedSpec({ securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'p.json' } } })), config: BASELINE },
    { name: 'overridden by seccompProfile_restricted at restricted',
      object: pod(restrictedSpec({ securityContext: { seccompProfile: { type: 'Unconfined' } } })), config: { podSecurity: 'restricted' } },
  ],
  invalid: [
    { object: pod(restrictedSpec({ securityContext: { seccompProfile: { type: 'Unconfined' } } })), config: BASELINE,
      errors: [{ path: 'spec.securityContext.seccompProfile.type', message: 'seccompProfile (pod must not set securityContext.seccompProfile.type to "Unconfined")' }] },
    { object: pod(restrictedSpec({ containers: [goodContainer('a', { securityContext: { seccompProfile: { type: 'Unconfined' } } }), goodContainer('b', { securityContext: { seccompProfile: { type: 'Unconfined' } } })] })), config: BASELINE,
      errors: [{ path: 'spec', message: 'seccompProfile (containers "a", "b" must not set securityContext.seccompProfile.type to "Unconfined")' }] },
  ],
});
