import rule from '../../../lib/validation/rules/host-aliases';
import { ruleTester } from '../rule-tester';
import { deployment, oneContainer, pod } from '../fixtures/pod-spec';

ruleTester(rule, {
  valid: [
    pod(oneContainer({}, { hostAliases: [{ ip: '127.0.0.1', hostnames: ['foo.local', 'bar.local'] }, { ip: '2001:db8::1', hostnames: ['v6.local'] }] })),
    { name: 'with hostNetwork', object: pod(oneContainer({}, { hostNetwork: true, hostAliases: [{ ip: '10.1.2.3', hostnames: ['foo.remote'] }] })) },
    { name: 'leading zeros are read as decimal (ParseIPSloppy)', object: pod(oneContainer({}, { hostAliases: [{ ip: '010.001.002.003' }] })) },
  ],
  invalid: [
    {
      object: pod(oneContainer({}, { hostAliases: [{ ip: '10.1.2.3', hostnames: ['ok'] }, { ip: 'example.com', hostnames: ['Foo_Bar'] }] })),
      errors: [
        { path: 'spec.hostAliases.ip', message: 'Invalid value: "example.com": must be valid IP address' },
        { path: 'spec.hostAliases.hostnames', message: /^Invalid value: "Foo_Bar": a lowercase RFC 1123 subdomain/ },
      ],
    },
    {
      name: 'ip missing',
      object: deployment(oneContainer({}, { hostAliases: [{ hostnames: ['a'] }] })),
      errors: [{ path: 'spec.template.spec.hostAliases.ip', message: 'Invalid value: "": must be valid IP address' }],
    },
  ],
});
