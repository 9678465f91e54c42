import { podRule } from '../util/define-rule';
import { handlerPorts, portDeclared, portNumber } from '../util/probe-ports';

/**
 * A probe or lifecycle hook that names a port the container does not declare: the API
 * server accepts it, but the kubelet cannot resolve the name (extractPort,
 * pkg/kubelet/prober/prober.go), so the check fails every time: a liveness or startup
 * probe restarts the container over and over, a readiness probe keeps the pod out of
 * its Services, a postStart hook kills the container. The constructs refuse the same
 * (lib/pod/pod-definition.ts, through the same portDeclared).
 */
export default podRule({
  id: 'probe-port-name',
  layer: 'practice',
  severity: 'error',
  description: 'A probe or lifecycle hook port given by name must be the name of one of the container\'s ports (the kubelet resolves it there).',
  fix: 'Use the name of one of the container\'s ports (ports[].name), or the port number.',
  source: 'extractPort in pkg/kubelet/prober/prober.go and pkg/kubelet/lifecycle/handlers.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#use-a-named-port',
}, (ctx) => {
  for (const h of handlerPorts(ctx.pod.spec)) {
    if (portNumber(h.port) !== undefined || portDeclared(h.port, h.ports)) continue;
    const names = h.ports.map((p) => p.name).filter((n): n is string => typeof n === 'string');
    ctx.report({
      path: h.path,
      message: `${h.where} "${h.port}" is not the name of a port of container "${h.container}" (${names.length > 0 ? `its named ports: ${names.join(', ')}` : 'it names no port'}); the kubelet cannot resolve it, so the check fails every time`,
    });
  }
});
