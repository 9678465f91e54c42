import rule from '../../../lib/validation/rules/container-image-required';
import { ruleTester } from '../rule-tester';
import { deployment, oneContainer, pod } from '../fixtures/pod-spec';

ruleTester(rule, {
  valid: [pod(oneContainer()), deployment({ containers: [{ name: 'a', image: 'x' }] })],
  invalid: [
    { object: pod({ containers: [{ name: 'a' }], initContainers: [{ name: 'b', image: '' }] }), errors: [{ path: 'spec.containers[0].image', message: 'Required value' }, { path: 'spec.initContainers[0].image', message: 'Required value' }] },
    { object: pod({ containers: [{ name: 'a', image: ' x' }] }), errors: [{ path: 'spec.containers[0].image', message: 'Invalid value: " x": must not have leading or trailing whitespace' }] },
    { name: 'a template: the server accepts it and refuses every Pod made from it', object: deployment({ containers: [{ name: 'a', image: 'x ' }] }), errors: [{ path: 'spec.template.spec.containers[0].image', message: 'the API server accepts the template, but refuses every Pod its controller creates: Invalid value: "x ": must not have leading or trailing whitespace' }] },
  ],
});
