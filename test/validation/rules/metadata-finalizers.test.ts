import rule from '../../../lib/validation/rules/metadata-finalizers';
import { ruleTester } from '../rule-tester';

const secret = (finalizers: unknown) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', finalizers } });

ruleTester(rule, {
  valid: [secret(['example.com/cleanup', 'kubernetes', 'foregroundDeletion'])],
  invalid: [
    { object: secret(['Bad_Value']), errors: [{ path: 'metadata.finalizers[0]', message: 'Invalid value: "Bad_Value": name is neither a standard finalizer name nor is it fully qualified' }] },
    { object: secret(['example.com/a b']), errors: [{ path: 'metadata.finalizers[0]', message: /^Invalid value: "example.com\/a b": name part must consist of/ }] },
    {
      name: 'a template\'s finalizers go onto every Pod the controller creates',
      object: { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'r' }, spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' }, finalizers: ['cleanup'] }, spec: { containers: [{ name: 'c', image: 'x' }] } } } },
      errors: [{ path: 'spec.template.metadata.finalizers[0]', message: 'the API server accepts the template, but refuses every Pod its controller creates: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified' }],
    },
  ],
});
