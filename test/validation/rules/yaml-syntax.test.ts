import rule from '../../../lib/validation/rules/yaml-syntax';
import { readYamlString } from '../../../lib/validation/yaml/read';
import { ruleTester, runRule } from '../rule-tester';

const read = (text: string) => readYamlString(text, 'f.yaml')[0]!;

ruleTester(rule, {
  valid: [
    { name: 'plain YAML', input: read('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n') },
    { name: 'go-yaml accepts \\\' in double quotes', input: read('a: "it\\\'s"\n') },
  ],
  invalid: [
    { name: 'tab indentation', input: read('a:\n  b: 1\n\tc: 2\n'), errors: [{ path: '', message: 'YAML syntax error: found a tab character that violates indentation' }] },
    { name: 'unclosed flow sequence', input: read('a: [1, 2\n'), errors: [{ path: '', message: /^YAML syntax error: / }] },
    { name: 'unknown tag', input: read('a: !!js/function "f"\n'), errors: [{ path: '', message: /^unknown YAML tag !!js\/function/ }] },
  ],
});

test('a syntax error is located at its line and column', () => {
  const [finding] = runRule(rule, [{ input: read('a: 1\nb:\n\tc: 2\n') }]);
  expect(finding!.location).toEqual({ file: 'f.yaml', line: 3, column: 1 });
});
