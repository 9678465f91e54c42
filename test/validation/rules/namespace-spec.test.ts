import rule from '../../../lib/validation/rules/namespace-spec';
import { ruleTester } from '../rule-tester';

// Every case labelled by kube-apiserver v1.28.15 (dry-run create, strict field validation).
const ns = (finalizers: string[]) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ns' }, spec: { finalizers } });

ruleTester(rule, {
  valid: [
    ns(['kubernetes']),
    ns(['example.com/x']),
  ],
  invalid: [
    { name: 'not fully qualified', object: ns(['nodomain']), errors: [{ path: 'spec.finalizers', message: 'Invalid value: "nodomain": name is neither a standard finalizer name nor is it fully qualified' }] },
    {
      name: 'not a qualified name',
      object: ns(['kubernetes', 'bad finalizer']),
      errors: [
        { path: 'spec.finalizers', message: /^Invalid value: "bad finalizer": name part must consist of alphanumeric characters/ },
        { path: 'spec.finalizers', message: 'Invalid value: "bad finalizer": name is neither a standard finalizer name nor is it fully qualified' },
      ],
    },
  ],
});
