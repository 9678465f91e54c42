import rule from '../../../lib/validation/rules/ingress-spec';
import { ruleTester } from '../rule-tester';
import { backend, ingress } from '../fixtures/objects-2b';

ruleTester(rule, {
  valid: [
    ingress({ rules: [{ host: 'foo.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } }] }),
    ingress({ rules: [{ host: '*.example.com', http: { paths: [{ pathType: 'ImplementationSpecific', backend: { service: { name: 'web', port: { name: 'http' } } } }] } }] }),
    ingress({ defaultBackend: backend, tls: [{ hosts: ['example.com'], secretName: 'tls' }] }),
  ],
  invalid: [
    {
      object: ingress({ rules: [{ http: { paths: [{ path: 'api', backend }] } }] }),
      errors: [
        { path: 'spec.rules[0].http.paths[0].pathType', message: 'Required value: pathType must be specified' },
        { path: 'spec.rules[0].http.paths[0].path', message: 'Invalid value: "api": must be an absolute path' },
      ],
    },
    {
      object: ingress({ rules: [{ http: { paths: [{ path: '/', pathType: 'Regex', backend }] } }] }),
      errors: [{ path: 'spec.rules[0].http.paths[0].pathType', message: 'Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"' }],
    },
    { object: ingress({}), errors: [{ path: 'spec.rules', message: 'Invalid value: []: either `defaultBackend` or `rules` must be specified' }] },
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
