import rule from '../../../lib/validation/rules/pss-host-path-volumes';
import { BASELINE, pod, restrictedSpec } from '../fixtures/pss-pods';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    { object: pod(restrictedSpec({ volumes: [{ name: 'tmp', emptyDir: {} }] })), config: BASELINE },
    { name: 'overridden by restrictedVolumes at restricted',
      object: pod(restrictedSpec({ volumes: [{ name: 'h', hostPath: { path: '/var' } }] })), config: { podSecurity: 'restricted' } },
  ],
  invalid: [
    { object: pod(restrictedSpec({ volumes: [{ name: 'tmp', emptyDir: {} }, { name: 'logs', hostPath: { path: '/var/log' } }] })), config: BASELINE,
      errors: [{ path: 'spec.volumes[1].hostPath', message: 'hostPath volumes (volume "logs")' }] },
    { object: pod(restrictedSpec({ volumes: [{ name: 'a', hostPath: { path: '/a' } }, { name: 'b', hostPath: { path: '/b' } }] })), config: BASELINE,
      errors: [{ path: 'spec', message: 'hostPath volumes (volumes "a", "b")' }] },
  ],
});
