import rule from '../../../lib/validation/rules/yaml-limits';
import { readYamlString } from '../../../lib/validation/yaml/read';
import { ruleTester } from '../rule-tester';

const read = (text: string, maxDocumentBytes?: number) => readYamlString(text, 'f.yaml', maxDocumentBytes ? { limits: { maxDocumentBytes } } : {})[0]!;
const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]'];
for (let i = 1; i < 10; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);

ruleTester(rule, {
  valid: [
    { name: 'a few aliases', input: read('a: &a {x: 1}\nb: *a\nc: *a\n') },
    { name: 'moderate nesting', input: read(`${'['.repeat(100)}${']'.repeat(100)}\n`) },
  ],
  invalid: [
    { name: 'alias bomb', input: read(bomb.join('\n')), errors: [{ path: '', message: /^aliases expand beyond the limit of 100/ }] },
    { name: 'too deep', input: read(`${'['.repeat(2000)}${']'.repeat(2000)}\n`), errors: [{ path: '', message: 'the document nests more than 1000 levels deep; it was not read' }] },
    { name: 'too large', input: read(`a: "${'x'.repeat(200)}"\n`, 100), errors: [{ path: '', message: /^the document is 206 bytes, over the limit of 100 bytes/ }] },
  ],
});
