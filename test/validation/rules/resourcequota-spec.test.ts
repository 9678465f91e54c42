import rule from '../../../lib/validation/rules/resourcequota-spec';
import { ruleTester } from '../rule-tester';

// Every case labelled by kube-apiserver v1.28.15 (dry-run create, strict field validation).
const rq = (spec: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'rq' }, spec });

ruleTester(rule, {
  valid: [
    rq({ hard: { pods: '10', 'requests.cpu': '2' } }),
    rq({
      hard: {
        'ephemeral-storage': '1Gi', 'requests.ephemeral-storage': '1Gi', 'limits.ephemeral-storage': '1Gi', 'hugepages-2Mi': '1Gi', 'requests.hugepages-2Mi': '1Gi',
        'services.nodeports': '1', 'services.loadbalancers': '1', 'count/deployments.apps': '1', 'gold.storageclass.storage.k8s.io/requests.storage': '1Gi',
        'requests.storage': '1Gi', persistentvolumeclaims: '1', resourcequotas: '1', replicationcontrollers: '1', secrets: '1', configmaps: '1', services: '1',
        'limits.memory': '1Gi', 'requests.memory': '1Gi', 'limits.cpu': '1', memory: '1Gi',
      },
    }),
    rq({ hard: { 'example.com/foo': '1', 'nvidia.com/gpu': '1', 'requests.nvidia.com/gpu': '1' } }),
    { name: 'a fraction of a storage request', object: rq({ hard: { 'requests.storage': '1.5' } }) },
    { name: 'NotBestEffort with Terminating', object: rq({ hard: { pods: '1' }, scopes: ['NotBestEffort', 'Terminating'] }) },
    { name: 'Terminating with cpu', object: rq({ hard: { cpu: '1' }, scopes: ['Terminating'] }) },
    { name: 'BestEffort with count/pods', object: rq({ hard: { 'count/pods': '1' }, scopes: ['BestEffort'] }) },
  ],
  invalid: [
    {
      name: 'not a qualified name',
      object: rq({ hard: { 'bad key': '1' } }),
      errors: [
        { path: 'spec.hard[bad key]', message: /^Invalid value: "bad key": name part must consist of alphanumeric characters/ },
        { path: 'spec.hard[bad key]', message: 'Invalid value: "bad key": must be a standard resource for quota' },
      ],
    },
    { name: 'storage is not a quota resource', object: rq({ hard: { storage: '1Gi' } }), errors: [{ path: 'spec.hard[storage]', message: 'Invalid value: "storage": must be a standard resource for quota' }] },
    {
      name: 'limits.hugepages',
      object: rq({ hard: { 'limits.hugepages-2Mi': '1Gi' } }),
      errors: [
        { path: 'spec.hard[limits.hugepages-2Mi]', message: 'Invalid value: "limits.hugepages-2Mi": must be a standard resource type or fully qualified' },
        { path: 'spec.hard[limits.hugepages-2Mi]', message: 'Invalid value: "limits.hugepages-2Mi": must be a standard resource for quota' },
      ],
    },
    { name: 'negative', object: rq({ hard: { pods: '-1' } }), errors: [{ path: 'spec.hard[pods]', message: 'Invalid value: "-1": must be greater than or equal to 0' }] },
    { name: 'fraction of pods', object: rq({ hard: { pods: '1.5' } }), errors: [{ path: 'spec.hard[pods]', message: /: must be an integer$/ }] },
    { name: 'fraction of services', object: rq({ hard: { services: '1.5' } }), errors: [{ path: 'spec.hard[services]', message: /: must be an integer$/ }] },
    { name: 'fraction of an object count', object: rq({ hard: { 'count/deployments.apps': '1.5' } }), errors: [{ path: 'spec.hard[count/deployments.apps]', message: /: must be an integer$/ }] },
    { name: 'BestEffort with cpu', object: rq({ hard: { cpu: '1' }, scopes: ['BestEffort'] }), errors: [{ path: 'spec.scopes', message: 'Invalid value: []core.ResourceQuotaScope{"BestEffort"}: unsupported scope applied to resource' }] },
    { name: 'conflicting', object: rq({ hard: { pods: '1' }, scopes: ['BestEffort', 'NotBestEffort'] }), errors: [{ path: 'spec.scopes', message: 'Invalid value: []core.ResourceQuotaScope{"BestEffort", "NotBestEffort"}: conflicting scopes' }] },
    { name: 'conflicting Terminating', object: rq({ hard: { pods: '1' }, scopes: ['Terminating', 'NotTerminating'] }), errors: [{ path: 'spec.scopes', message: 'Invalid value: []core.ResourceQuotaScope{"Terminating", "NotTerminating"}: conflicting scopes' }] },
    { name: 'unknown scope', object: rq({ hard: { pods: '1' }, scopes: ['Foo'] }), errors: [{ path: 'spec.scopes', message: 'Invalid value: []core.ResourceQuotaScope{"Foo"}: unsupported scope' }] },
  ],
});
