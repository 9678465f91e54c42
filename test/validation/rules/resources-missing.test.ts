import rule from '../../../lib/validation/rules/resources-missing';
import { pod } from '../fixtures/pss-pods';
import { ruleTester } from '../rule-tester';

const withResources = (resources?: unknown) => pod({ containers: [{ name: 'app', image: 'x:1', ...(resources ? { resources } : {}) }] });

ruleTester(rule, {
  valid: [
    withResources({ requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '128Mi' } }),
    { name: 'limits stand in for requests (API defaulting)', object: withResources({ limits: { cpu: '1', memory: '128Mi' } }) },
    { name: 'ephemeral containers cannot have resources', object: pod({ containers: [{ name: 'app', image: 'x', resources: { limits: { cpu: '1', memory: '1Gi' } } }], ephemeralContainers: [{ name: 'dbg', image: 'busybox' }] }) },
  ],
  invalid: [
    { object: withResources(), errors: [{ path: 'spec.containers[0]', message: 'container "app" has no resources.requests.cpu, resources.requests.memory, resources.limits.memory' }] },
    { object: withResources({ requests: { cpu: '100m', memory: '64Mi' } }), errors: [{ path: 'spec.containers[0].resources', message: 'container "app" has no resources.limits.memory' }] },
  ],
});
