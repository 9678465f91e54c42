import { Path } from '../types';
import { podRule } from '../util/define-rule';
import { containersPhrase, PSS_DOCS, pssContainers, reportControl, securityContextOf } from '../util/pss';
import { field } from '../util/values';

/** Restricted control "Running as Non-root user": check_runAsUser.go (`runAsUser`, v1.23+). */
export default podRule({
  id: 'pss-run-as-user',
  layer: 'pod-security',
  severity: 'error',
  podSecurityLevel: 'restricted',
  minVersion: '1.23',
  description: 'Pods and containers must not set runAsUser to 0 (Pod Security Standards, restricted).',
  fix: 'Set runAsUser to a non-zero UID, or remove it and rely on the image user with runAsNonRoot: true.',
  source: 'CheckRunAsUser (runAsUser) in pod-security-admission policy/check_runAsUser.go (v1.28)',
  docsUrl: PSS_DOCS,
}, (ctx) => {
  const setters: string[] = [];
  const paths: { path: Path }[] = [];
  if (field(securityContextOf(ctx.pod.spec), 'runAsUser') === 0) {
    setters.push('pod');
    paths.push({ path: ['securityContext', 'runAsUser'] });
  }
  const bad: string[] = [];
  for (const c of pssContainers(ctx.pod.spec)) {
    if (field(securityContextOf(c.container), 'runAsUser') === 0) {
      bad.push(c.name);
      paths.push({ path: [...c.path, 'securityContext', 'runAsUser'] });
    }
  }
  if (bad.length > 0) setters.push(containersPhrase(bad));
  if (setters.length > 0) reportControl(ctx, 'runAsUser=0', `${setters.join(' and ')} must not set runAsUser=0`, paths);
});
