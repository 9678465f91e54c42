import rule from '../../../lib/validation/rules/pod-priority';
import { ruleTester } from '../rule-tester';
import { deployment, oneContainer, pod } from '../fixtures/pod-spec';

ruleTester(rule, {
  valid: [
    pod(oneContainer({}, { priority: 0, preemptionPolicy: 'PreemptLowerPriority' })),
    { name: 'with a class the values come from the cluster', object: pod(oneContainer({}, { priorityClassName: 'high', priority: 1000, preemptionPolicy: 'Never' })) },
  ],
  invalid: [
    {
      object: pod(oneContainer({}, { priority: -1, preemptionPolicy: 'Never' })),
      errors: [
        { path: 'spec.priority', message: 'the integer value of priority (-1) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name' },
        { path: 'spec.preemptionPolicy', message: 'the string value of PreemptionPolicy (Never) must not be provided in pod spec; priority admission controller computed PreemptLowerPriority from the given PriorityClass name' },
      ],
    },
    {
      object: deployment(oneContainer({}, { priority: 5 })),
      errors: [{ path: 'spec.template.spec.priority', message: /^the API server accepts the template, but refuses every Pod its controller creates: the integer value of priority \(5\)/ }],
    },
  ],
});
