import rule from '../../../lib/validation/rules/container-image-required';
import { ruleTester } from '../rule-tester';
import { deployment, oneContainer, pod } from '../fixtures/pod-spec';

ruleTester(rule, {
  valid: [
    pod(oneContainer()),
    { name: 'a PodTemplate: nothing creates Pods from it', object: { apiVersion: 'v1', kind: 'PodTemplate', metadata: { name: 't' }, template: { spec: { containers: [{ name: 'a', image: ' x ' }] } } } },
  ],
  invalid: [
    { object: pod({ containers: [{ name: 'a' }], initContainers: [{ name: 'b', image: '' }] }), errors: [{ path: 'spec.containers[0].image', message: 'Required value' }, { path: 'spec.initContainers[0].image', message: 'Required value' }] },
    { object: pod({ containers: [{ name: 'a', image: ' x' }] }), errors: [{ path: 'spec.containers[0].image', message: 'Invalid value: " x": must not have leading or trailing whitespace' }] },
    // The server accepts this Deployment and refuses its Pods (test/server/controller-objects.test.ts).
    { object: deployment({ containers: [{ name: 'a', image: 'nginx ' }] }),
      errors: [{ path: 'spec.template.spec.containers[0].image', message: 'Invalid value: "nginx ": must not have leading or trailing whitespace (the API server accepts the template but refuses every Pod the Deployment\'s controller creates from it)' }] },
  ],
});
