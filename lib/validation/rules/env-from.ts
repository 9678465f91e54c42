import { podRule } from '../util/define-rule';
import { containersOf } from '../util/containers';
import { fieldInvalid, fieldRequired, isDNS1123Subdomain, isEnvVarName } from '../util/k8s-names';
import { asArray, asString, field, isObject } from '../util/values';
import { atLeast } from '../util/version';

/**
 * envFrom: a valid prefix, and exactly one of configMapRef or secretRef, with a
 * name. Follows ValidateEnvFrom, validateConfigMapEnvSource and
 * validateSecretEnvSource (v1.28). The server reports the source count at
 * `envFrom`, not at the entry.
 */
export default podRule({
  id: 'env-from',
  layer: 'api-server',
  severity: 'error',
  description: 'Each envFrom entry needs exactly one of configMapRef or secretRef, with a name, and a valid prefix.',
  fix: 'Split the entry so each has one configMapRef or one secretRef with a name; use a prefix made of letters, digits, \'_\', \'-\' or \'.\'.',
  source: 'ValidateEnvFrom in pkg/apis/core/validation/validation.go (v1.28)',
}, (ctx) => {
  for (const c of containersOf(ctx.pod.spec)) {
    const listPath = [...c.path, 'envFrom'];
    asArray(field(c.container, 'envFrom')).forEach((ef, i) => {
      if (!isObject(ef)) return;
      const at = [...listPath, i];
      const prefix = asString(field(ef, 'prefix')) ?? '';
      if (prefix !== '') for (const m of isEnvVarName(prefix, atLeast(ctx.settings.k8sVersion, '1.32'))) ctx.report({ path: [...at, 'prefix'], message: fieldInvalid(prefix, m) });
      let sources = 0;
      for (const key of ['configMapRef', 'secretRef']) {
        const ref = field(ef, key);
        if (!isObject(ref)) continue;
        sources++;
        const name = asString(field(ref, 'name')) ?? '';
        if (name === '') ctx.report({ path: [...at, key, 'name'], message: fieldRequired() });
        else for (const m of isDNS1123Subdomain(name)) ctx.report({ path: [...at, key, 'name'], message: fieldInvalid(name, m) });
      }
      if (sources === 0) ctx.report({ path: listPath, message: fieldInvalid('', 'must specify one of: `configMapRef` or `secretRef`') });
      else if (sources > 1) ctx.report({ path: listPath, message: fieldInvalid('', 'may not have more than one field specified at a time') });
    });
  }
});
