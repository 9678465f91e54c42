import { podRule } from '../util/define-rule';
import { fieldInvalid, fieldNotSupported, isQualifiedName, isValidLabelValue } from '../util/k8s-names';
import { asArray, asString, field, isObject } from '../util/values';

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/**
 * Tolerations: a label-key key; an empty key needs operator Exists; operator is
 * Equal or Exists, with Exists forbidding a value; tolerationSeconds only with
 * effect NoExecute; effect a known taint effect. Follows ValidateTolerations and
 * validateTaintEffect (v1.28). Note the server reports a bad value at `operator`.
 */
export default podRule({
  id: 'tolerations',
  layer: 'api-server',
  severity: 'error',
  description: 'Tolerations need a valid key, operator Equal or Exists, and tolerationSeconds only with NoExecute.',
  fix: 'Use operator Equal (with a value) or Exists (without one); leave key empty only with Exists; set tolerationSeconds only with effect NoExecute.',
  source: 'ValidateTolerations in pkg/apis/core/validation/validation.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/',
}, (ctx) => {
  asArray(field(ctx.pod.spec, 'tolerations')).forEach((t, i) => {
    if (!isObject(t)) return;
    const at = ['tolerations', i];
    const key = asString(field(t, 'key')) ?? '';
    const operator = asString(field(t, 'operator')) ?? '';
    const value = asString(field(t, 'value')) ?? '';
    const effect = asString(field(t, 'effect')) ?? '';
    if (key !== '') for (const m of isQualifiedName(key)) ctx.report({ path: [...at, 'key'], message: fieldInvalid(key, m) });
    if (key === '' && operator !== 'Exists') {
      ctx.report({ path: [...at, 'operator'], message: fieldInvalid(operator, 'operator must be Exists when `key` is empty, which means "match all values and all keys"') });
    }
    const seconds = field(t, 'tolerationSeconds');
    if (seconds !== undefined && seconds !== null && effect !== 'NoExecute') {
      ctx.report({ path: [...at, 'effect'], message: fieldInvalid(effect, "effect must be 'NoExecute' when `tolerationSeconds` is set") });
    }
    if (operator === 'Equal' || operator === '') {
      const errs = isValidLabelValue(value);
      if (errs.length > 0) ctx.report({ path: [...at, 'operator'], message: fieldInvalid(value, errs.join(';')) });
    } else if (operator === 'Exists') {
      if (value !== '') ctx.report({ path: [...at, 'operator'], message: fieldInvalid(t, "value must be empty when `operator` is 'Exists'") });
    } else {
      ctx.report({ path: [...at, 'operator'], message: fieldNotSupported(operator, ['Equal', 'Exists']) });
    }
    if (effect !== '' && !EFFECTS.includes(effect)) ctx.report({ path: [...at, 'effect'], message: fieldNotSupported(effect, EFFECTS) });
  });
});
