import { objectRule } from '../util/define-rule';
import { fieldInvalid } from '../util/k8s-names';
import { isInt } from '../util/object-checks';
import { asArray, asObject, field } from '../util/values';

/** The API server's default --service-node-port-range. */
const MIN_NODE_PORT = 30000;
const MAX_NODE_PORT = 32767;
const RANGE_ERROR = `provided port is not in the valid range. The range of valid ports is ${MIN_NODE_PORT}-${MAX_NODE_PORT}`;

const inRange = (port: number) => port >= MIN_NODE_PORT && port <= MAX_NODE_PORT;

/**
 * The node port allocator, which runs when a Service is created, before
 * validation (txnAllocNodePorts, initNodePorts, findRequestedNodePort and
 * allocHealthCheckNodePort in pkg/registry/core/service/storage/alloc.go, v1.28;
 * the message is portallocator's ErrNotInRange). NodePort and LoadBalancer
 * Services get node ports; a port number that appears twice shares the first
 * requested nodePort. The allocator stops at its first failure, so at most one
 * finding is reported. The range is the server default 30000-32767: a cluster
 * started with another --service-node-port-range accepts other ports (turn this
 * rule off or down for such clusters).
 */
export default objectRule({
  id: 'service-node-port-range',
  layer: 'api-server',
  severity: 'error',
  description: 'Requested nodePort and healthCheckNodePort values must lie in the API server\'s node port range (default 30000-32767; clusters may configure another).',
  fix: 'Use a nodePort between 30000 and 32767 (or the range your cluster sets with --service-node-port-range), or leave nodePort unset so the server picks one.',
  source: 'initNodePorts, allocHealthCheckNodePort in pkg/registry/core/service/storage/alloc.go; ErrNotInRange in pkg/registry/core/service/portallocator (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/concepts/services-networking/service/#type-nodeport',
  kinds: ['Service'],
}, (ctx) => {
  const spec = asObject(field(ctx.target.object, 'spec'));
  if (!spec) return;
  const type = field(spec, 'type');
  if (type !== 'NodePort' && type !== 'LoadBalancer') return;
  // shouldAllocateNodePorts: allocateLoadBalancerNodePorts defaults to true.
  const allocateAll = type === 'NodePort' || field(spec, 'allocateLoadBalancerNodePorts') !== false;
  const ports = asArray(field(spec, 'ports')).map((p) => asObject(p) ?? {});
  const nodePortOf = (p: Record<string, unknown>) => {
    const np = field(p, 'nodePort');
    return isInt(np) ? np : 0;
  };
  const portOf = (p: Record<string, unknown>) => field(p, 'port');

  /** Port number to the node port it got (AUTO when the allocator picked one). */
  const byPort = new Map<unknown, number>();
  const AUTO = -1;
  for (let i = 0; i < ports.length; i++) {
    const sp = ports[i]!;
    const nodePort = nodePortOf(sp);
    if (nodePort === 0 && !allocateAll) continue;
    const allocated = byPort.get(portOf(sp)) ?? 0;
    if (allocated === 0) {
      // findRequestedNodePort: the first port with this number that asks for a node port.
      const requested = ports.find((q) => portOf(q) === portOf(sp) && nodePortOf(q) !== 0);
      const np = requested ? nodePortOf(requested) : 0;
      if (np !== 0) {
        if (!inRange(np)) {
          ctx.report({ path: ['spec', 'ports', i, 'nodePort'], message: fieldInvalid(np, RANGE_ERROR) });
          return;
        }
        byPort.set(portOf(sp), np);
      } else {
        byPort.set(portOf(sp), AUTO);
      }
    } else if (nodePort !== allocated && nodePort !== 0 && !inRange(nodePort)) {
      ctx.report({ path: ['spec', 'ports', i, 'nodePort'], message: fieldInvalid(nodePort, RANGE_ERROR) });
      return;
    }
  }

  // NeedsHealthCheck: a LoadBalancer with externalTrafficPolicy Local gets a health check node port.
  const hcnp = field(spec, 'healthCheckNodePort');
  if (type === 'LoadBalancer' && field(spec, 'externalTrafficPolicy') === 'Local' && isInt(hcnp) && hcnp !== 0 && !inRange(hcnp)) {
    ctx.report({
      path: ['spec', 'healthCheckNodePort'],
      message: `Internal error occurred: failed to allocate requested HealthCheck NodePort ${hcnp}: ${RANGE_ERROR}`,
    });
  }
});
