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
    { name: 'no source: defaulted to emptyDir before admission', object: pod(restrictedSpec({ volumes: [{ name: 'a' }] })) },
    { name: 'flexVolume at baseline', object: pod(restrictedSpec({ volumes: [{ name: 'f', flexVolume: { driver: 'example.com/lvm' } }] })), config: BASELINE },
    { name: 'not run at baseline', object: pod(restrictedSpec({ volumes: [{ name: 'n', nfs: { server: 's', path: '/' } }] })), config: BASELINE },
  ],
  invalid: [
    { object: pod(restrictedSpec({ volumes: [{ name: 'f', flexVolume: { driver: 'example.com/lvm' } }] })),
      errors: [{ path: 'spec.volumes[0].flexVolume', message: 'restricted volume types (volume "f" uses restricted volume type "flexVolume")' }] },
    { object: pod(restrictedSpec({ volumes: [{ name: 'ok', emptyDir: {} }, { name: 'logs', hostPath: { path: '/var/log' } }] })),
      errors: [{ path: 'spec.volumes[1].hostPath', message: 'restricted volume types (volume "logs" uses restricted volume type "hostPath")' }] },
    { object: pod(restrictedSpec({ volumes: [{ name: 'n', nfs: { server: 's', path: '/' } }, { name: 'g', gitRepo: { repository: 'r' } }, { name: 'm', nfs: { server: 't', path: '/' } }] })),
      errors: [{ path: 'spec', message: 'restricted volume types (volumes "n", "g", "m" use restricted volume types "gitRepo", "nfs")' }] },
  ],
});
