import rule from '../../../lib/validation/rules/image-reference';
import { imageReferenceProblem } from '../../../lib/validation/util/image-reference';
import { ruleTester } from '../rule-tester';
import { ctr, deployment, oneContainer, pod } from '../fixtures/pod-spec';

// Cases from the grammar's own tests (docker/distribution reference/reference_test.go,
// normalize_test.go) and from the issue (ghcr.io/Acme/Web:1.4.2: InvalidImageName).
const VALID = [
  'nginx', 'nginx:1.25.3', 'library/nginx:latest', 'docker.io/library/nginx', 'ghcr.io/acme/web:1.4.2',
  'localhost:5000/app', 'localhost/app:v1', '10.0.0.1:5000/team/app:2024.01_rc-1', 'Registry.Example.COM/app', 'Acme/web:1',
  'quay.io/a__b/c-d/e.f:tag', `repo@sha256:${'a'.repeat(64)}`, `repo:tag@sha256:${'A'.repeat(64)}`, `a/b:${'x'.repeat(128)}`,
];
const INVALID: [string, string][] = [
  ['ghcr.io/Acme/Web:1.4.2', 'repository name must be lowercase'],
  ['Nginx:1.25', 'repository name must be lowercase'],
  ['nginx:-1', 'the tag must be 1 to 128 letters, digits, "_", "." or "-", not starting with "." or "-"'],
  [`nginx:${'x'.repeat(129)}`, 'the tag must be 1 to 128 letters, digits, "_", "." or "-", not starting with "." or "-"'],
  ['nginx@sha256:abc', 'invalid reference format'],
  ['ghcr.io//web', 'invalid reference format'],
  ['web-:1', 'invalid reference format'],
  ['a'.repeat(64), 'cannot specify 64-byte hexadecimal strings'],
  [`${'a'.repeat(200)}/${'b'.repeat(60)}`, 'repository name must not be more than 255 characters'],
];

test('long references that fail are answered at once (no nested quantifier to backtrack over)', () => {
  for (const image of ['a'.repeat(5000) + '!', `${'a-'.repeat(2000)}!`, `${'a.b_'.repeat(1000)}:`, `x/${'a'.repeat(3000)}@sha256:zz`]) {
    expect(imageReferenceProblem(image)).toBeDefined();
  }
});

test.each(VALID)('the kubelet parses %s', (image) => expect(imageReferenceProblem(image)).toBeUndefined());
test.each(INVALID)('the kubelet refuses %s', (image, problem) => expect(imageReferenceProblem(image)).toBe(problem));

ruleTester(rule, {
  valid: [pod(oneContainer({ image: 'ghcr.io/acme/web:1.4.2' })), pod(oneContainer({ image: ' ' }))],
  invalid: [
    {
      name: 'a Pod',
      object: pod(oneContainer({ image: 'ghcr.io/Acme/Web:1.4.2' })),
      errors: [{ path: 'spec.containers[0].image', message: 'container "app" image "ghcr.io/Acme/Web:1.4.2" is not a valid image reference (repository name must be lowercase); the API server accepts it, but the kubelet cannot pull it and the pod never starts (InvalidImageName)' }],
    },
    {
      name: 'an init container of a pod template',
      object: deployment({ initContainers: [ctr('init', { image: 'Busybox' })], containers: [ctr('app')] }),
      errors: [{ path: 'spec.template.spec.initContainers[0].image', message: /repository name must be lowercase/ }],
    },
  ],
});
