import rule from '../../../lib/validation/rules/schema-required';
import { ruleTester } from '../rule-tester';

const deployment = (spec: Record<string, unknown>) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec });
const template = { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i' }] } };

ruleTester(rule, {
  valid: [
    deployment({ selector: { matchLabels: { a: 'b' } }, template }),
    { name: 'NetworkPolicy without podSelector (the server treats it as {})', object: { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'n' }, spec: { policyTypes: ['Ingress'] } } },
    { name: 'StatefulSet without serviceName (not validated in 1.28)', object: { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 's' }, spec: { selector: { matchLabels: { a: 'b' } }, template } } },
    { name: 'a Deployment with no spec: spec itself is optional in the schema', object: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' } } },
  ],
  invalid: [
    {
      name: 'container without a name, Deployment without a selector',
      object: deployment({ template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ image: 'i' }] } } }),
      errors: [
        { path: 'spec.template.spec.containers[0].name', message: 'Required value' },
        { path: 'spec.selector', message: 'Required value' },
      ],
    },
    {
      name: 'null counts as missing',
      object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: null } },
      errors: [{ path: 'spec.containers', message: 'Required value' }],
    },
    {
      name: 'Service port without port',
      object: { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ targetPort: 80 }] } },
      errors: [{ path: 'spec.ports[0].port', message: 'Required value' }],
    },
  ],
});
