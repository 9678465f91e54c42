import { podRule } from '../util/define-rule';
import { containersOf } from '../util/containers';
import { fieldInvalid } from '../util/k8s-names';
import { asArray, field, isObject } from '../util/values';

/**
 * With hostNetwork: true a container port is the host's port, so hostPort, when
 * set, must equal containerPort (an unset hostPort is defaulted to it).
 * Follows validateHostNetwork (v1.28), which checks regular containers.
 */
export default podRule({
  id: 'host-network-ports',
  layer: 'api-server',
  severity: 'error',
  description: 'With hostNetwork, each container port\'s hostPort must equal its containerPort.',
  fix: 'Remove hostPort (it defaults to containerPort) or set it to the same number as containerPort.',
  source: 'validateHostNetwork in pkg/apis/core/validation/validation.go (v1.28)',
}, (ctx) => {
  if (field(ctx.pod.spec, 'hostNetwork') !== true) return;
  for (const c of containersOf(ctx.pod.spec, ['containers'])) {
    asArray(field(c.container, 'ports')).forEach((p, j) => {
      if (!isObject(p)) return;
      const containerPort = field(p, 'containerPort');
      const hostPort = field(p, 'hostPort');
      if (typeof hostPort !== 'number' || hostPort === 0 || hostPort === containerPort) return;
      ctx.report({ path: [...c.path, 'ports', j, 'containerPort'], message: fieldInvalid(containerPort, 'must match `hostPort` when `hostNetwork` is true') });
    });
  }
});
