import rule from '../../../lib/validation/rules/ephemeral-containers-on-create';
import { ruleTester } from '../rule-tester';
import { ctr, deployment, oneContainer, pod } from '../fixtures/pod-spec';

ruleTester(rule, {
  valid: [pod(oneContainer())],
  invalid: [
    { object: pod({ containers: [ctr('a')], ephemeralContainers: [ctr('debug')] }), errors: [{ path: 'spec.ephemeralContainers', message: 'Forbidden: cannot be set on create (ephemeral containers are added to a running pod with kubectl debug)' }] },
    { object: deployment({ containers: [ctr('a')], ephemeralContainers: [ctr('debug')] }), errors: [{ path: 'spec.template.spec.ephemeralContainers', message: /^Forbidden: ephemeral containers not allowed in pod template \(ephemeral/ }] },
  ],
});
