import { podRule } from '../util/define-rule';
import { containersOf } from '../util/containers';
import { fieldDuplicate } from '../util/k8s-names';
import { asArray, asString, field, isObject } from '../util/values';
import { Path } from '../types';

/**
 * Two ports of the pod's containers may not claim the same hostIP/protocol/hostPort
 * (AccumulateUniqueHostPorts via checkHostPortConflicts, v1.28). Regular
 * containers are checked together; each init container on its own, because they
 * run one at a time. The server reports an init container's conflict under
 * `initContainers[0]` whatever its index (it checks a one-element list); the
 * path here is the same.
 */
export default podRule({
  id: 'host-port-conflict',
  layer: 'api-server',
  severity: 'error',
  description: 'No two container ports of a pod may use the same hostPort with the same protocol and hostIP.',
  fix: 'Give each hostPort its own number (or protocol or hostIP), or drop hostPort and expose the port through a Service.',
  source: 'checkHostPortConflicts and AccumulateUniqueHostPorts in pkg/apis/core/validation/validation.go (v1.28)',
}, (ctx) => {
  const check = (list: { ports: unknown; path: Path }[]) => {
    const seen = new Set<string>();
    for (const { ports, path } of list) {
      asArray(ports).forEach((p, j) => {
        if (!isObject(p)) return;
        const hostPort = field(p, 'hostPort');
        if (typeof hostPort !== 'number' || hostPort === 0) return;
        const key = `${asString(field(p, 'hostIP')) ?? ''}/${asString(field(p, 'protocol')) || 'TCP'}/${hostPort}`;
        if (seen.has(key)) ctx.report({ path: [...path, 'ports', j, 'hostPort'], message: fieldDuplicate(key) });
        else seen.add(key);
      });
    }
  };
  check(containersOf(ctx.pod.spec, ['containers']).map((c) => ({ ports: field(c.container, 'ports'), path: c.path })));
  for (const c of containersOf(ctx.pod.spec, ['initContainers'])) {
    check([{ ports: field(c.container, 'ports'), path: ['initContainers', 0] }]);
  }
});
