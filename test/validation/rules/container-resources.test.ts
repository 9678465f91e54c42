import rule from '../../../lib/validation/rules/container-resources';
import { ruleTester } from '../rule-tester';
import { ctr, oneContainer, pod } from '../fixtures/pod-spec';

ruleTester(rule, {
  valid: [pod(oneContainer({ resources: { requests: { cpu: '500m', memory: '1Gi', 'example.com/gpu': 1 }, limits: { cpu: '1', memory: '1Gi', 'example.com/gpu': '1' } } }))],
  invalid: [
    { object: pod(oneContainer({ resources: { requests: { cpu: '2' }, limits: { cpu: '1' } } })), errors: [{ path: 'spec.containers[0].resources.requests', message: 'Invalid value: "2": must be less than or equal to cpu limit of 1' }] },
    { object: pod(oneContainer({ resources: { requests: { memory: '-1Mi' } } })), errors: [{ path: 'spec.containers[0].resources.requests[memory]', message: 'Invalid value: "-1Mi": must be greater than or equal to 0' }] },
    { object: pod(oneContainer({ resources: { limits: { gpu: '1' } } })), errors: [{ path: 'spec.containers[0].resources.limits[gpu]', message: 'Invalid value: "gpu": must be a standard resource for containers' }] },
    { object: pod({ containers: [ctr('a')], initContainers: [ctr('i', { resources: { requests: { 'example.com/gpu': '1' } } })] }), errors: [{ path: 'spec.initContainers[0].resources.limits', message: 'Required value: Limit must be set for non overcommitable resources' }] },
    { object: pod(oneContainer({ resources: { requests: { 'example.com/gpu': '1' }, limits: { 'example.com/gpu': '2' } } })), errors: [{ path: 'spec.containers[0].resources.requests', message: 'Invalid value: "1": must be equal to example.com/gpu limit of 2' }] },
    // The real server's answers (test/fixtures/mutation-corpus.labels.json, Pod:spec.overhead=...):
    // a valid overhead without a RuntimeClass is refused by RuntimeClass admission ...
    {
      name: 'overhead without a RuntimeClass',
      object: pod({ containers: [ctr('a')], overhead: { 'example.com/gpu': '1' } }),
      errors: [{ path: 'spec.overhead', message: 'pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead' }],
    },
    // ... which runs after validation: an overhead the validation refuses is reported alone.
    {
      name: 'an invalid overhead, without a RuntimeClass',
      object: pod({ containers: [ctr('a')], overhead: { cpu: '-1' } }),
      errors: [{ path: 'spec.overhead.limits[cpu]', message: 'Invalid value: "-1": must be greater than or equal to 0' }],
    },
  ],
});
