import rule from '../../../lib/validation/rules/dns-policy';
import { ruleTester } from '../rule-tester';
import { oneContainer, pod } from '../fixtures/pod-spec';

ruleTester(rule, {
  valid: [
    pod(oneContainer({}, { dnsPolicy: 'None', dnsConfig: { nameservers: ['1.2.3.4'], searches: ['ns1.svc.cluster-domain.example'] } })),
    // RelaxedDNSSearchValidation (KEP-4427) is on by default from 1.33: '_' in search paths (SRV-style names).
    { name: "'_' in a search path from 1.33", object: pod(oneContainer({}, { dnsConfig: { searches: ['_sip._tcp.example.com'] } })), config: { k8sVersion: '1.33' } },
    pod(oneContainer({}, { dnsConfig: { searches: Array.from({ length: 32 }, (_, i) => `${'a'.repeat(50)}${i}.example`), options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }] } })),
  ],
  invalid: [
    {
      name: "'_' in a search path before 1.33",
      object: pod(oneContainer({}, { dnsConfig: { searches: ['_sip._tcp.example.com'] } })),
      config: { k8sVersion: '1.32' },
      errors: [{ path: 'spec.dnsConfig.searches[0]', message: /^Invalid value: "_sip._tcp.example.com": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.'/ }],
    },
    {
      name: 'upper case in a search path at 1.33',
      object: pod(oneContainer({}, { dnsConfig: { searches: ['Bad.example.com'] } })),
      config: { k8sVersion: '1.33' },
      errors: [{ path: 'spec.dnsConfig.searches[0]', message: /^Invalid value: "Bad.example.com": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '_', '-' or '.'/ }],
    },
    {
      name: 'search list longer than 2048 characters',
      object: pod(oneContainer({}, { dnsConfig: { searches: [`${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.example`].flatMap((d) => Array.from({ length: 11 }, (_, i) => `x${i}.${d}`)) } })),
      errors: [{ path: 'spec.dnsConfig.searches', message: /^Invalid value: \[\]string\{"x0\.a+.*: must not have more than 2048 characters \(including spaces\) in the search list$/ }],
    },
    {
      name: 'option without a name',
      object: pod(oneContainer({}, { dnsConfig: { options: [{ name: 'ndots', value: '2' }, { value: '1' }] } })),
      errors: [{ path: 'spec.dnsConfig.options[1]', message: 'Required value: must not be empty' }],
    },
    { object: pod(oneContainer({}, { dnsPolicy: 'Cluster' })), errors: [{ path: 'spec.dnsPolicy', message: 'Unsupported value: "Cluster": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"' }] },
    { object: pod(oneContainer({}, { dnsPolicy: 'None' })), errors: [{ path: 'spec.dnsConfig', message: 'Required value: must provide `dnsConfig` when `dnsPolicy` is None' }] },
    { object: pod(oneContainer({}, { dnsPolicy: 'None', dnsConfig: { nameservers: ['dns.example'] } })), errors: [{ path: 'spec.dnsConfig.nameservers[0]', message: 'Invalid value: "dns.example": must be valid IP address' }] },
  ],
});
