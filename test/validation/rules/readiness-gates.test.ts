import rule from '../../../lib/validation/rules/readiness-gates';
import { ruleTester } from '../rule-tester';
import { deployment, oneContainer, pod } from '../fixtures/pod-spec';

ruleTester(rule, {
  valid: [
    pod(oneContainer({}, { readinessGates: [{ conditionType: 'www.example.com/feature-1' }, { conditionType: 'Ready2' }] })),
    { name: 'a missing conditionType is left to the schema layer', object: pod(oneContainer({}, { readinessGates: [{}] })) },
  ],
  invalid: [
    {
      object: deployment(oneContainer({}, { readinessGates: [{ conditionType: 'example.com/feature 1' }] })),
      errors: [{ path: 'spec.template.spec.readinessGates[0].conditionType', message: /^Invalid value: "example.com\/feature 1": name part must consist of alphanumeric characters/ }],
    },
    {
      object: pod(oneContainer({}, { readinessGates: [{ conditionType: '' }] })),
      errors: [
        { path: 'spec.readinessGates[0].conditionType', message: 'Invalid value: "": name part must be non-empty' },
        { path: 'spec.readinessGates[0].conditionType', message: /^Invalid value: "": name part must consist of/ },
      ],
    },
  ],
});
