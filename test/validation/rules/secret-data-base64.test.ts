import rule, { base64ErrorOffset } from '../../../lib/validation/rules/secret-data-base64';
import { ruleTester } from '../rule-tester';

const secret = (data: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data });

ruleTester(rule, {
  valid: [
    secret({ a: 'aGVsbG8=', b: 'aGk=', c: 'YWJj', d: '', e: 'aGVs\nbG8=\n' }),
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { a: 'not base64!' } },
  ],
  invalid: [
    {
      name: 'the website corpus placeholder (secret/tls-auth-secret.yaml)',
      object: secret({ 'tls.crt': 'REPLACE_WITH_BASE64_CERT' }),
      errors: [{ path: 'data[tls.crt]', message: 'illegal base64 data at input byte 7' }],
    },
    { name: 'missing padding', object: secret({ a: 'aGVsbG8' }), errors: [{ path: 'data[a]', message: 'illegal base64 data at input byte 4' }] },
  ],
});

// Offsets worked by hand from Go's decodeQuantum (src/encoding/base64/base64.go); the
// corpus case above is what a real API server reported (LABELS.tsv: input byte 7).
test.each([
  ['aGVsbG8=', undefined],
  ['YQ==', undefined],
  ['YQ=', 3],
  ['Y===', 1],
  ['YQ==YQ==', 4],
  ['a', 0],
  ['ab', 0],
  ['abc', 0],
  ['ab-d', 2],
  ['é', 0],
])('base64ErrorOffset(%j) = %j', (text, offset) => {
  expect(base64ErrorOffset(text)).toBe(offset);
});
