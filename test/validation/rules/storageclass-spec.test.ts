import rule from '../../../lib/validation/rules/storageclass-spec';
import { ruleTester } from '../rule-tester';

// Every case labelled by kube-apiserver v1.28.15 (dry-run create, strict field validation).
const sc = (body: Record<string, unknown>) => ({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'sc' }, ...body });

ruleTester(rule, {
  valid: [
    sc({ provisioner: 'kubernetes.io/no-provisioner' }),
    sc({ provisioner: 'x.example.com', reclaimPolicy: 'Retain', volumeBindingMode: 'WaitForFirstConsumer', parameters: { type: 'gp3' } }),
  ],
  invalid: [
    { name: 'empty provisioner', object: sc({ provisioner: '' }), errors: [{ path: 'provisioner', message: 'Required value' }] },
    { name: 'provisioner checked in lower case', object: sc({ provisioner: 'Bad Provisioner' }), errors: [{ path: 'provisioner', message: /^Invalid value: "bad provisioner": name part must consist of alphanumeric characters/ }] },
    { name: 'Recycle', object: sc({ provisioner: 'x.example.com', reclaimPolicy: 'Recycle' }), errors: [{ path: 'reclaimPolicy', message: 'Unsupported value: "Recycle": supported values: "Delete", "Retain"' }] },
    { name: 'empty parameter key', object: sc({ provisioner: 'x.example.com', parameters: { '': 'x' } }), errors: [{ path: 'parameters', message: 'Invalid value: "": field can not be empty.' }] },
  ],
});
