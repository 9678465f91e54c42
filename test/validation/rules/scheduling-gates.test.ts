import rule from '../../../lib/validation/rules/scheduling-gates';
import { ruleTester } from '../rule-tester';
import { deployment, oneContainer, pod } from '../fixtures/pod-spec';

ruleTester(rule, {
  valid: [
    pod(oneContainer({}, { schedulingGates: [{ name: 'example.com/foo' }, { name: 'bar' }] })),
    { name: 'nodeName without gates', object: pod(oneContainer({}, { nodeName: 'node-1' })) },
    { name: 'a template may carry nodeName and gates (only Pod create refuses)', object: deployment(oneContainer({}, { nodeName: 'node-1', schedulingGates: [{ name: 'g' }] })) },
  ],
  invalid: [
    {
      object: pod(oneContainer({}, { schedulingGates: [{ name: 'foo' }, { name: 'foo' }] })),
      errors: [{ path: 'spec.schedulingGates[1]', message: 'Duplicate value: "foo"' }],
    },
    {
      object: deployment(oneContainer({}, { schedulingGates: [{ name: 'bad gate' }] })),
      errors: [{ path: 'spec.template.spec.schedulingGates[0]', message: /^Invalid value: "bad gate": name part must consist of/ }],
    },
    {
      object: pod(oneContainer({}, { nodeName: 'node-1', schedulingGates: [{ name: 'g' }] })),
      errors: [{ path: 'spec.nodeName', message: 'Forbidden: cannot be set until all schedulingGates have been cleared' }],
    },
  ],
});
