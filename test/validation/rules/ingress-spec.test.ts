import rule from '../../../lib/validation/rules/ingress-spec';
import { ruleTester } from '../rule-tester';
import { backend, ingress } from '../fixtures/objects-2b';

ruleTester(rule, {
  valid: [
    ingress({ rules: [{ host: 'foo.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } }] }),
    ingress({ rules: [{ host: '*.example.com', http: { paths: [{ pathType: 'ImplementationSpecific', backend: { service: { name: 'web', port: { name: 'http' } } } }] } }] }),
    ingress({ defaultBackend: backend, tls: [{ hosts: ['example.com'], secretName: 'tls' }] }),
    ingress({ ingressClassName: 'nginx', defaultBackend: { resource: { apiGroup: 'k8s.example.com', kind: 'StorageBucket', name: 'static-assets' } } }),
    ingress({ rules: [{ http: { paths: [{ path: '/a/.well-known', pathType: 'Exact', backend }, { pathType: 'ImplementationSpecific', backend }] } }], tls: [{ hosts: ['*.example.com'] }] }),
  ],
  invalid: [
    {
      object: ingress({ rules: [{ http: { paths: [{ path: 'api', backend }] } }] }),
      errors: [{ path: 'spec.rules[0].http.paths[0].pathType', message: 'Required value: pathType must be specified' }],
    },
    {
      object: ingress({ rules: [{ http: { paths: [{ path: '/', pathType: 'Regex', backend }] } }] }),
      errors: [{ path: 'spec.rules[0].http.paths[0].pathType', message: 'Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"' }],
    },
    { object: ingress({}), errors: [{ path: 'spec', message: 'Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified' }] },
    { object: ingress({ rules: [] }), errors: [{ path: 'spec', message: 'Invalid value: []networking.IngressRule{}: either `defaultBackend` or `rules` must be specified' }] },
    {
      name: 'paths per pathType',
      object: ingress({ rules: [{ http: { paths: [
        { path: '/a//b', pathType: 'Prefix', backend },
        { path: '/a/..', pathType: 'Exact', backend },
        { pathType: 'Prefix', backend },
        { path: 'rel', pathType: 'ImplementationSpecific', backend },
        { path: 'regex(.*)', pathType: 'Regex', backend },
      ] } }] }),
      errors: [
        { path: 'spec.rules[0].http.paths[0].path', message: "Invalid value: \"/a//b\": must not contain '//'" },
        { path: 'spec.rules[0].http.paths[1].path', message: "Invalid value: \"/a/..\": cannot end with '/..'" },
        { path: 'spec.rules[0].http.paths[2].path', message: 'Invalid value: "": must be an absolute path' },
        { path: 'spec.rules[0].http.paths[3].path', message: 'Invalid value: "rel": must be an absolute path' },
        { path: 'spec.rules[0].http.paths[4].pathType', message: 'Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"' },
      ],
    },
    {
      name: 'wildcard only as the first label; TLS secret name; class name',
      object: ingress({ ingressClassName: 'Nginx', defaultBackend: backend, rules: [{ host: 'foo.*.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } }], tls: [{ hosts: ['*'], secretName: 'TLS_cert' }] }),
      errors: [
        { path: 'spec.rules[0].host', message: /^Invalid value: "foo\.\*\.example\.com": a wildcard DNS-1123 subdomain must start with '\*\.'/ },
        { path: 'spec.tls[0].hosts[0]', message: /^Invalid value: "\*": a wildcard DNS-1123 subdomain/ },
        { path: 'spec.tls[0].secretName', message: /^Invalid value: "TLS_cert": a lowercase RFC 1123 subdomain/ },
        { path: 'spec.ingressClassName', message: /^Invalid value: "Nginx": a lowercase RFC 1123 subdomain/ },
      ],
    },
    {
      name: 'resource backends',
      object: ingress({ defaultBackend: { resource: { apiGroup: 'k8s.example.com', kind: 'StorageBucket' } }, rules: [{ http: { paths: [{ path: '/', pathType: 'Prefix', backend: { resource: { kind: 'A', name: 'b' }, service: { name: 'web', port: { number: 80 } } } }] } }] }),
      errors: [
        { path: 'spec.defaultBackend.resource.name', message: 'Required value: name is required' },
        { path: 'spec.rules[0].http.paths[0].backend', message: 'Invalid value: "": cannot set both resource and service backends' },
      ],
    },
    {
      object: ingress({ defaultBackend: { service: { name: 'web', port: { name: 'http', number: 80 } } } }),
      errors: [{ path: 'spec.defaultBackend', message: 'Invalid value: "": cannot set both port name & port number' }],
    },
    {
      object: ingress({ rules: [{ host: '10.0.0.1', http: { paths: [{ path: '/', pathType: 'Exact', backend: { service: { name: 'web', port: {} } } }] } }] }),
      errors: [
        { path: 'spec.rules[0].host', message: 'Invalid value: "10.0.0.1": must be a DNS name, not an IP address' },
        { path: 'spec.rules[0].http.paths[0].backend', message: 'Required value: port name or number is required' },
      ],
    },
  ],
});
