import { podRule } from '../util/define-rule';
import { handlerPorts, portDeclared, portNumber } from '../util/probe-ports';

/**
 * A probe or lifecycle hook on a port number the container does not declare, when it
 * declares ports: most often a typo (8008 for 8080) or a port that moved. The kubelet
 * probes the number whatever the declared ports say, so this is a warning; a container
 * that declares no ports is not checked (declaring them is optional). The constructs,
 * which always declare their ports, refuse the same (lib/pod/pod-definition.ts, through
 * the same portDeclared).
 */
export default podRule({
  id: 'probe-port-undeclared',
  layer: 'practice',
  severity: 'warning',
  description: 'A probe or lifecycle hook port number should be one of the ports the container declares.',
  fix: 'Probe a port the container declares in ports[], or declare the port the probe checks.',
  source: 'podwright constructs (lib/pod/pod-definition.ts)',
}, (ctx) => {
  for (const h of handlerPorts(ctx.pod.spec)) {
    const n = portNumber(h.port);
    if (n === undefined || h.ports.length === 0 || portDeclared(h.port, h.ports)) continue;
    const numbers = h.ports.map((p) => p.number).filter((x) => typeof x === 'number');
    ctx.report({
      path: h.path,
      message: `${h.where} ${n} is not a port container "${h.container}" declares (${numbers.join(', ')})`,
    });
  }
});
