import { Path } from '../types';
import { podRule } from '../util/define-rule';
import { containersPhrase, isWindowsPod, PSS_DOCS, pssContainers, reportControl, securityContextOf } from '../util/pss';
import { field } from '../util/values';
import { atLeast } from '../util/version';

/**
 * Restricted control "Privilege Escalation": check_allowPrivilegeEscalation.go
 * (`allowPrivilegeEscalation`, v1.8+; from v1.25 pods with spec.os.name=windows are exempt).
 * Unset counts as allowed, so every container must set it to false.
 */
export default podRule({
  id: 'pss-allow-privilege-escalation',
  layer: 'pod-security',
  severity: 'error',
  podSecurityLevel: 'restricted',
  minVersion: '1.8',
  description: 'Every container must set allowPrivilegeEscalation to false (Pod Security Standards, restricted).',
  fix: 'Set securityContext.allowPrivilegeEscalation: false on every container, init container and ephemeral container.',
  source: 'CheckAllowPrivilegeEscalation (allowPrivilegeEscalation) in pod-security-admission policy/check_allowPrivilegeEscalation.go (v1.28)',
  docsUrl: PSS_DOCS,
}, (ctx) => {
  if (atLeast(ctx.settings.k8sVersion, '1.25') && isWindowsPod(ctx.pod.spec)) return;
  const bad: string[] = [];
  const paths: { path: Path }[] = [];
  for (const c of pssContainers(ctx.pod.spec)) {
    if (field(securityContextOf(c.container), 'allowPrivilegeEscalation') !== false) {
      bad.push(c.name);
      paths.push({ path: [...c.path, 'securityContext', 'allowPrivilegeEscalation'] });
    }
  }
  if (bad.length > 0) {
    reportControl(ctx, 'allowPrivilegeEscalation != false', `${containersPhrase(bad)} must set securityContext.allowPrivilegeEscalation=false`, paths);
  }
});
