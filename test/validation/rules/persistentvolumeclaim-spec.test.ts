import rule from '../../../lib/validation/rules/persistentvolumeclaim-spec';
import { ruleTester } from '../rule-tester';

// Every case labelled by kube-apiserver v1.28.15 (dry-run create, strict field validation).
const pvc = (spec: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'pvc' }, spec });
const requests = { requests: { storage: '1Gi' } };

ruleTester(rule, {
  valid: [
    pvc({ accessModes: ['ReadWriteOnce'], resources: requests }),
    { name: 'a storage limit below the request is accepted on create', object: pvc({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' }, limits: { storage: '500Mi' } } }) },
  ],
  invalid: [
    { name: 'no access modes', object: pvc({ resources: requests }), errors: [{ path: 'spec.accessModes', message: 'Required value: at least 1 access mode is required' }] },
    { name: 'no storage request', object: pvc({ accessModes: ['ReadWriteOnce'] }), errors: [{ path: 'spec.resources[storage]', message: 'Required value' }] },
    { name: 'zero storage', object: pvc({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '0' } } }), errors: [{ path: 'spec.resources[storage]', message: 'Invalid value: "0": must be greater than zero' }] },
    { name: 'ReadWriteOncePod with another mode', object: pvc({ accessModes: ['ReadWriteOncePod', 'ReadOnlyMany'], resources: requests }), errors: [{ path: 'spec.accessModes', message: 'Forbidden: may not use ReadWriteOncePod with other access modes' }] },
    { name: 'storageClassName', object: pvc({ accessModes: ['ReadWriteOnce'], resources: requests, storageClassName: 'Bad_Class' }), errors: [{ path: 'spec.storageClassName', message: /^Invalid value: "Bad_Class": a lowercase RFC 1123 subdomain/ }] },
  ],
});
