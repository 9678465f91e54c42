import rule from '../../../lib/validation/rules/volume-definition';
import { ruleTester } from '../rule-tester';
import { oneContainer, pod } from '../fixtures/pod-spec';

ruleTester(rule, {
  valid: [pod(oneContainer({}, { volumes: [{ name: 'a', emptyDir: {} }, { name: 'b', configMap: { name: 'c', items: [{ key: 'k', path: 'dir/file' }] } }, { name: 'img', image: { reference: 'x' } }] }))],
  invalid: [
    { object: pod(oneContainer({}, { volumes: [{ name: 'a', emptyDir: {} }, { name: 'a', emptyDir: {} }] })), errors: [{ path: 'spec.volumes[1].name', message: 'Duplicate value: "a"' }] },
    { object: pod(oneContainer({}, { volumes: [{ name: 'a', emptyDir: {}, secret: { secretName: 's' } }] })), errors: [{ path: 'spec.volumes[0].secret', message: 'Forbidden: may not specify more than 1 volume type' }] },
    { object: pod(oneContainer({}, { volumes: [{ name: 'a' }] })), errors: [{ path: 'spec.volumes[0]', message: 'Required value: must specify a volume type' }] },
    { object: pod(oneContainer({}, { volumes: [{ name: 'a', hostPath: { path: '' } }] })), errors: [{ path: 'spec.volumes[0].hostPath.path', message: 'Required value' }] },
    { object: pod(oneContainer({}, { volumes: [{ name: 'a', secret: { secretName: 's', items: [{ key: 'k', path: '../x' }, { key: 'k', path: '/abs' }] } }] })), errors: [{ path: 'spec.volumes[0].secret.items[0].path', message: "Invalid value: \"../x\": must not contain '..'" }, { path: 'spec.volumes[0].secret.items[1].path', message: 'Invalid value: "/abs": must be a relative path' }] },
  ],
});
