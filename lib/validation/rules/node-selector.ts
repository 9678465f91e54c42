import { podRule } from '../util/define-rule';
import { fieldInvalid, isQualifiedName, isValidLabelValue } from '../util/k8s-names';
import { asObject, field } from '../util/values';

/**
 * nodeSelector keys are label keys (qualified names) and values label values.
 * Follows ValidateLabels as called from ValidatePodSpec (v1.28); the server
 * reports both at `nodeSelector`, without the key.
 */
export default podRule({
  id: 'node-selector',
  layer: 'api-server',
  severity: 'error',
  description: 'nodeSelector keys and values must be valid label keys and values.',
  fix: 'Use label keys like kubernetes.io/os or disktype, and values of at most 63 letters, digits, \'-\', \'_\' or \'.\'.',
  source: 'ValidatePodSpec (ValidateLabels) in pkg/apis/core/validation/validation.go (v1.28)',
}, (ctx) => {
  const selector = asObject(field(ctx.pod.spec, 'nodeSelector'));
  if (!selector) return;
  for (const [key, value] of Object.entries(selector)) {
    for (const m of isQualifiedName(key)) ctx.report({ path: ['nodeSelector'], message: fieldInvalid(key, m) });
    if (typeof value === 'string') for (const m of isValidLabelValue(value)) ctx.report({ path: ['nodeSelector'], message: fieldInvalid(value, m) });
  }
});
