import { podRule } from '../util/define-rule';
import { containersOf } from '../util/containers';
import { field } from '../util/values';

/**
 * Long-running workloads need a readiness probe (so Services send traffic only to ready pods
 * and rollouts wait) and a liveness probe (so a hung process restarts). Jobs, CronJobs and bare
 * Pods run to completion or are one-offs, and init containers finish before the app starts,
 * so they are not checked.
 */
export default podRule({
  id: 'probes-missing',
  layer: 'practice',
  severity: 'warning',
  kinds: ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController'],
  description: 'Containers of long-running workloads should have a readiness probe and a liveness probe.',
  fix: 'Add readinessProbe and livenessProbe to the container (an HTTP or TCP check of the port it serves).',
  source: 'kube-linter no-readiness-probe, no-liveness-probe; Polaris readinessProbeMissing, livenessProbeMissing; kube-score pod-probes',
  docsUrl: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
}, (ctx) => {
  for (const c of containersOf(ctx.pod.spec, ['containers'])) {
    const readiness = field(c.container, 'readinessProbe') ?? undefined;
    const liveness = field(c.container, 'livenessProbe') ?? undefined;
    if (readiness !== undefined && liveness !== undefined) continue;
    const missing = readiness === undefined && liveness === undefined ? 'readinessProbe and no livenessProbe'
      : readiness === undefined ? 'readinessProbe' : 'livenessProbe';
    ctx.report({ path: c.path, message: `container "${c.name}" has no ${missing}` });
  }
});
