import { objectRule } from '../util/define-rule';
import { fieldDuplicate, fieldInvalid, fieldRequired, isDNS1123Label, isDNS1123Subdomain } from '../util/k8s-names';
import { parseIP } from '../util/net';
import { asArray, asObject, field } from '../util/values';

/**
 * An EndpointSlice: every endpoint has at least one address of the slice's addressType
 * (an IPv4 or IPv6 address, or an FQDN that is a DNS-1123 subdomain), a DNS-1123 label
 * hostname and a DNS-1123 subdomain nodeName; port names are DNS-1123 labels, unique.
 * Labelled by a v1.28.15 API server.
 */
export default objectRule({
  id: 'endpointslice-spec',
  layer: 'api-server',
  severity: 'error',
  description: 'EndpointSlice endpoints have addresses of the slice\'s addressType; port names are unique DNS-1123 labels.',
  fix: 'Give every endpoint at least one address of the addressType (IPv4, IPv6 or FQDN) and unique lower-case port names.',
  source: 'ValidateEndpointSlice, validateEndpoints and validatePorts in pkg/apis/discovery/validation/validation.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/concepts/services-networking/endpoint-slices/',
  kinds: ['EndpointSlice'],
}, (ctx) => {
  const obj = ctx.target.object;
  const addressType = field(obj, 'addressType');
  asArray(field(obj, 'endpoints')).forEach((raw, i) => {
    const ep = asObject(raw);
    if (!ep) return;
    const at = (...rest: (string | number)[]) => ['endpoints', i, ...rest];
    const addresses = asArray(field(ep, 'addresses'));
    if (Array.isArray(field(ep, 'addresses')) && addresses.length === 0) ctx.report({ path: at('addresses'), message: fieldRequired('must contain at least 1 address') });
    addresses.forEach((a, j) => {
      if (typeof a !== 'string') return;
      if (addressType === 'IPv4' || addressType === 'IPv6') {
        const ip = parseIP(a);
        if (!ip || ip.v4 !== (addressType === 'IPv4')) ctx.report({ path: at('addresses', j), message: fieldInvalid(a, `must be a valid ${addressType} address`) });
      } else if (addressType === 'FQDN') {
        for (const msg of isDNS1123Subdomain(a)) ctx.report({ path: at('addresses', j), message: fieldInvalid(a, msg) });
      }
    });
    const hostname = field(ep, 'hostname');
    if (typeof hostname === 'string' && hostname !== '') for (const msg of isDNS1123Label(hostname)) ctx.report({ path: at('hostname'), message: fieldInvalid(hostname, msg) });
    const nodeName = field(ep, 'nodeName');
    if (typeof nodeName === 'string' && nodeName !== '') for (const msg of isDNS1123Subdomain(nodeName)) ctx.report({ path: at('nodeName'), message: fieldInvalid(nodeName, msg) });
  });
  const names = new Set<string>();
  asArray(field(obj, 'ports')).forEach((p, i) => {
    const name = field(p, 'name');
    if (typeof name !== 'string' || name === '') return;
    for (const msg of isDNS1123Label(name)) ctx.report({ path: ['ports', i, 'name'], message: fieldInvalid(name, msg) });
    if (names.has(name)) ctx.report({ path: ['ports', i, 'name'], message: fieldDuplicate(name) });
    names.add(name);
  });
});
