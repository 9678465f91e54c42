import rule from '../../../lib/validation/rules/persistentvolume-spec';
import { ruleTester } from '../rule-tester';

// Every case labelled by kube-apiserver v1.28.15 (dry-run create, strict field validation).
const pv = (spec: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv' }, spec });
const base = { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'] };

ruleTester(rule, {
  valid: [
    pv({ ...base, hostPath: { path: '/tmp' } }),
    { name: 'Recycle reclaim policy', object: pv({ ...base, hostPath: { path: '/tmp' }, persistentVolumeReclaimPolicy: 'Recycle' }) },
    { name: 'csi', object: pv({ ...base, csi: { driver: 'x.example.com', volumeHandle: 'h' } }) },
  ],
  invalid: [
    { name: 'no capacity', object: pv({ accessModes: ['ReadWriteOnce'], hostPath: { path: '/tmp' } }), errors: [{ path: 'spec.capacity', message: 'Required value' }] },
    { name: 'no access modes', object: pv({ capacity: { storage: '1Gi' }, hostPath: { path: '/tmp' } }), errors: [{ path: 'spec.accessModes', message: 'Required value' }] },
    { name: 'no volume source', object: pv(base), errors: [{ path: 'spec', message: 'Required value: must specify a volume type' }] },
    { name: 'two volume sources', object: pv({ ...base, hostPath: { path: '/tmp' }, nfs: { server: 's', path: '/x' } }), errors: [{ path: 'spec.nfs', message: 'Forbidden: may not specify more than 1 volume type' }] },
    { name: 'ReadWriteOncePod with another mode', object: pv({ ...base, accessModes: ['ReadWriteOncePod', 'ReadWriteOnce'], hostPath: { path: '/tmp' } }), errors: [{ path: 'spec.accessModes', message: 'Forbidden: may not use ReadWriteOncePod with other access modes' }] },
    { name: 'a cpu capacity', object: pv({ ...base, capacity: { storage: '1Gi', cpu: '1' }, hostPath: { path: '/tmp' } }), errors: [{ path: 'spec.capacity', message: /^Unsupported value: .*: supported values: "storage"$/ }] },
    { name: 'zero storage', object: pv({ ...base, capacity: { storage: '0' }, hostPath: { path: '/tmp' } }), errors: [{ path: 'spec.capacity[storage]', message: 'Invalid value: "0": must be greater than zero' }] },
    { name: 'storageClassName', object: pv({ ...base, hostPath: { path: '/tmp' }, storageClassName: 'Bad_Class' }), errors: [{ path: 'spec.storageClassName', message: /^Invalid value: "Bad_Class": a lowercase RFC 1123 subdomain/ }] },
    { name: 'local without node affinity', object: pv({ ...base, local: { path: '/mnt' } }), errors: [{ path: 'spec.nodeAffinity', message: 'Required value: Local volume requires node affinity' }] },
    {
      name: 'csi driver and handle',
      object: pv({ ...base, csi: { driver: 'Bad_Driver', volumeHandle: '' } }),
      errors: [{ path: 'spec.csi.driver', message: /^Invalid value: "Bad_Driver": a lowercase RFC 1123 subdomain/ }, { path: 'spec.csi.volumeHandle', message: 'Required value' }],
    },
  ],
});
