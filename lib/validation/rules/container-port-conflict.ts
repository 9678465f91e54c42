import { Path } from '../types';
import { podRule } from '../util/define-rule';
import { containersOf } from '../util/containers';
import { formatPath } from '../util/path';
import { asArray, field } from '../util/values';

/**
 * All containers of a pod share one network namespace, so two of them declaring the same
 * containerPort and protocol cannot both bind it. The API server accepts this (it only warns
 * about duplicate port definitions, pkg/api/pod/warnings.go), so this is a warning. Ordinary
 * init containers run before the app containers and are not compared; native sidecars
 * (initContainers with restartPolicy: Always) run alongside them and are.
 */
export default podRule({
  id: 'container-port-conflict',
  layer: 'practice',
  severity: 'warning',
  description: 'Two containers of one pod must not declare the same containerPort and protocol.',
  fix: 'Give each container its own port; containers in a pod share one network namespace.',
  source: 'pod port registry (containers share the pod network namespace); cf. duplicate port warnings in pkg/api/pod/warnings.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/concepts/workloads/pods/#pod-networking',
}, (ctx) => {
  const running = containersOf(ctx.pod.spec, ['initContainers', 'containers'])
    .filter((c) => c.kind === 'containers' || field(c.container, 'restartPolicy') === 'Always');
  // The first container to declare each port; its path is formatted only for a message.
  const seen = new Map<string, { name: string; path: Path }>();
  for (const c of running) {
    const own = new Set<string>();
    asArray(field(c.container, 'ports')).forEach((p, i) => {
      const port = field(p, 'containerPort');
      if (typeof port !== 'number') return;
      const protocol = typeof field(p, 'protocol') === 'string' ? String(field(p, 'protocol')) : 'TCP';
      const key = `${port}/${protocol}`;
      const first = seen.get(key);
      if (first && !own.has(key)) {
        ctx.report({
          path: [...c.path, 'ports', i, 'containerPort'],
          message: `containerPort ${key} of container "${c.name}" is also declared by container "${first.name}" (${formatPath([...ctx.pod.specPath, ...first.path])}); the containers share the pod's network namespace, so only one of them can bind it`,
        });
      } else if (!first) {
        seen.set(key, { name: c.name, path: [...c.path, 'ports', i] });
      }
      own.add(key);
    });
  }
});
