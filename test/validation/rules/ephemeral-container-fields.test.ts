import rule from '../../../lib/validation/rules/ephemeral-container-fields';
import { ruleTester } from '../rule-tester';
import { ctr, deployment, pod } from '../fixtures/pod-spec';

const F = 'Forbidden: cannot be set for an Ephemeral Container';
const withDebug = (extra: Record<string, unknown>) => ({ containers: [ctr('app')], ephemeralContainers: [ctr('debug', extra)] });

ruleTester(rule, {
  valid: [
    pod({ containers: [ctr('app')] }),
    { name: 'allowed fields only', object: pod(withDebug({ targetContainerName: 'app', command: ['sh'], stdin: true, tty: true, volumeMounts: [{ name: 'v', mountPath: '/v' }], securityContext: { runAsUser: 1 } })) },
    { name: 'empty resources is the zero value', object: pod(withDebug({ resources: {} })) },
    { name: 'null probe is unset', object: pod(withDebug({ livenessProbe: null, ports: null })) },
    { name: 'target an init container', object: pod({ containers: [ctr('app')], initContainers: [ctr('setup')], ephemeralContainers: [ctr('debug', { targetContainerName: 'setup' })] }) },
    { name: 'regular containers may have ports and probes', object: pod({ containers: [ctr('app', { ports: [{ containerPort: 80 }], readinessProbe: { tcpSocket: { port: 80 } } })] }) },
  ],
  invalid: [
    {
      name: 'ports and probes on an ephemeral container',
      object: pod(withDebug({ ports: [{ containerPort: 80 }], readinessProbe: { tcpSocket: { port: 80 } } })),
      errors: [
        { path: 'spec.ephemeralContainers[0].ports', message: F },
        { path: 'spec.ephemeralContainers[0].readinessProbe', message: F },
      ],
    },
    {
      name: 'every forbidden field, in struct order',
      object: pod(withDebug({
        lifecycle: { preStop: { exec: { command: ['x'] } } }, startupProbe: {}, livenessProbe: {}, resizePolicy: [], resources: { limits: { cpu: '1' } }, ports: [],
      })),
      errors: ['ports', 'resources', 'resizePolicy', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle']
        .filter((k) => k !== 'readinessProbe').map((k) => ({ path: `spec.ephemeralContainers[0].${k}`, message: F })),
    },
    {
      name: 'subPath and subPathExpr mounts',
      object: pod(withDebug({ volumeMounts: [{ name: 'v', mountPath: '/a', subPath: 'x' }, { name: 'v', mountPath: '/b', subPathExpr: '$(POD)' }] })),
      errors: [
        { path: 'spec.ephemeralContainers[0].volumeMounts[0].subPath', message: F },
        { path: 'spec.ephemeralContainers[0].volumeMounts[1].subPathExpr', message: F },
      ],
    },
    {
      name: 'target container missing',
      object: pod(withDebug({ targetContainerName: 'web' })),
      errors: [{ path: 'spec.ephemeralContainers[0].targetContainerName', message: 'Not found: "web"' }],
    },
    {
      name: 'in a pod template too (the server validates the spec before refusing the list)',
      object: deployment(withDebug({ resources: { requests: { memory: '1Mi' } } })),
      errors: [{ path: 'spec.template.spec.ephemeralContainers[0].resources', message: F }],
    },
  ],
});
