import { podRule } from '../util/define-rule';
import { asArray, field } from '../util/values';

/**
 * Static Pods cannot have ephemeral containers: "Ephemeral containers are not
 * supported by static pods" (the Ephemeral Containers concept page). The kubelet
 * reads the manifest itself, and the API server only holds a read-only mirror Pod,
 * so there is nothing `kubectl debug` could add a container to. (Declaring
 * spec.ephemeralContainers at create is refused for every Pod by the API server;
 * that is another rule's business.)
 */
export default podRule({
  id: 'static-pod-ephemeral-containers',
  layer: 'api-server',
  severity: 'error',
  staticPodOnly: true,
  kinds: ['Pod'],
  description: 'A static Pod must not declare ephemeral containers (static Pods do not support them).',
  fix: 'Remove spec.ephemeralContainers; to debug a static Pod, use `kubectl debug node/<node>` or exec into its containers.',
  source: 'Ephemeral containers concept page: "Ephemeral containers are not supported by static pods."',
  docsUrl: 'https://kubernetes.io/docs/concepts/workloads/pods/ephemeral-containers/',
}, (ctx) => {
  const list = asArray(field(ctx.pod.spec, 'ephemeralContainers'));
  if (list.length > 0) {
    ctx.report({ path: ['ephemeralContainers'], message: `static Pod declares ${list.length} ephemeral container(s); ephemeral containers are not supported by static pods` });
  }
});
