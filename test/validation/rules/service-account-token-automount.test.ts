import rule from '../../../lib/validation/rules/service-account-token-automount';
import { deployment, pod } from '../fixtures/pss-pods';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [pod({ automountServiceAccountToken: false, containers: [{ name: 'a', image: 'x' }] })],
  invalid: [
    { object: pod({ containers: [{ name: 'a', image: 'x' }] }),
      errors: [{ path: 'spec.automountServiceAccountToken', message: 'automountServiceAccountToken is not false, so a service account token is mounted into every container (unless the ServiceAccount turns it off)' }] },
    { object: deployment({ automountServiceAccountToken: true, containers: [{ name: 'a', image: 'x' }] }), errors: [{ path: 'spec.template.spec.automountServiceAccountToken' }] },
  ],
});
