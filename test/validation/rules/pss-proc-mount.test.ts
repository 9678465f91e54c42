import rule from '../../../lib/validation/rules/pss-proc-mount';
import { goodContainer, pod, restrictedSpec } from '../fixtures/pss-pods';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    pod(restrictedSpec({ containers: [goodContainer('app', { securityContext: { procMount: 'Default' } })] })),
  ],
  invalid: [
    { object: pod(restrictedSpec({ initContainers: [goodContainer('init', { securityContext: { procMount: 'Unmasked' } })] })),
      errors: [{ path: 'spec.initContainers[0].securityContext.procMount', message: 'procMount (container "init" must not set securityContext.procMount to "Unmasked")' }] },
  ],
});
