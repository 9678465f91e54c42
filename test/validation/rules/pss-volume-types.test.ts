import rule from '../../../lib/validation/rules/pss-volume-types';
import { BASELINE, pod, restrictedSpec } from '../fixtures/pss-pods';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    pod(restrictedSpec({ volumes: [
      { name: 'a', configMap: { name: 'c' } }, { name: 'b', secret: { secretName: 's' } }, { name: 'c', emptyDir: {} },
      { name: 'd', persistentVolumeClaim: { claimName: 'x' } }, { name: 'e', projected: { sources: [] } },
      { name: 'f', downwardAPI: { items: [] } }, { name: 'g', csi: { driver: 'd' } },
      { name: 'h', ephemeral: { volumeClaimTemplate: { spec: {} } } },
    ] })),
    { name: 'a volume with no source is an emptyDir (the server defaults it before admission)', object: pod(restrictedSpec({ volumes: [{ name: 'a' }] })) },
    { name: 'not run at baseline', object: pod(restrictedSpec({ volumes: [{ name: 'n', nfs: { server: 's', path: '/' } }] })), config: BASELINE },
  ],
  invalid: [
    { object: pod(restrictedSpec({ volumes: [{ name: 'ok', emptyDir: {} }, { name: 'logs', hostPath: { path: '/var/log' } }] })),
      errors: [{ path: 'spec.volumes[1].hostPath', message: 'restricted volume types (volume "logs" uses restricted volume type "hostPath")' }] },
    { object: pod(restrictedSpec({ volumes: [{ name: 'n', nfs: { server: 's', path: '/' } }, { name: 'g', gitRepo: { repository: 'r' } }, { name: 'm', nfs: { server: 't', path: '/' } }] })),
      errors: [{ path: 'spec', message: 'restricted volume types (volumes "n", "g", "m" use restricted volume types "gitRepo", "nfs")' }] },
  ],
});
