import rule from '../../../lib/validation/rules/env-secret-literal';
import { pod } from '../fixtures/pss-pods';
import { ruleTester } from '../rule-tester';

const withEnv = (...env: unknown[]) => pod({ containers: [{ name: 'app', image: 'x', env }] });

ruleTester(rule, {
  valid: [
    withEnv({ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 's', key: 'pw' } } }),
    withEnv({ name: 'PASSWORD_FILE', value: '/run/secrets/pw' }, { name: 'LOG_LEVEL', value: 'debug' }, { name: 'API_TOKEN', value: '' }),
    { name: 'flag values', object: withEnv({ name: 'MYSQL_ALLOW_EMPTY_PASSWORD', value: '1' }) },
  ],
  invalid: [
    { object: withEnv({ name: 'LOG_LEVEL', value: 'debug' }, { name: 'MYSQL_ROOT_PASSWORD', value: 'hunter2' }),
      errors: [{ path: 'spec.containers[0].env[1].value', message: 'env var "MYSQL_ROOT_PASSWORD" of container "app" looks like a secret but is a literal value; anyone who can read the Pod can read it' }] },
    { object: withEnv({ name: 'api_key', value: 'abc' }), errors: [{ path: 'spec.containers[0].env[0].value' }] },
  ],
});
