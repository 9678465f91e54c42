import { Path } from '../types';
import { podRule } from '../util/define-rule';
import { containersPhrase, PSS_DOCS, pssContainers, reportControl, securityContextOf } from '../util/pss';
import { field } from '../util/values';

/** Baseline control "HostProcess": check_windowsHostProcess.go (`windowsHostProcess`, v1.0+). */
export default podRule({
  id: 'pss-windows-host-process',
  layer: 'pod-security',
  severity: 'error',
  podSecurityLevel: 'baseline',
  description: 'Windows pods must not run HostProcess containers (Pod Security Standards, baseline).',
  fix: 'Remove securityContext.windowsOptions.hostProcess or set it to false.',
  source: 'CheckWindowsHostProcess (windowsHostProcess) in pod-security-admission policy/check_windowsHostProcess.go (v1.28)',
  docsUrl: PSS_DOCS,
}, (ctx) => {
  const hostProcess = (sc: unknown) => field(field(sc, 'windowsOptions'), 'hostProcess') === true;
  const setters: string[] = [];
  const paths: { path: Path }[] = [];
  if (hostProcess(securityContextOf(ctx.pod.spec))) {
    setters.push('pod');
    paths.push({ path: ['securityContext', 'windowsOptions', 'hostProcess'] });
  }
  const bad: string[] = [];
  for (const c of pssContainers(ctx.pod.spec)) {
    if (hostProcess(securityContextOf(c.container))) {
      bad.push(c.name);
      paths.push({ path: [...c.path, 'securityContext', 'windowsOptions', 'hostProcess'] });
    }
  }
  if (bad.length > 0) setters.push(containersPhrase(bad));
  if (setters.length > 0) {
    reportControl(ctx, 'hostProcess', `${setters.join(' and ')} must not set securityContext.windowsOptions.hostProcess=true`, paths);
  }
});
