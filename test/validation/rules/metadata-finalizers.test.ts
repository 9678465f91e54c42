import rule from '../../../lib/validation/rules/metadata-finalizers';
import { ruleTester } from '../rule-tester';

const secret = (finalizers: unknown) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', finalizers } });

ruleTester(rule, {
  valid: [secret(['example.com/cleanup', 'kubernetes', 'foregroundDeletion'])],
  invalid: [
    { object: secret(['Bad_Value']), errors: [{ path: 'metadata.finalizers[0]', message: 'Invalid value: "Bad_Value": name is neither a standard finalizer name nor is it fully qualified' }] },
    { object: secret(['example.com/a b']), errors: [{ path: 'metadata.finalizers[0]', message: /^Invalid value: "example.com\/a b": name part must consist of/ }] },
  ],
});
