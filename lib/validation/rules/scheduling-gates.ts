import { podRule } from '../util/define-rule';
import { fieldDuplicate, fieldForbidden, fieldInvalid, isQualifiedName } from '../util/k8s-names';
import { asArray, field, isObject } from '../util/values';

/**
 * Scheduling gates: each name is a qualified name, listed once (the server
 * reports both at the gate itself, `schedulingGates[i]`); and a Pod created
 * with gates may not already name its node. Follows validateSchedulingGates
 * (ValidatePodSpec) and ValidatePodCreate (v1.28; PodSchedulingReadiness is
 * beta and on from 1.27).
 */
export default podRule({
  id: 'scheduling-gates',
  layer: 'api-server',
  severity: 'error',
  description: 'schedulingGates names must be unique qualified names, and a Pod with scheduling gates may not set nodeName.',
  fix: 'Name each gate once, like a label key (example.com/quota-check), and leave nodeName unset while the pod has scheduling gates.',
  source: 'validateSchedulingGates and ValidatePodCreate in pkg/apis/core/validation/validation.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/concepts/scheduling-eviction/pod-scheduling-readiness/',
}, (ctx) => {
  const gates = asArray(field(ctx.pod.spec, 'schedulingGates'));
  const seen = new Set<string>();
  gates.forEach((g, i) => {
    if (!isObject(g)) return;
    const name = field(g, 'name');
    // A missing name is the schema layer's `Required value` (schema-required).
    if (typeof name !== 'string') return;
    for (const m of isQualifiedName(name)) ctx.report({ path: ['schedulingGates', i], message: fieldInvalid(name, m) });
    if (seen.has(name)) ctx.report({ path: ['schedulingGates', i], message: fieldDuplicate(name) });
    seen.add(name);
  });
  const nodeName = field(ctx.pod.spec, 'nodeName');
  if (!ctx.pod.template && gates.length > 0 && typeof nodeName === 'string' && nodeName !== '') {
    ctx.report({ path: ['nodeName'], message: fieldForbidden('cannot be set until all schedulingGates have been cleared') });
  }
});
