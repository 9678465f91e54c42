import rule from '../../../lib/validation/rules/volume-devices';
import { ruleTester } from '../rule-tester';
import { oneContainer, pod } from '../fixtures/pod-spec';

const vols = { volumes: [{ name: 'blk', persistentVolumeClaim: { claimName: 'c' } }, { name: 'tmp', emptyDir: {} }] };
ruleTester(rule, {
  valid: [pod(oneContainer({ volumeDevices: [{ name: 'blk', devicePath: '/dev/xvda' }] }, vols))],
  invalid: [
    { object: pod(oneContainer({ volumeDevices: [{ name: 'tmp', devicePath: '/dev/x' }] }, vols)), errors: [{ path: 'spec.containers[0].volumeDevices[0].name', message: 'Invalid value: "tmp": can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode' }] },
    { object: pod(oneContainer({ volumeDevices: [{ name: 'nope', devicePath: '/dev/x' }] }, vols)), errors: [{ path: 'spec.containers[0].volumeDevices[0].name', message: 'Not found: "nope"' }] },
  ],
});
