import { Path } from '../types';
import { podRule } from '../util/define-rule';
import { containersPhrase, joinQuote, PSS_DOCS, pssContainers, reportControl, securityContextOf, sortedSet } from '../util/pss';
import { field } from '../util/values';

/** Baseline control "/proc Mount Type": check_procMount.go (`procMount`, v1.0+). */
export default podRule({
  id: 'pss-proc-mount',
  layer: 'pod-security',
  severity: 'error',
  podSecurityLevel: 'baseline',
  description: 'Containers must use the default /proc mount type (Pod Security Standards, baseline).',
  fix: 'Remove securityContext.procMount or set it to Default.',
  source: 'CheckProcMount (procMount) in pod-security-admission policy/check_procMount.go (v1.28)',
  docsUrl: PSS_DOCS,
}, (ctx) => {
  const bad: string[] = [];
  const values: string[] = [];
  const paths: { path: Path }[] = [];
  for (const c of pssContainers(ctx.pod.spec)) {
    const procMount = field(securityContextOf(c.container), 'procMount');
    if (typeof procMount === 'string' && procMount !== 'Default') {
      bad.push(c.name);
      values.push(procMount);
      paths.push({ path: [...c.path, 'securityContext', 'procMount'] });
    }
  }
  if (bad.length > 0) {
    reportControl(ctx, 'procMount', `${containersPhrase(bad)} must not set securityContext.procMount to ${joinQuote(sortedSet(values))}`, paths);
  }
});
