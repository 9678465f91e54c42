import { podRule } from '../util/define-rule';
import { containersOf } from '../util/containers';
import { fieldForbidden } from '../util/k8s-names';
import { field } from '../util/values';
import { atLeast } from '../util/version';

const FIELDS = ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe'];

/**
 * Init containers run to completion, so they may not have lifecycle hooks or
 * probes, unless they are native sidecars (restartPolicy: Always). On 1.28 the
 * SidecarContainers gate is off by default and the server drops restartPolicy
 * before validating, so even a sidecar's probes are rejected there.
 * Follows validateInitContainers (v1.28) and dropDisabledFields (pkg/api/pod/util.go).
 */
export default podRule({
  id: 'init-container-probes',
  layer: 'api-server',
  severity: 'error',
  description: 'Init containers may not have lifecycle hooks or probes unless they are native sidecars (restartPolicy: Always, 1.29+).',
  fix: 'Remove lifecycle and probes from the init container, or make it a native sidecar with restartPolicy: Always on Kubernetes 1.29 or later.',
  source: 'validateInitContainers in pkg/apis/core/validation/validation.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/concepts/workloads/pods/init-containers/',
}, (ctx) => {
  const sidecarsKept = atLeast(ctx.settings.k8sVersion, '1.29');
  for (const c of containersOf(ctx.pod.spec, ['initContainers'])) {
    const sidecar = field(c.container, 'restartPolicy') === 'Always';
    if (sidecar && sidecarsKept) continue;
    for (const key of FIELDS) {
      const v = field(c.container, key);
      if (v === undefined || v === null) continue;
      const base = fieldForbidden('may not be set for init containers without restartPolicy=Always');
      ctx.report({
        path: [...c.path, key],
        message: sidecar ? `${base} (on 1.28 the server drops restartPolicy unless the SidecarContainers feature gate is on)` : base,
      });
    }
  }
});
