import { objectRule } from '../util/define-rule';
import { fieldInvalid, fieldRequired, fieldTooLong, isConfigMapKey } from '../util/k8s-names';
import { dig } from '../util/object-checks';
import { asObject, field } from '../util/values';
import { mapKey } from '../util/path';

/** core.MaxSecretSize: 1 MiB of decoded data. */
const MAX_SIZE = 1024 * 1024;

/** The keys each built-in Secret type must carry (ValidateSecret, v1.28). */
export default objectRule({
  id: 'secret-data',
  layer: 'api-server',
  severity: 'error',
  description: 'Secret keys must be valid config keys, the data at most 1 MiB, and built-in types must carry their required keys.',
  fix: 'Use keys of letters, digits, \'-\', \'_\' and \'.\', and give typed Secrets their keys (tls.crt and tls.key for kubernetes.io/tls, .dockerconfigjson for kubernetes.io/dockerconfigjson, ...).',
  source: 'ValidateSecret in pkg/apis/core/validation/validation.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/concepts/configuration/secret/#secret-types',
  kinds: ['Secret'],
}, (ctx) => {
  const { object } = ctx.target;
  const data = asObject(field(object, 'data')) ?? {};
  const stringData = asObject(field(object, 'stringData')) ?? {};
  // stringData is merged into data before validation; its keys are reported under data.
  // A value's size is what it decodes to; Buffer.byteLength(v, 'base64') is never below that
  // (it counts every character as data), so values are decoded only when the bound is over the limit.
  const sizes = new Map<string, number>();
  const encoded = new Map<string, string>();
  for (const key of Object.keys(data)) {
    const v = field(data, key);
    sizes.set(key, typeof v === 'string' ? Buffer.byteLength(v, 'base64') : 0);
    if (typeof v === 'string') encoded.set(key, v);
  }
  for (const key of Object.keys(stringData)) {
    const v = field(stringData, key);
    sizes.set(key, typeof v === 'string' ? Buffer.byteLength(v, 'utf8') : 0);
    encoded.delete(key);
  }
  let total = 0;
  for (const [key, size] of sizes) {
    for (const msg of isConfigMapKey(key)) ctx.report({ path: ['data', mapKey(key)], message: fieldInvalid(key, msg) });
    total += size;
  }
  if (total > MAX_SIZE) {
    for (const [key, v] of encoded) total += Buffer.from(v, 'base64').length - sizes.get(key)!;
    if (total > MAX_SIZE) ctx.report({ path: ['data'], message: fieldTooLong(MAX_SIZE) });
  }

  const required = (key: string) => ctx.report({ path: ['data', mapKey(key)], message: fieldRequired() });
  switch (field(object, 'type')) {
    case 'kubernetes.io/service-account-token': {
      const sa = dig(object, ['metadata', 'annotations', 'kubernetes.io/service-account.name']);
      if (typeof sa !== 'string' || sa === '') {
        ctx.report({ path: ['metadata', 'annotations', 'kubernetes.io/service-account.name'], message: fieldRequired() });
      }
      break;
    }
    case 'kubernetes.io/dockercfg':
      if (!sizes.has('.dockercfg')) required('.dockercfg');
      break;
    case 'kubernetes.io/dockerconfigjson':
      if (!sizes.has('.dockerconfigjson')) required('.dockerconfigjson');
      break;
    case 'kubernetes.io/basic-auth':
      if (!sizes.has('username') && !sizes.has('password')) {
        required('username');
        required('password');
      }
      break;
    case 'kubernetes.io/ssh-auth':
      if (!sizes.get('ssh-privatekey')) required('ssh-privatekey');
      break;
    case 'kubernetes.io/tls':
      if (!sizes.has('tls.crt')) required('tls.crt');
      if (!sizes.has('tls.key')) required('tls.key');
      break;
    default:
      break;
  }
});
