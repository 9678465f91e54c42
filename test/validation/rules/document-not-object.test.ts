import rule from '../../../lib/validation/rules/document-not-object';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } },
    { name: 'empty document', object: null },
  ],
  invalid: [
    { name: 'scalar', object: 'hello', errors: [{ path: '', message: 'the document is a string ("hello"), not a Kubernetes object' }] },
    { name: 'list', object: [1, 2], errors: [{ path: '', message: 'the document is a list, not a Kubernetes object' }] },
    { name: 'number', object: 42, errors: [{ path: '', message: /a number/ }] },
  ],
});
