import { objectRule } from '../util/define-rule';
import { fieldInvalid, fieldTooLong, isConfigMapKey } from '../util/k8s-names';
import { asObject, field } from '../util/values';
import { mapKey } from '../util/path';

/** core.MaxSecretSize, which ConfigMaps share: 1 MiB of data and binaryData together. */
const MAX_SIZE = 1024 * 1024;

export default objectRule({
  id: 'configmap-data',
  layer: 'api-server',
  severity: 'error',
  description: 'ConfigMap keys must be valid config keys, unique across data and binaryData, and the data at most 1 MiB.',
  fix: 'Use keys of letters, digits, \'-\', \'_\' and \'.\' (at most 253), keep each key in only one of data and binaryData, and keep the total under 1 MiB.',
  source: 'ValidateConfigMap in pkg/apis/core/validation/validation.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/concepts/configuration/configmap/',
  kinds: ['ConfigMap'],
}, (ctx) => {
  const { object } = ctx.target;
  const data = asObject(field(object, 'data')) ?? {};
  const binary = asObject(field(object, 'binaryData')) ?? {};
  let total = 0;
  for (const key of Object.keys(data)) {
    for (const msg of isConfigMapKey(key)) ctx.report({ path: ['data', mapKey(key)], message: fieldInvalid(key, msg) });
    if (Object.prototype.hasOwnProperty.call(binary, key)) {
      ctx.report({ path: ['data', mapKey(key)], message: fieldInvalid(key, 'duplicate of key present in binaryData') });
    }
    const v = field(data, key);
    if (typeof v === 'string') total += Buffer.byteLength(v, 'utf8');
  }
  for (const key of Object.keys(binary)) {
    for (const msg of isConfigMapKey(key)) ctx.report({ path: ['binaryData', key], message: fieldInvalid(key, msg) });
    const v = field(binary, key);
    if (typeof v === 'string') total += Buffer.from(v, 'base64').length;
  }
  // The server passes an empty path: the error is about the whole object.
  if (total > MAX_SIZE) ctx.report({ path: [], message: fieldTooLong(MAX_SIZE) });
});
