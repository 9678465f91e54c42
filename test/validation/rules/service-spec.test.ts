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
    { name: 'ClientIP affinity with a timeout in range', object: service({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 86400 } } }) },
    { name: 'affinity config under None is dropped by the defaults', object: service({ sessionAffinityConfig: { clientIP: { timeoutSeconds: 0 } } }) },
    {
      name: 'LoadBalancer with Local traffic, health check port, source ranges, class',
      object: service({
        type: 'LoadBalancer', externalTrafficPolicy: 'Local', healthCheckNodePort: 30100, internalTrafficPolicy: 'Local',
        loadBalancerSourceRanges: ['10.0.0.0/8', ' 192.168.0.0/16 ', '2001:db8::/32'], loadBalancerClass: 'example.com/lb', allocateLoadBalancerNodePorts: false,
        ports: [{ port: 443, appProtocol: 'kubernetes.io/h2c' }],
      }),
    },
    { name: 'ClusterIP with externalIPs may set externalTrafficPolicy', object: service({ externalIPs: ['192.0.2.10'], externalTrafficPolicy: 'Cluster' }) },
    { name: 'dual stack', object: service({ ipFamilyPolicy: 'PreferDualStack', ipFamilies: ['IPv6', 'IPv4'] }) },
    { name: 'headless without selector defaults to RequireDualStack', object: service({ clusterIP: 'None', selector: undefined, ports: undefined, ipFamilies: ['IPv4', 'IPv6'] }) },
  ],
  invalid: [
    { object: service({ ports: [] }), errors: [{ path: 'spec.ports', message: 'Required value' }] },
    {
      object: service({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 86401 } } }),
      errors: [{ path: 'spec.sessionAffinityConfig.clientIP.timeoutSeconds', message: 'Invalid value: 86401: must be greater than 0 and less than 86400' }],
    },
    {
      name: 'externalTrafficPolicy on a ClusterIP Service, internalTrafficPolicy value',
      object: service({ externalTrafficPolicy: 'Local', internalTrafficPolicy: 'Node' }),
      errors: [
        { path: 'spec.externalTrafficPolicy', message: 'Invalid value: "Local": may only be set for externally-accessible services' },
        { path: 'spec.internalTrafficPolicy', message: 'Unsupported value: "Node": supported values: "Cluster", "Local"' },
      ],
    },
    {
      object: service({ type: 'NodePort', externalTrafficPolicy: 'Global', healthCheckNodePort: 30100 }),
      errors: [
        { path: 'spec.externalTrafficPolicy', message: 'Unsupported value: "Global": supported values: "Cluster", "Local"' },
        { path: 'spec.healthCheckNodePort', message: "Invalid value: 30100: may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'" },
      ],
    },
    {
      object: service({ ipFamilies: ['IPv4', 'IPv4', 'IPv5'] }),
      errors: [
        { path: 'spec.ipFamilies[1]', message: 'Duplicate value: "IPv4"' },
        { path: 'spec.ipFamilies[2]', message: 'Unsupported value: "IPv5": supported values: "IPv4", "IPv6"' },
      ],
    },
    {
      name: 'two families need a dual-stack policy (unset means SingleStack)',
      object: service({ ipFamilies: ['IPv4', 'IPv6'] }),
      errors: [{ path: 'spec.ipFamilyPolicy', message: "Invalid value: \"SingleStack\": must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified" }],
    },
    { object: service({ ipFamilyPolicy: 'DualStack' }), errors: [{ path: 'spec.ipFamilyPolicy', message: 'Unsupported value: "DualStack": supported values: "PreferDualStack", "RequireDualStack", "SingleStack"' }] },
    {
      object: service({ type: 'ExternalName', externalName: 'db.example.com', ports: undefined, ipFamilyPolicy: 'SingleStack', ipFamilies: ['IPv4'] }),
      errors: [
        { path: 'spec.ipFamilies', message: 'Forbidden: may not be set for ExternalName services' },
        { path: 'spec.ipFamilyPolicy', message: 'Forbidden: may not be set for ExternalName services' },
      ],
    },
    { object: service({ ports: [{ port: 80, appProtocol: '-h2c' }] }), errors: [{ path: 'spec.ports[0].appProtocol', message: /^Invalid value: "-h2c": name part must consist of/ }] },
    {
      name: 'loadBalancerSourceRanges: LoadBalancer only, CIDRs (the server names the field with a capital L)',
      object: service({ loadBalancerSourceRanges: ['10.0.0.0/8', '10.0.0.1'], allocateLoadBalancerNodePorts: true, loadBalancerClass: 'x' }),
      errors: [
        { path: 'spec.LoadBalancerSourceRanges', message: "Forbidden: may only be used when `type` is 'LoadBalancer'" },
        { path: 'spec.LoadBalancerSourceRanges', message: 'Invalid value: "[10.0.0.0/8 10.0.0.1]": must be a list of IP ranges. For example, 10.240.0.0/24,10.250.0.0/24 ' },
        { path: 'spec.allocateLoadBalancerNodePorts', message: "Forbidden: may only be used when `type` is 'LoadBalancer'" },
        { path: 'spec.loadBalancerClass', message: "Forbidden: may only be used when `type` is 'LoadBalancer'" },
      ],
    },
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
