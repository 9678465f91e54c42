import rule from '../../../lib/validation/rules/metadata-annotations';
import { ruleTester } from '../rule-tester';
import { deployment } from '../fixtures/objects-2b';

ruleTester(rule, {
  valid: [
    deployment({}, { name: 'web', annotations: { 'Example.COM/Note': 'case does not matter', note: 'x'.repeat(1000) } }),
  ],
  invalid: [
    {
      object: deployment({}, { name: 'web', annotations: { 'bad key': 'x' } }),
      errors: [{ path: 'metadata.annotations', message: /^Invalid value: "bad key": name part must consist of alphanumeric characters/ }],
    },
    {
      name: 'over 256 KiB in total',
      object: deployment({}, { name: 'web', annotations: { a: 'x'.repeat(200 * 1024), b: 'y'.repeat(60 * 1024) } }),
      errors: [{ path: 'metadata.annotations', message: 'Too long: must have at most 262144 bytes' }],
    },
    {
      name: 'pod template annotations',
      object: deployment({ template: { metadata: { labels: { app: 'web' }, annotations: { '/x': 'y' } }, spec: { containers: [] } } }),
      errors: [{ path: 'spec.template.annotations', message: 'Invalid value: "/x": prefix part must be non-empty' }],
    },
  ],
});
