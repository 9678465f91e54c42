import rule from '../../../lib/validation/rules/pss-selinux';
import { goodContainer, pod, restrictedSpec } from '../fixtures/pss-pods';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    pod(restrictedSpec({ securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' }, seLinuxOptions: { level: 's0:c123,c456', type: 'container_t' } } })),
    { name: 'container_engine_t from 1.31', config: { k8sVersion: '1.31' },
      object: pod(restrictedSpec({ containers: [goodContainer('app', { securityContext: { seLinuxOptions: { type: 'container_engine_t' } } })] })) },
  ],
  invalid: [
    { object: pod(restrictedSpec({ containers: [goodContainer('app', { securityContext: { seLinuxOptions: { type: 'spc_t' } } })] })),
      errors: [{ path: 'spec.containers[0].securityContext.seLinuxOptions', message: 'seLinuxOptions (container "app" set forbidden securityContext.seLinuxOptions: type "spc_t")' }] },
    { name: 'container_engine_t before 1.31',
      object: pod(restrictedSpec({ containers: [goodContainer('app', { securityContext: { seLinuxOptions: { type: 'container_engine_t' } } })] })),
      errors: [{ path: 'spec.containers[0].securityContext.seLinuxOptions', message: /type "container_engine_t"/ }] },
    { name: 'pod and container, user and role',
      object: pod(restrictedSpec({
        securityContext: { runAsNonRoot: true, seLinuxOptions: { user: 'root' } },
        containers: [goodContainer('app', { securityContext: { seLinuxOptions: { role: 'sysadm_r', type: 'x_t' } } })],
      })),
      errors: [{ path: 'spec', message: 'seLinuxOptions (pod and container "app" set forbidden securityContext.seLinuxOptions: type "x_t"; user may not be set; role may not be set)' }] },
  ],
});
