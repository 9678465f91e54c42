import rule from '../../../lib/validation/rules/volume-definition';
import { ruleTester } from '../rule-tester';
import { oneContainer, pod } from '../fixtures/pod-spec';

ruleTester(rule, {
  valid: [
    pod(oneContainer({}, { volumes: [{ name: 'a', emptyDir: {} }, { name: 'b', configMap: { name: 'c', items: [{ key: 'k', path: 'dir/file' }] } }, { name: 'img', image: { reference: 'x' } }] })),
    // Labelled by kube-apiserver v1.28.15 (test/server/controller-objects.test.ts): no source is defaulted to emptyDir; flexVolume is a source.
    { name: 'no source (defaulted to emptyDir)', object: pod(oneContainer({}, { volumes: [{ name: 'a' }] })) },
    { name: 'flexVolume', object: pod(oneContainer({}, { volumes: [{ name: 'f', flexVolume: { driver: 'example.com/lvm', options: { size: '1Gi' } } }] })) },
  ],
  invalid: [
    { object: pod(oneContainer({}, { volumes: [{ name: 'a', emptyDir: {} }, { name: 'a', emptyDir: {} }] })), errors: [{ path: 'spec.volumes[1].name', message: 'Duplicate value: "a"' }] },
    { object: pod(oneContainer({}, { volumes: [{ name: 'a', emptyDir: {}, secret: { secretName: 's' } }] })), errors: [{ path: 'spec.volumes[0].secret', message: 'Forbidden: may not specify more than 1 volume type' }] },
    { object: pod(oneContainer({}, { volumes: [{ name: 'a', flexVolume: { driver: '', options: { 'x.k8s.io/y': 'z' } } }] })), errors: [{ path: 'spec.volumes[0].flexVolume.driver', message: 'Required value' }, { path: 'spec.volumes[0].flexVolume.options[x.k8s.io/y]', message: 'Invalid value: "x.k8s.io/y": kubernetes.io and k8s.io namespaces are reserved' }] },
    { object: pod(oneContainer({}, { volumes: [{ name: 'a', iscsi: { targetPortal: '10.0.0.1:3260', iqn: 'x', lun: 256 } }] })), errors: [{ path: 'spec.volumes[0].iscsi.iqn', message: 'Invalid value: "x": must be valid format starting with iqn, eui, or naa' }, { path: 'spec.volumes[0].iscsi.lun', message: 'Invalid value: 256: must be between 0 and 255, inclusive' }] },
    { object: pod(oneContainer({}, { volumes: [{ name: 'a', gitRepo: { repository: '', directory: '/abs' } }] })), errors: [{ path: 'spec.volumes[0].gitRepo.repository', message: 'Required value' }, { path: 'spec.volumes[0].gitRepo.directory', message: 'Invalid value: "/abs": must be a relative path' }] },
    { object: pod(oneContainer({}, { volumes: [{ name: 'a', ephemeral: { volumeClaimTemplate: { metadata: { name: 'x' }, spec: { accessModes: [] } } } }] })), errors: [{ path: 'spec.volumes[0].ephemeral.volumeClaimTemplate.metadata.name', message: 'Forbidden: cannot be set' }, { path: 'spec.volumes[0].ephemeral.volumeClaimTemplate.spec.accessModes', message: 'Required value: at least 1 access mode is required' }, { path: 'spec.volumes[0].ephemeral.volumeClaimTemplate.spec.resources[storage]', message: 'Required value' }] },
    { object: pod(oneContainer({}, { volumes: [{ name: 'f', flexVolume: { driver: '', options: { 'kubernetes.io/x': 'y' } } }] })),
      errors: [{ path: 'spec.volumes[0].flexVolume.driver', message: 'Required value' }, { path: 'spec.volumes[0].flexVolume.options[kubernetes.io/x]', message: 'Invalid value: "kubernetes.io/x": kubernetes.io and k8s.io namespaces are reserved' }] },
    { object: pod(oneContainer({}, { volumes: [{ name: 'f', emptyDir: {}, flexVolume: { driver: 'd' } }] })), errors: [{ path: 'spec.volumes[0].flexVolume', message: 'Forbidden: may not specify more than 1 volume type' }] },
    { object: pod(oneContainer({}, { volumes: [{ name: 'a', hostPath: { path: '' } }] })), errors: [{ path: 'spec.volumes[0].hostPath.path', message: 'Required value' }] },
    { object: pod(oneContainer({}, { volumes: [{ name: 'a', secret: { secretName: 's', items: [{ key: 'k', path: '../x' }, { key: 'k', path: '/abs' }] } }] })), errors: [{ path: 'spec.volumes[0].secret.items[0].path', message: "Invalid value: \"../x\": must not contain '..'" }, { path: 'spec.volumes[0].secret.items[1].path', message: 'Invalid value: "/abs": must be a relative path' }] },
  ],
});
