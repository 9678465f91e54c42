import { objectRule } from '../util/define-rule';
import { fieldInvalid, fieldRequired, isDNS1123Label, isValidPortNum } from '../util/k8s-names';
import { endpointIPErrors } from '../util/endpoint-ip';
import { asArray, asObject, field } from '../util/values';

/**
 * The subsets of an Endpoints object: each address a valid IP that is not unspecified,
 * loopback or link-local, with a DNS-1123 label hostname; ports numbered 1-65535 and,
 * when a subset has more than one, each named with a DNS-1123 label. Labelled by a
 * v1.28.15 API server.
 */
export default objectRule({
  id: 'endpoints-subsets',
  layer: 'api-server',
  severity: 'error',
  description: 'Endpoints addresses are routable IPs, and ports are numbered 1-65535 and named when a subset has several.',
  fix: 'Use pod or node IPs (not 127.0.0.0/8, 169.254.0.0/16 or 0.0.0.0), and name every port (a DNS-1123 label) when a subset lists more than one.',
  source: 'ValidateEndpoints, validateEndpointSubsets, validateEndpointAddress, ValidateEndpointIP and validateEndpointPort in pkg/apis/core/validation/validation.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/concepts/services-networking/service/#endpoints',
  kinds: ['Endpoints'],
}, (ctx) => {
  asArray(field(ctx.target.object, 'subsets')).forEach((raw, i) => {
    const subset = asObject(raw);
    if (!subset) return;
    for (const list of ['addresses', 'notReadyAddresses']) {
      asArray(field(subset, list)).forEach((a, j) => {
        const at = (key: string) => ['subsets', i, list, j, key];
        const ip = field(a, 'ip');
        if (typeof ip === 'string') for (const msg of endpointIPErrors(ip)) ctx.report({ path: at('ip'), message: fieldInvalid(ip, msg) });
        const hostname = field(a, 'hostname');
        if (typeof hostname === 'string' && hostname !== '') for (const msg of isDNS1123Label(hostname)) ctx.report({ path: at('hostname'), message: fieldInvalid(hostname, msg) });
      });
    }
    const ports = asArray(field(subset, 'ports'));
    ports.forEach((p, j) => {
      const at = (key: string) => ['subsets', i, 'ports', j, key];
      const name = field(p, 'name');
      if (typeof name === 'string' && name !== '') for (const msg of isDNS1123Label(name)) ctx.report({ path: at('name'), message: fieldInvalid(name, msg) });
      else if (ports.length > 1) ctx.report({ path: at('name'), message: fieldRequired() });
      const port = field(p, 'port');
      if (typeof port === 'number') for (const msg of isValidPortNum(port)) ctx.report({ path: at('port'), message: fieldInvalid(port, msg) });
    });
  });
});
