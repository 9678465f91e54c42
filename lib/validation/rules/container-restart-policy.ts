import { podRule } from '../util/define-rule';
import { containersOf } from '../util/containers';
import { fieldForbidden, fieldNotSupported } from '../util/k8s-names';
import { field } from '../util/values';
import { atLeast } from '../util/version';

/**
 * A container-level restartPolicy is only for init containers, and only
 * `Always` (a native sidecar). Regular containers: Forbidden at every version.
 * Init containers: from 1.29 any other value is Unsupported; on 1.28 the server
 * drops the field (SidecarContainers gate off), which rule
 * native-sidecar-needs-feature-gate reports. Follows validateContainers,
 * validateInitContainerRestartPolicy and validateEphemeralContainers (v1.28/1.29).
 */
export default podRule({
  id: 'container-restart-policy',
  layer: 'api-server',
  severity: 'error',
  description: 'Only init containers may set restartPolicy, and only to Always.',
  fix: 'Remove restartPolicy from the container; to run a sidecar, move it to initContainers with restartPolicy: Always.',
  source: 'validateContainers and validateInitContainerRestartPolicy in pkg/apis/core/validation/validation.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/concepts/workloads/pods/sidecar-containers/',
}, (ctx) => {
  for (const c of containersOf(ctx.pod.spec)) {
    const policy = field(c.container, 'restartPolicy');
    if (policy === undefined || policy === null) continue;
    const at = [...c.path, 'restartPolicy'];
    if (c.kind === 'containers') {
      ctx.report({ path: at, message: fieldForbidden('may not be set for non-init containers') });
    } else if (c.kind === 'ephemeralContainers') {
      ctx.report({ path: at, message: fieldForbidden('cannot be set for an Ephemeral Container') });
    } else if (atLeast(ctx.settings.k8sVersion, '1.29') && policy !== 'Always') {
      ctx.report({ path: at, message: fieldNotSupported(policy, ['Always']) });
    }
  }
});
