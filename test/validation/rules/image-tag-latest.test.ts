import rule, { imageTag } from '../../../lib/validation/rules/image-tag-latest';
import { deployment, pod } from '../fixtures/pss-pods';
import { ruleTester } from '../rule-tester';

const withImage = (image: string) => pod({ containers: [{ name: 'app', image }] });

ruleTester(rule, {
  valid: [
    withImage('nginx:1.25.3'),
    withImage('registry.example.com:5000/team/app:2.0'),
    { name: 'digest', object: withImage('nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31') },
  ],
  invalid: [
    { object: withImage('nginx'), errors: [{ path: 'spec.containers[0].image', message: 'container "app" uses image "nginx" without a tag, which means :latest; the image can change under a running workload' }] },
    { name: 'registry port is not a tag', object: withImage('registry.example.com:5000/app'), errors: [{ path: 'spec.containers[0].image', message: /without a tag/ }] },
    { name: 'init container in a template', object: deployment({ initContainers: [{ name: 'init', image: 'busybox:latest' }], containers: [{ name: 'app', image: 'x:1' }] }),
      errors: [{ path: 'spec.template.spec.initContainers[0].image', message: 'container "init" uses image "busybox:latest"; :latest can change under a running workload' }] },
  ],
});

test('imageTag', () => {
  expect(imageTag('a/b:c')).toBe('c');
  expect(imageTag('host:1/b')).toBeUndefined();
  expect(imageTag('a@sha256:x')).toBe('sha256:x');
});
