import rule from '../../../lib/validation/rules/secret-data';
import { ruleTester } from '../rule-tester';
import { secret } from '../fixtures/objects-2b';

ruleTester(rule, {
  valid: [
    secret({ data: { 'tls.crt': 'QQ==', 'tls.key': 'QQ==' }, type: 'kubernetes.io/tls' }),
    secret({ stringData: { username: 'admin' }, type: 'kubernetes.io/basic-auth' }),
    secret({ type: 'example.com/custom' }),
    secret({ type: 'kubernetes.io/service-account-token', metadata: { name: 't', annotations: { 'kubernetes.io/service-account.name': 'build' } } }),
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
  ],
});
