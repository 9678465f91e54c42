import rule from '../../../lib/validation/rules/schema-quantity';
import { ruleTester } from '../rule-tester';

const FORMAT = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const pod = (resources: Record<string, unknown>) => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'app', image: 'nginx', resources }] },
});

ruleTester(rule, {
  valid: [
    pod({ limits: { cpu: '500m', memory: '128Mi', 'nvidia.com/gpu': 1 }, requests: { cpu: 0.25, memory: '1e9', 'ephemeral-storage': '2G' } }),
    { name: 'exponents, fractions, signs and spaces trimmed by UnmarshalJSON', object: pod({ limits: { cpu: '1.5', memory: '12E3', x: '+1k', y: ' 1Gi ' } }) },
    { name: 'PVC storage request', object: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'c' }, spec: { resources: { requests: { storage: '8Gi' } } } } },
  ],
  invalid: [
    {
      name: '"1 core" and "1Gb"',
      object: pod({ limits: { cpu: '1 core', memory: '1Gb' } }),
      errors: [
        { path: 'spec.containers[0].resources.limits[cpu]', message: `Invalid value: "1 core": ${FORMAT}` },
        { path: 'spec.containers[0].resources.limits[memory]', message: `Invalid value: "1Gb": ${FORMAT}` },
      ],
    },
    {
      name: 'a suffix in the allowed letters that is not a suffix',
      object: pod({ requests: { memory: '1iK' } }),
      errors: [{ path: 'spec.containers[0].resources.requests[memory]', message: 'Invalid value: "1iK": unable to parse quantity\'s suffix' }],
    },
    {
      name: 'empty string and a boolean',
      object: pod({ requests: { cpu: '', memory: true } }),
      errors: [
        { path: 'spec.containers[0].resources.requests[cpu]', message: `Invalid value: "": ${FORMAT}` },
        { path: 'spec.containers[0].resources.requests[memory]', message: /a quantity must be a string/ },
      ],
    },
  ],
});
