import rule from '../../../lib/validation/rules/pss-apparmor';
import { deployment, goodContainer, pod, restrictedSpec } from '../fixtures/pss-pods';
import { ruleTester } from '../rule-tester';

const KEY = 'container.apparmor.security.beta.kubernetes.io/';

ruleTester(rule, {
  valid: [
    pod(restrictedSpec(), { annotations: { [`${KEY}app`]: 'runtime/default', [`${KEY}b`]: 'localhost/k8s-apparmor-example-deny-write' } }),
    pod(restrictedSpec(), { annotations: { [`${KEY}app`]: '' } }),
    { name: 'the 1.30 field does not exist at 1.28',
      object: pod(restrictedSpec({ containers: [goodContainer('app', { securityContext: { appArmorProfile: { type: 'Unconfined' } } })] })) },
  ],
  invalid: [
    { object: pod(restrictedSpec(), { annotations: { [`${KEY}app`]: 'unconfined' } }),
      errors: [{ path: `metadata.annotations[${KEY}app]`, message: `forbidden AppArmor profile (${KEY}app="unconfined")` }] },
    { name: 'template annotations, plural', object: deployment(restrictedSpec(), { annotations: { [`${KEY}b`]: 'unconfined', [`${KEY}a`]: 'x' } }),
      errors: [{ path: 'spec.template.spec', message: `forbidden AppArmor profiles (${KEY}a="x", ${KEY}b="unconfined")` }] },
    { name: '1.30+: the field and the new wording', config: { k8sVersion: '1.30' },
      object: pod(restrictedSpec({ containers: [goodContainer('app', { securityContext: { appArmorProfile: { type: 'Unconfined' } } })] })),
      errors: [{ path: 'spec.containers[0].securityContext.appArmorProfile.type',
        message: 'forbidden AppArmor profile (container "app" must not set AppArmor profile type to "Unconfined")' }] },
  ],
});
