import rule from '../../../lib/validation/rules/schema-type';
import { ruleTester } from '../rule-tester';

const pod = (container: Record<string, unknown>, extra: Record<string, unknown> = {}, metadata: Record<string, unknown> = { name: 'p' }) => ({
  apiVersion: 'v1', kind: 'Pod', metadata, spec: { containers: [{ name: 'app', image: 'nginx', ...container }], ...extra },
});

ruleTester(rule, {
  valid: [
    pod({ ports: [{ containerPort: 80, protocol: 'TCP' }], stdin: true, args: ['a'] }),
    { name: 'null is accepted for optional fields (decodes to the zero value)', object: pod({ ports: null, stdin: null, securityContext: null }, { nodeSelector: null }) },
    { name: 'IntOrString takes an integer or a string', object: pod({ livenessProbe: { httpGet: { port: 'http' } }, readinessProbe: { tcpSocket: { port: 8080 } } }) },
    { name: 'creationTimestamp null and RFC 3339 times', object: pod({}, {}, { name: 'p', creationTimestamp: null, deletionTimestamp: '2024-01-02T03:04:05Z' }) },
    { name: 'YAML 80.0 is the integer 80', object: pod({ ports: [{ containerPort: 80.0 }] }) },
  ],
  invalid: [
    {
      name: 'a string for an integer',
      object: pod({ ports: [{ containerPort: '80' }] }),
      errors: [{ path: 'spec.containers[0].ports[0].containerPort', message: 'cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32' }],
    },
    {
      name: 'a number for a string, a string for a bool',
      object: pod({ image: 80, stdin: 'yes' }),
      errors: [
        { path: 'spec.containers[0].image', message: 'cannot unmarshal number 80 into Go struct field Container.spec.containers.image of type string' },
        { path: 'spec.containers[0].stdin', message: 'cannot unmarshal string into Go struct field Container.spec.containers.stdin of type bool' },
      ],
    },
    {
      name: 'a fraction for an int32',
      object: pod({}, { terminationGracePeriodSeconds: 1.5 }),
      errors: [{ path: 'spec.terminationGracePeriodSeconds', message: /cannot unmarshal number 1.5 into Go struct field PodSpec.spec.terminationGracePeriodSeconds/ }],
    },
    {
      name: 'annotations as a list (the server\'s own message)',
      object: pod({}, {}, { name: 'p', annotations: ['a=b'] }),
      errors: [{ path: 'metadata.annotations', message: 'cannot unmarshal array into Go struct field ObjectMeta.metadata.annotations of type map[string]string' }],
    },
    {
      name: 'label values must be strings',
      object: pod({}, {}, { name: 'p', labels: { tier: 1, on: true } }),
      errors: [
        { path: 'metadata.labels[tier]', message: /of type string$/ },
        { path: 'metadata.labels[on]', message: /cannot unmarshal bool/ },
      ],
    },
    {
      name: 'a list for an object',
      object: pod({}, { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ nodeSelectorTerms: [] }] } } }),
      errors: [{
        path: 'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution',
        message: 'cannot unmarshal array into Go struct field NodeAffinity.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution of type v1.NodeSelector',
      }],
    },
    {
      name: 'IntOrString rejects booleans and fractions',
      object: pod({ livenessProbe: { httpGet: { port: true } }, readinessProbe: { tcpSocket: { port: 80.5 } } }),
      errors: [
        { path: 'spec.containers[0].livenessProbe.httpGet.port', message: /cannot unmarshal bool .* of type int32/ },
        { path: 'spec.containers[0].readinessProbe.tcpSocket.port', message: /cannot unmarshal number 80.5/ },
      ],
    },
    {
      name: 'a malformed timestamp',
      object: pod({}, {}, { name: 'p', creationTimestamp: 'yesterday' }),
      errors: [{ path: 'metadata.creationTimestamp', message: 'parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": not an RFC 3339 date-time' }],
    },
  ],
});
