import rule from '../../../lib/validation/rules/pod-spec-names';
import { ruleTester } from '../rule-tester';
import { oneContainer, pod } from '../fixtures/pod-spec';

ruleTester(rule, {
  valid: [
    pod(oneContainer({}, { hostname: 'web-0', subdomain: 'web', serviceAccountName: 'my.sa', nodeName: 'node-1.example' })),
    pod(oneContainer({}, { runtimeClassName: 'gvisor.example', priorityClassName: 'high-priority' })),
  ],
  invalid: [
    { object: pod(oneContainer({}, { runtimeClassName: 'Kata_Containers' })), errors: [{ path: 'spec.runtimeClassName', message: /^Invalid value: "Kata_Containers": a lowercase RFC 1123 subdomain/ }] },
    { name: 'an empty runtimeClassName is checked (a pointer in Go)', object: pod(oneContainer({}, { runtimeClassName: '' })), errors: [{ path: 'spec.runtimeClassName', message: /^Invalid value: "": a lowercase RFC 1123 subdomain/ }] },
    { object: pod(oneContainer({}, { hostname: 'a.b', serviceAccountName: 'My_SA' })), errors: [{ path: 'spec.hostname', message: /^Invalid value: "a.b": a lowercase RFC 1123 label/ }, { path: 'spec.serviceAccountName', message: /^Invalid value: "My_SA": a lowercase RFC 1123 subdomain/ }] },
  ],
});
