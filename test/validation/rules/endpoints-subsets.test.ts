import rule from '../../../lib/validation/rules/endpoints-subsets';
import { ruleTester } from '../rule-tester';

// Every case labelled by kube-apiserver v1.28.15 (dry-run create, strict field validation).
const ep = (subsets: unknown[]) => ({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'ep' }, subsets });
const LABEL = /a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-'/;

ruleTester(rule, {
  valid: [
    ep([{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }] }]),
    { name: 'duplicate port names are accepted', object: ep([{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80, name: 'a' }, { port: 81, name: 'a' }] }]) },
  ],
  invalid: [
    {
      name: 'not an IP',
      object: ep([{ addresses: [{ ip: 'not-an-ip' }], ports: [{ port: 80 }] }]),
      errors: [
        { path: 'subsets[0].addresses[0].ip', message: 'Invalid value: "not-an-ip": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)' },
        { path: 'subsets[0].addresses[0].ip', message: 'Invalid value: "not-an-ip": must be a valid IP address' },
      ],
    },
    { name: 'loopback', object: ep([{ addresses: [{ ip: '127.0.0.1' }], ports: [{ port: 80 }] }]), errors: [{ path: 'subsets[0].addresses[0].ip', message: 'Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)' }] },
    { name: 'link-local', object: ep([{ addresses: [{ ip: '169.254.1.1' }], ports: [{ port: 80 }] }]), errors: [{ path: 'subsets[0].addresses[0].ip', message: 'Invalid value: "169.254.1.1": may not be in the link-local range (169.254.0.0/16, fe80::/10)' }] },
    { name: 'port 0', object: ep([{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 0 }] }]), errors: [{ path: 'subsets[0].ports[0].port', message: 'Invalid value: 0: must be between 1 and 65535, inclusive' }] },
    { name: 'port name', object: ep([{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80, name: 'Bad_Name' }] }]), errors: [{ path: 'subsets[0].ports[0].name', message: LABEL }] },
    {
      name: 'several unnamed ports',
      object: ep([{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }, { port: 81 }] }]),
      errors: [{ path: 'subsets[0].ports[0].name', message: 'Required value' }, { path: 'subsets[0].ports[1].name', message: 'Required value' }],
    },
    { name: 'hostname', object: ep([{ addresses: [{ ip: '10.0.0.1', hostname: 'Bad_Host' }], ports: [{ port: 80 }] }]), errors: [{ path: 'subsets[0].addresses[0].hostname', message: LABEL }] },
  ],
});
