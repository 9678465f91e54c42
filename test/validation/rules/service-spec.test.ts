import rule from '../../../lib/validation/rules/service-spec';
import { ruleTester } from '../rule-tester';
import { service } from '../fixtures/objects-2b';

ruleTester(rule, {
  valid: [
    service(),
    service({ clusterIP: 'None', ports: undefined }),
    service({ type: 'ExternalName', externalName: 'db.example.com.', ports: undefined, selector: undefined }),
    service({ type: 'NodePort', ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30080 }, { name: 'dns', port: 53, protocol: 'UDP' }] }),
    { name: 'same port number, different protocols', object: service({ ports: [{ name: 'a', port: 53 }, { name: 'b', port: 53, protocol: 'UDP' }] }) },
  ],
  invalid: [
    { object: service({ ports: [] }), errors: [{ path: 'spec.ports', message: 'Required value' }] },
    {
      name: 'two ports need names, names unique',
      object: service({ ports: [{ port: 80 }, { name: 'web', port: 81 }, { name: 'web', port: 82 }] }),
      errors: [{ path: 'spec.ports[0].name', message: 'Required value' }, { path: 'spec.ports[2].name', message: 'Duplicate value: "web"' }],
    },
    {
      object: service({ ports: [{ port: 70000, targetPort: 'http_port', protocol: 'HTTP' }] }),
      errors: [
        { path: 'spec.ports[0].port', message: 'Invalid value: 70000: must be between 1 and 65535, inclusive' },
        { path: 'spec.ports[0].protocol', message: 'Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"' },
        { path: 'spec.ports[0].targetPort', message: 'Invalid value: "http_port": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)' },
      ],
    },
    { object: service({ ports: [{ port: 80, nodePort: 30080 }] }), errors: [{ path: 'spec.ports[0].nodePort', message: "Forbidden: may not be used when `type` is 'ClusterIP'" }] },
    { object: service({ type: 'NodePort', clusterIP: 'None' }), errors: [{ path: 'spec.clusterIP', message: "Invalid value: \"None\": may not be set to 'None' for NodePort services" }] },
    { object: service({ type: 'ExternalName', ports: undefined }), errors: [{ path: 'spec.externalName', message: 'Required value' }] },
    { object: service({ type: 'Internal' }), errors: [{ path: 'spec.type', message: 'Unsupported value: "Internal": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"' }] },
    { object: service({ sessionAffinity: 'Cookie' }), errors: [{ path: 'spec.sessionAffinity', message: 'Unsupported value: "Cookie": supported values: "ClientIP", "None"' }] },
    { object: service({ selector: { app: 'web server' } }), errors: [{ path: 'spec.selector', message: /^Invalid value: "web server": a valid label must be/ }] },
    {
      name: 'duplicate port/protocol',
      object: service({ ports: [{ name: 'a', port: 80 }, { name: 'b', port: 80 }] }),
      errors: [{ path: 'spec.ports[1]', message: 'Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}' }],
    },
  ],
});
