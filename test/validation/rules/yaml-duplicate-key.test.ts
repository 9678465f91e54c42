import rule from '../../../lib/validation/rules/yaml-duplicate-key';
import { readYamlString } from '../../../lib/validation/yaml/read';
import { ruleTester, runRule } from '../rule-tester';

const read = (text: string) => readYamlString(text, 'f.yaml')[0]!;

ruleTester(rule, {
  valid: [
    { name: 'distinct keys', input: read('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n') },
    { name: 'same key in different mappings', input: read('a: {x: 1}\nb: {x: 2}\n') },
  ],
  invalid: [
    { name: 'repeated metadata.name', input: read('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n'), errors: [{ path: 'metadata.name', message: 'duplicate field "name"' }] },
    { name: 'inside a list', input: read('spec:\n  containers:\n  - name: a\n    image: x\n    image: y\n'), errors: [{ path: 'spec.containers[0].image', message: 'duplicate field "image"' }] },
  ],
});

test('the finding points at the second key', () => {
  const [f] = runRule(rule, [{ input: read('a: 1\nb: 2\na: 3\n') }]);
  expect(f!.location).toEqual({ file: 'f.yaml', line: 3, column: 1 });
});
