import rule from '../../../lib/validation/rules/volume-unused';
import { ruleTester } from '../rule-tester';

const pod = (volumes: unknown[], containers: unknown[], extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { volumes, containers, ...extra },
});

ruleTester(rule, {
  valid: [
    pod([{ name: 'data', emptyDir: {} }], [{ name: 'a', image: 'a:1', volumeMounts: [{ name: 'data', mountPath: '/data' }] }]),
    { name: 'mounted by an init container only', object: pod([{ name: 'seed', emptyDir: {} }], [{ name: 'a', image: 'a:1' }], { initContainers: [{ name: 'i', image: 'i:1', volumeMounts: [{ name: 'seed', mountPath: '/seed' }] }] }) },
    { name: 'used as a block device', object: pod([{ name: 'disk', persistentVolumeClaim: { claimName: 'd' } }], [{ name: 'a', image: 'a:1', volumeDevices: [{ name: 'disk', devicePath: '/dev/xvda' }] }]) },
    pod([], [{ name: 'a', image: 'a:1' }]),
  ],
  invalid: [
    {
      name: 'the second of two volumes is mounted by nobody',
      object: pod([{ name: 'data', emptyDir: {} }, { name: 'cache', emptyDir: {} }], [{ name: 'a', image: 'a:1', volumeMounts: [{ name: 'data', mountPath: '/data' }] }]),
      errors: [{ path: 'spec.volumes[1]', message: 'volume "cache" is declared but no container mounts it' }],
    },
    {
      name: 'in a Deployment template',
      object: {
        apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' },
        spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { volumes: [{ name: 'cfg', configMap: { name: 'c' } }], containers: [{ name: 'a', image: 'a:1' }] } } },
      },
      errors: [{ path: 'spec.template.spec.volumes[0]', message: 'volume "cfg" is declared but no container mounts it' }],
    },
  ],
});
