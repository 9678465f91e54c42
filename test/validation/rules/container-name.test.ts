import rule from '../../../lib/validation/rules/container-name';
import { ruleTester } from '../rule-tester';
import { ctr, deployment, oneContainer, pod } from '../fixtures/pod-spec';

ruleTester(rule, {
  valid: [pod(oneContainer()), pod({ containers: [ctr('a')], initContainers: [ctr('b')] })],
  invalid: [
    { object: pod({ containers: [] }), errors: [{ path: 'spec.containers', message: 'Required value' }] },
    { object: pod({ containers: [ctr('app'), ctr('app')] }), errors: [{ path: 'spec.containers[1].name', message: 'Duplicate value: "app"' }] },
    { object: deployment({ containers: [ctr('app')], initContainers: [ctr('app')] }), errors: [{ path: 'spec.template.spec.initContainers[0].name', message: 'Duplicate value: "app"' }] },
    { object: pod({ containers: [ctr('Web_App')] }), errors: [{ path: 'spec.containers[0].name', message: /^Invalid value: "Web_App": a lowercase RFC 1123 label/ }] },
    { object: pod({ containers: [{ image: 'x' }] }), errors: [{ path: 'spec.containers[0].name', message: 'Required value' }] },
  ],
});
