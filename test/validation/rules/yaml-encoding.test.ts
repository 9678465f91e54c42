import rule from '../../../lib/validation/rules/yaml-encoding';
import { YamlStreamReader } from '../../../lib/validation/yaml/read';
import { ruleTester, runRule } from '../rule-tester';

const read = (bytes: Buffer) => {
  const r = new YamlStreamReader('f.yaml');
  return [...r.push(bytes), ...r.end()][0]!;
};

ruleTester(rule, {
  valid: [
    { name: 'UTF-8 text with non-ASCII', input: read(Buffer.from('a: "héllo ✓"\n')) },
  ],
  invalid: [
    { name: 'invalid UTF-8', input: read(Buffer.concat([Buffer.from('a: 1\nb: "'), Buffer.from([0xff]), Buffer.from('"\n')])), errors: [{ path: '', message: 'the document is not valid UTF-8: byte 0xff at byte offset 9 of the document' }] },
    { name: 'NUL byte', input: read(Buffer.from('a: "\u0000"\n')), errors: [{ path: '', message: 'the document contains a NUL byte (binary data); YAML must be text' }] },
  ],
});

test('the finding carries the line of the bad byte', () => {
  const [f] = runRule(rule, [{ input: read(Buffer.concat([Buffer.from('a: 1\nb: "'), Buffer.from([0xff]), Buffer.from('"\n')])) }]);
  expect(f!.location).toEqual({ file: 'f.yaml', line: 2, column: 5 });
});
