import { podRule } from '../util/define-rule';
import { fieldInvalid, isQualifiedName } from '../util/k8s-names';
import { asArray, field, isObject } from '../util/values';

/**
 * Each readiness gate's conditionType is a qualified name (`name` or
 * `prefix/name`, like a label key), e.g. `www.example.com/feature-1`. Follows
 * validateReadinessGates in ValidatePodSpec (v1.28).
 */
export default podRule({
  id: 'readiness-gates',
  layer: 'api-server',
  severity: 'error',
  description: 'readinessGates conditionType must be a qualified name.',
  fix: 'Use a condition type such as example.com/ready: an optional DNS subdomain prefix and \'/\', then letters, digits, \'-\', \'_\' or \'.\' (at most 63), starting and ending with a letter or digit.',
  source: 'validateReadinessGates in pkg/apis/core/validation/validation.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-readiness-gate',
}, (ctx) => {
  asArray(field(ctx.pod.spec, 'readinessGates')).forEach((g, i) => {
    if (!isObject(g)) return;
    const type = field(g, 'conditionType');
    // A missing conditionType is the schema layer's `Required value` (schema-required).
    if (typeof type !== 'string') return;
    for (const m of isQualifiedName(type)) ctx.report({ path: ['readinessGates', i, 'conditionType'], message: fieldInvalid(type, m) });
  });
});
