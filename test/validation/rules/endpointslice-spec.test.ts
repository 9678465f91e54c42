import rule from '../../../lib/validation/rules/endpointslice-spec';
import { ruleTester } from '../rule-tester';

// Every case labelled by kube-apiserver v1.28.15 (dry-run create, strict field validation).
const es = (body: Record<string, unknown>) => ({ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'es' }, ...body });
const LABEL = /a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-'/;
const SUBDOMAIN = /a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters/;

ruleTester(rule, {
  valid: [
    es({ addressType: 'IPv4', endpoints: [{ addresses: ['10.0.0.1'] }], ports: [{ port: 80, name: 'http', protocol: 'TCP' }] }),
    es({ addressType: 'IPv4', endpoints: [{ addresses: ['10.0.0.1', '10.0.0.2'] }] }),
    { name: 'port 0 is accepted', object: es({ addressType: 'IPv4', endpoints: [], ports: [{ port: 0 }] }) },
  ],
  invalid: [
    { name: 'no address', object: es({ addressType: 'IPv4', endpoints: [{ addresses: [] }] }), errors: [{ path: 'endpoints[0].addresses', message: 'Required value: must contain at least 1 address' }] },
    { name: 'IPv6 in an IPv4 slice', object: es({ addressType: 'IPv4', endpoints: [{ addresses: ['fd00::1'] }] }), errors: [{ path: 'endpoints[0].addresses[0]', message: 'Invalid value: "fd00::1": must be a valid IPv4 address' }] },
    { name: 'bad FQDN', object: es({ addressType: 'FQDN', endpoints: [{ addresses: ['Bad_FQDN'] }] }), errors: [{ path: 'endpoints[0].addresses[0]', message: SUBDOMAIN }] },
    { name: 'hostname', object: es({ addressType: 'IPv4', endpoints: [{ addresses: ['10.0.0.1'], hostname: 'Bad_Host' }] }), errors: [{ path: 'endpoints[0].hostname', message: LABEL }] },
    { name: 'nodeName', object: es({ addressType: 'IPv4', endpoints: [{ addresses: ['10.0.0.1'], nodeName: 'Bad_Node' }] }), errors: [{ path: 'endpoints[0].nodeName', message: SUBDOMAIN }] },
    {
      name: 'port names: invalid and duplicate',
      object: es({ addressType: 'IPv4', endpoints: [], ports: [{ port: 80, name: 'Bad_Name' }, { port: 81, name: 'Bad_Name' }] }),
      errors: [{ path: 'ports[0].name', message: LABEL }, { path: 'ports[1].name', message: LABEL }, { path: 'ports[1].name', message: 'Duplicate value: "Bad_Name"' }],
    },
  ],
});
