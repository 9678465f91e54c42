import { podRule } from '../util/define-rule';
import { REFUSED_PODS } from '../util/pod-validation';
import { asString, field } from '../util/values';

/**
 * The Priority admission plugin computes a Pod's priority and preemptionPolicy from its
 * priorityClassName and refuses a Pod that sets them to anything else
 * (plugin/pkg/admission/priority/admission.go, v1.28). Without a priorityClassName (and
 * no globalDefault class) the computed values are 0 and PreemptLowerPriority; with a
 * class they depend on the cluster, so only the classless case is checked. The server
 * accepts such a template and refuses every Pod made from it.
 */
export default podRule({
  id: 'pod-priority',
  layer: 'api-server',
  severity: 'error',
  description: 'priority and preemptionPolicy are computed from priorityClassName; a Pod may not set other values.',
  fix: 'Remove priority and preemptionPolicy and set priorityClassName to a PriorityClass that carries them.',
  source: 'Priority admission plugin, plugin/pkg/admission/priority/admission.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/',
}, (ctx) => {
  const spec = ctx.pod.spec;
  if ((asString(field(spec, 'priorityClassName')) ?? '') !== '') return;
  const prefix = ctx.pod.template ? REFUSED_PODS : '';
  const priority = field(spec, 'priority');
  if (typeof priority === 'number' && Number.isInteger(priority) && priority !== 0) {
    ctx.report({ path: ['priority'], message: `${prefix}the integer value of priority (${priority}) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name` });
  }
  const policy = field(spec, 'preemptionPolicy');
  if (typeof policy === 'string' && policy !== '' && policy !== 'PreemptLowerPriority') {
    ctx.report({ path: ['preemptionPolicy'], message: `${prefix}the string value of PreemptionPolicy (${policy}) must not be provided in pod spec; priority admission controller computed PreemptLowerPriority from the given PriorityClass name` });
  }
});
