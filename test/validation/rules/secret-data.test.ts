import rule from '../../../lib/validation/rules/secret-data';
import { ruleTester } from '../rule-tester';
import { secret } from '../fixtures/objects-2b';

const MiB = 1024 * 1024;
/** Base64 of n zero bytes (every 4 characters decode to 3 bytes). */
const zeros = (n: number) => Buffer.alloc(n).toString('base64');

ruleTester(rule, {
  valid: [
    secret({ data: { 'tls.crt': 'QQ==', 'tls.key': 'QQ==' }, type: 'kubernetes.io/tls' }),
    secret({ stringData: { username: 'admin' }, type: 'kubernetes.io/basic-auth' }),
    secret({ type: 'example.com/custom' }),
    secret({ type: 'kubernetes.io/service-account-token', metadata: { name: 't', annotations: { 'kubernetes.io/service-account.name': 'build' } } }),
    // Exactly 1 MiB once decoded, as the server measures it.
    secret({ data: { a: zeros(MiB / 2), b: zeros(MiB / 2) } }),
    // Line breaks inside a value are not data: 1 MiB decoded, though the text is longer.
    secret({ data: { a: zeros(MiB).replace(/.{76}/g, '$&\n') } }),
  ],
  invalid: [
    {
      name: 'kubernetes.io/tls needs tls.crt and tls.key',
      object: secret({ type: 'kubernetes.io/tls', data: { 'tls.crt': 'QQ==' } }),
      errors: [{ path: 'data[tls.key]', message: 'Required value' }],
    },
    { object: secret({ type: 'kubernetes.io/dockerconfigjson', data: {} }), errors: [{ path: 'data[.dockerconfigjson]', message: 'Required value' }] },
    {
      object: secret({ type: 'kubernetes.io/service-account-token' }),
      errors: [{ path: 'metadata.annotations[kubernetes.io/service-account.name]', message: 'Required value' }],
    },
    { object: secret({ stringData: { 'bad key': 'x' } }), errors: [{ path: 'data[bad key]', message: /^Invalid value: "bad key": a valid config key must consist/ }] },
    {
      name: 'data over 1 MiB decoded, over two keys',
      object: secret({ data: { a: zeros(MiB / 2), b: zeros(MiB / 2 + 1) } }),
      errors: [{ path: 'data', message: `Too long: must have at most ${MiB} bytes` }],
    },
    {
      name: 'stringData counts in bytes and replaces the data of its key',
      object: secret({ data: { a: zeros(16) }, stringData: { a: 'x'.repeat(MiB), b: 'y' } }),
      errors: [{ path: 'data', message: `Too long: must have at most ${MiB} bytes` }],
    },
  ],
});
