import { podRule } from '../util/define-rule';
import { containersOf } from '../util/containers';
import { field } from '../util/values';

/**
 * On Kubernetes 1.28 the container-level restartPolicy of init containers needs
 * the alpha SidecarContainers feature gate. With the gate off (the default) the
 * API server silently drops the field (dropDisabledFields in pkg/api/pod/util.go),
 * so the "sidecar" becomes an ordinary init container that never exits and the
 * pod never starts. The gate is on by default from 1.29.
 */
export default podRule({
  id: 'native-sidecar-needs-feature-gate',
  layer: 'api-server',
  severity: 'warning',
  description: 'On 1.28, init-container restartPolicy is dropped unless the SidecarContainers feature gate is on.',
  fix: 'Target Kubernetes 1.29 or later, enable the SidecarContainers feature gate on every control-plane and node component, or run the sidecar as a regular container.',
  source: 'dropDisabledFields in pkg/api/pod/util.go and validateInitContainers in pkg/apis/core/validation/validation.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/concepts/workloads/pods/sidecar-containers/',
  maxVersion: '1.28',
}, (ctx) => {
  for (const c of containersOf(ctx.pod.spec, ['initContainers'])) {
    const policy = field(c.container, 'restartPolicy');
    if (policy === undefined || policy === null) continue;
    ctx.report({
      path: [...c.path, 'restartPolicy'],
      message: `restartPolicy is dropped by a 1.28 API server unless the SidecarContainers feature gate is on; init container ${JSON.stringify(c.name)} then runs as an ordinary init container and, if it never exits, blocks the pod from starting forever`,
    });
  }
});
