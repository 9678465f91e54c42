import { podRule } from '../util/define-rule';
import { containersOf } from '../util/containers';
import { asObject, field } from '../util/values';

/**
 * Requests let the scheduler place the pod and give it a QoS class; a memory limit keeps one
 * container from starving its node. A missing request is defaulted from the limit by the API
 * server (SetDefaults_ResourceList in pkg/apis/core/v1/defaults.go), so a limit counts as both.
 * CPU limits are not required: they throttle, and many teams leave them out on purpose.
 */
const REQUIRED: readonly (readonly ['requests' | 'limits', 'cpu' | 'memory'])[] = [
  ['requests', 'cpu'], ['requests', 'memory'], ['limits', 'memory'],
];

export default podRule({
  id: 'resources-missing',
  layer: 'practice',
  severity: 'warning',
  description: 'Containers should declare CPU and memory requests and a memory limit.',
  fix: 'Set resources.requests.cpu, resources.requests.memory and resources.limits.memory on every container.',
  source: 'Polaris cpuRequestsMissing, memoryRequestsMissing, memoryLimitsMissing; kube-linter unset-cpu-requirements, unset-memory-requirements',
  docsUrl: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
}, (ctx) => {
  for (const c of containersOf(ctx.pod.spec, ['containers', 'initContainers'])) {
    const resources = asObject(field(c.container, 'resources'));
    const has = (kind: 'requests' | 'limits', name: string) => {
      const v = field(field(resources, kind), name);
      return v !== undefined && v !== null && v !== '';
    };
    const missing = REQUIRED.filter(([kind, name]) => !has(kind, name) && !(kind === 'requests' && has('limits', name)))
      .map(([kind, name]) => `resources.${kind}.${name}`);
    if (missing.length > 0) {
      ctx.report({ path: resources ? [...c.path, 'resources'] : c.path, message: `container "${c.name}" has no ${missing.join(', ')}` });
    }
  }
});
