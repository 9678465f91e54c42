import rule from '../../../lib/validation/rules/dns-policy';
import { ruleTester } from '../rule-tester';
import { oneContainer, pod } from '../fixtures/pod-spec';

ruleTester(rule, {
  valid: [pod(oneContainer({}, { dnsPolicy: 'None', dnsConfig: { nameservers: ['1.2.3.4'], searches: ['ns1.svc.cluster-domain.example'] } }))],
  invalid: [
    { object: pod(oneContainer({}, { dnsPolicy: 'Cluster' })), errors: [{ path: 'spec.dnsPolicy', message: 'Unsupported value: "Cluster": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"' }] },
    { object: pod(oneContainer({}, { dnsPolicy: 'None' })), errors: [{ path: 'spec.dnsConfig', message: 'Required value: must provide `dnsConfig` when `dnsPolicy` is None' }] },
    { object: pod(oneContainer({}, { dnsPolicy: 'None', dnsConfig: { nameservers: ['dns.example'] } })), errors: [{ path: 'spec.dnsConfig.nameservers[0]', message: 'Invalid value: "dns.example": must be valid IP address' }] },
  ],
});
