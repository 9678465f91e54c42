import { objectRule } from '../util/define-rule';
import { fieldForbidden } from '../util/k8s-names';
import { dig } from '../util/object-checks';
import { field } from '../util/values';

/** HighestUserDefinablePriority (pkg/apis/scheduling/types.go). */
const MAX_USER_PRIORITY = 1_000_000_000;
/** The system priority classes the server creates itself (SystemPriorityClasses, pkg/apis/scheduling). */
const SYSTEM_CLASSES = ['system-cluster-critical', 'system-node-critical'];

/**
 * A user PriorityClass has a value of at most 1000000000 and a name without the
 * reserved `system-` prefix (the preemptionPolicy enum is the schema layer's).
 * Labelled by a v1.28.15 API server.
 */
export default objectRule({
  id: 'priorityclass-spec',
  layer: 'api-server',
  severity: 'error',
  description: 'A PriorityClass value is at most 1000000000 and its name does not start with "system-".',
  fix: 'Use a value of at most 1000000000 and a name without the "system-" prefix.',
  source: 'ValidatePriorityClass in pkg/apis/scheduling/validation/validation.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/#priorityclass',
  kinds: ['PriorityClass'],
}, (ctx) => {
  const obj = ctx.target.object;
  const name = dig(obj, ['metadata', 'name']);
  if (typeof name === 'string' && name.startsWith('system-') && !SYSTEM_CLASSES.includes(name)) {
    ctx.report({ path: ['metadata', 'name'], message: fieldForbidden(`priority class names with 'system-' prefix are reserved for system use only. error: ${name} is not a known system priority class`) });
  }
  const value = field(obj, 'value');
  if (typeof value === 'number' && value > MAX_USER_PRIORITY && !(typeof name === 'string' && SYSTEM_CLASSES.includes(name))) {
    ctx.report({ path: ['value'], message: fieldForbidden(`maximum allowed value of a user defined priority is ${MAX_USER_PRIORITY}`) });
  }
});
