import rule from '../../../lib/validation/rules/schema-enum';
import { ruleTester } from '../rule-tester';

const pod = (container: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'app', image: 'nginx', ...container }], ...extra },
});

ruleTester(rule, {
  valid: [
    pod({ imagePullPolicy: 'IfNotPresent', ports: [{ containerPort: 53, protocol: 'UDP' }] }, { restartPolicy: 'Never', dnsPolicy: 'ClusterFirst' }),
    { name: 'an empty string is unset (the server defaults it)', object: pod({ imagePullPolicy: '' }, { tolerations: [{ key: 'k', operator: 'Exists', effect: '' }] }) },
    { name: 'Job podFailurePolicy FailIndex (1.28): enum dropped rather than a false alarm', object: {
      apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' },
      spec: { podFailurePolicy: { rules: [{ action: 'FailIndex', onExitCodes: { operator: 'In', values: [1] } }] }, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'i' }] } } },
    } },
  ],
  invalid: [
    {
      name: 'imagePullPolicy Sometimes',
      object: pod({ imagePullPolicy: 'Sometimes' }),
      errors: [{ path: 'spec.containers[0].imagePullPolicy', message: 'Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"' }],
    },
    {
      name: 'enum values are case-sensitive',
      object: pod({ ports: [{ containerPort: 80, protocol: 'tcp' }] }, { restartPolicy: 'always' }),
      errors: [
        { path: 'spec.containers[0].ports[0].protocol', message: 'Unsupported value: "tcp": supported values: "SCTP", "TCP", "UDP"' },
        { path: 'spec.restartPolicy', message: 'Unsupported value: "always": supported values: "Always", "Never", "OnFailure"' },
      ],
    },
    {
      name: 'Service type',
      object: { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { type: 'Internal', ports: [{ port: 80 }] } },
      errors: [{ path: 'spec.type', message: 'Unsupported value: "Internal": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"' }],
    },
  ],
});
