import rule from '../../../lib/validation/rules/projected-token-needs-service-account';
import { ruleTester } from '../rule-tester';
import { deployment, oneContainer, pod } from '../fixtures/pod-spec';

const projected = { name: 't', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } };
ruleTester(rule, {
  valid: [pod(oneContainer({}, { serviceAccountName: 'sa', volumes: [projected] })), deployment(oneContainer({}, { volumes: [projected] }))],
  invalid: [
    { object: pod(oneContainer({}, { volumes: [projected] })), errors: [{ path: 'spec.volumes[0].projected.sources[0].serviceAccountToken', message: /^Forbidden: must not be specified when serviceAccountName is not set/ }] },
  ],
});
