import rule from '../../../lib/validation/rules/ingressclass-spec';
import { ruleTester } from '../rule-tester';

// Every case labelled by kube-apiserver v1.28.15 (dry-run create, strict field validation).
const ic = (spec: Record<string, unknown>) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'ic' }, spec });
const controller = 'example.com/ingress';

ruleTester(rule, {
  valid: [
    ic({ controller }),
    ic({ controller, parameters: { apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'p', scope: 'Namespace', namespace: 'ns' } }),
  ],
  invalid: [
    { name: 'no controller', object: ic({}), errors: [{ path: 'spec.controller', message: 'Required value' }] },
    { name: 'not domain-prefixed', object: ic({ controller: 'nginx' }), errors: [{ path: 'spec.controller', message: 'Invalid value: "nginx": must be a domain-prefixed path (such as "acme.io/foo")' }] },
    {
      name: 'parameters without kind and name',
      object: ic({ controller, parameters: { kind: '', name: '' } }),
      errors: [{ path: 'spec.parameters.kind', message: 'Required value: kind is required' }, { path: 'spec.parameters.name', message: 'Required value: name is required' }],
    },
    { name: 'Namespace scope without namespace', object: ic({ controller, parameters: { kind: 'X', name: 'y', scope: 'Namespace' } }), errors: [{ path: 'spec.parameters.namespace', message: "Required value: `parameters.scope` is set to 'Namespace'" }] },
    { name: 'Cluster scope with namespace', object: ic({ controller, parameters: { kind: 'X', name: 'y', scope: 'Cluster', namespace: 'ns' } }), errors: [{ path: 'spec.parameters.namespace', message: "Forbidden: `parameters.scope` is set to 'Cluster'" }] },
    {
      name: 'bad apiGroup, kind and scope',
      object: ic({ controller, parameters: { apiGroup: 'Bad Group', kind: 'X/Y', name: 'y', scope: 'Foo' } }),
      errors: [
        { path: 'spec.parameters.apiGroup', message: /^Invalid value: "Bad Group": a lowercase RFC 1123 subdomain/ },
        { path: 'spec.parameters.kind', message: 'Invalid value: "X/Y": may not contain \'/\'' },
        { path: 'spec.parameters.scope', message: 'Unsupported value: "Foo": supported values: "Cluster", "Namespace"' },
      ],
    },
  ],
});
