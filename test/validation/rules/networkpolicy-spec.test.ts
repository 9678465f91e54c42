import rule from '../../../lib/validation/rules/networkpolicy-spec';
import { ruleTester } from '../rule-tester';
import { networkPolicy } from '../fixtures/objects-2b';

ruleTester(rule, {
  valid: [
    networkPolicy({ policyTypes: ['Ingress', 'Egress'] }),
    networkPolicy({ ingress: [{ from: [{ podSelector: { matchLabels: { app: 'a' } }, namespaceSelector: {} }], ports: [{ port: 80 }, { port: 'http', protocol: 'TCP' }] }] }),
    networkPolicy({ egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/24' } }], ports: [{ port: 32000, endPort: 32768 }] }] }),
    networkPolicy({ ingress: [{ from: [{ ipBlock: { cidr: '172.17.1.7/16', except: ['172.17.1.0/24'] } }, { ipBlock: { cidr: '2001:db8::/32', except: ['2001:db8:1::/48'] } }] }] }),
  ],
  invalid: [
    { object: networkPolicy({ ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/33' } }] }] }), errors: [{ path: 'spec.ingress[0].from[0].ipBlock.cidr', message: 'Invalid value: "10.0.0.0/33": not a valid CIDR' }] },
    {
      name: 'except must be a strict subset of cidr; an unparsable except stops the check',
      object: networkPolicy({ egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/16', except: ['10.1.0.0/24', '10.0.0.0/16', '10.0.0.0/8', 'x', '10.1.0.0/24'] } }] }] }),
      errors: [
        { path: 'spec.egress[0].to[0].ipBlock.except[0]', message: 'Invalid value: "10.1.0.0/24": must be a strict subset of `cidr`' },
        { path: 'spec.egress[0].to[0].ipBlock.except[1]', message: 'Invalid value: "10.0.0.0/16": must be a strict subset of `cidr`' },
        { path: 'spec.egress[0].to[0].ipBlock.except[2]', message: 'Invalid value: "10.0.0.0/8": must be a strict subset of `cidr`' },
        { path: 'spec.egress[0].to[0].ipBlock.except[3]', message: 'Invalid value: "x": not a valid CIDR' },
      ],
    },
    { object: networkPolicy({ ingress: [{ from: [{ ipBlock: {} }], ports: [{ port: 'http', endPort: 90 }] }] }), errors: [
      { path: 'spec.ingress[0].ports[0].endPort', message: 'Invalid value: 90: may not be specified when `port` is non-numeric' },
      { path: 'spec.ingress[0].from[0].ipBlock.cidr', message: 'Required value' },
    ] },
    { object: networkPolicy({ policyTypes: ['Inbound'] }), errors: [{ path: 'spec.policyTypes[0]', message: 'Unsupported value: "Inbound": supported values: "Ingress", "Egress"' }] },
    { object: networkPolicy({ ingress: [{ from: [{}] }] }), errors: [{ path: 'spec.ingress[0].from[0]', message: 'Required value: must specify a peer' }] },
    {
      object: networkPolicy({ egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8' }, podSelector: {} }] }] }),
      errors: [{ path: 'spec.egress[0].to[0]', message: 'Forbidden: may not specify both ipBlock and another peer' }],
    },
    {
      object: networkPolicy({ ingress: [{ ports: [{ port: 90, endPort: 80, protocol: 'ICMP' }] }] }),
      errors: [
        { path: 'spec.ingress[0].ports[0].protocol', message: 'Unsupported value: "ICMP": supported values: "TCP", "UDP", "SCTP"' },
        { path: 'spec.ingress[0].ports[0].endPort', message: 'Invalid value: 90: must be greater than or equal to `port`' },
      ],
    },
    {
      object: networkPolicy({ podSelector: { matchExpressions: [{ key: 'app', operator: 'In' }] } }),
      errors: [{ path: 'spec.podSelector.matchExpressions[0].values', message: "Required value: must be specified when `operator` is 'In' or 'NotIn'" }],
    },
  ],
});
