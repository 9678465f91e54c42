import { Path } from '../types';
import { podRule } from '../util/define-rule';
import { containersPhrase, PSS_DOCS, pssContainers, reportControl, securityContextOf } from '../util/pss';
import { field } from '../util/values';

/** Baseline control "Privileged Containers": check_privileged.go (`privileged`, v1.0+). */
export default podRule({
  id: 'pss-privileged',
  layer: 'pod-security',
  severity: 'error',
  podSecurityLevel: 'baseline',
  description: 'Containers must not run privileged (Pod Security Standards, baseline).',
  fix: 'Remove securityContext.privileged or set it to false; grant only the capabilities the container needs.',
  source: 'CheckPrivileged (privileged) in pod-security-admission policy/check_privileged.go (v1.28)',
  docsUrl: PSS_DOCS,
}, (ctx) => {
  const bad: string[] = [];
  const paths: { path: Path }[] = [];
  for (const c of pssContainers(ctx.pod.spec)) {
    if (field(securityContextOf(c.container), 'privileged') === true) {
      bad.push(c.name);
      paths.push({ path: [...c.path, 'securityContext', 'privileged'] });
    }
  }
  if (bad.length > 0) reportControl(ctx, 'privileged', `${containersPhrase(bad)} must not set securityContext.privileged=true`, paths);
});
