import { Path } from '../types';
import { podRule } from '../util/define-rule';
import { containersPhrase, PSS_DOCS, pssContainers, reportControl, securityContextOf } from '../util/pss';
import { field } from '../util/values';

/**
 * Restricted control "Running as Non-root": check_runAsNonRoot.go (`runAsNonRoot`, v1.0+).
 * A container inherits the pod's runAsNonRoot=true unless it sets its own value; an explicit
 * false on the pod or any container fails, and so does a container with neither.
 */
export default podRule({
  id: 'pss-run-as-non-root',
  layer: 'pod-security',
  severity: 'error',
  podSecurityLevel: 'restricted',
  description: 'Pods must run as a non-root user (Pod Security Standards, restricted).',
  fix: 'Set spec.securityContext.runAsNonRoot: true (and remove runAsNonRoot: false from containers).',
  source: 'CheckRunAsNonRoot (runAsNonRoot) in pod-security-admission policy/check_runAsNonRoot.go (v1.28)',
  docsUrl: PSS_DOCS,
}, (ctx) => {
  const spec = ctx.pod.spec;
  const setters: string[] = [];
  const explicitPaths: { path: Path }[] = [];
  let podNonRoot = false;
  const podValue = field(securityContextOf(spec), 'runAsNonRoot');
  if (podValue === false) {
    setters.push('pod');
    explicitPaths.push({ path: ['securityContext', 'runAsNonRoot'] });
  } else if (podValue === true) {
    podNonRoot = true;
  }
  const explicitlyBad: string[] = [];
  const implicitlyBad: string[] = [];
  const implicitPaths: { path: Path }[] = [];
  for (const c of pssContainers(spec)) {
    const value = field(securityContextOf(c.container), 'runAsNonRoot');
    if (value === false) {
      explicitlyBad.push(c.name);
      explicitPaths.push({ path: [...c.path, 'securityContext', 'runAsNonRoot'] });
    } else if (value !== true && !podNonRoot) {
      implicitlyBad.push(c.name);
      implicitPaths.push({ path: [...c.path, 'securityContext', 'runAsNonRoot'] });
    }
  }
  if (explicitlyBad.length > 0) setters.push(containersPhrase(explicitlyBad));
  if (setters.length > 0) {
    reportControl(ctx, 'runAsNonRoot != true', `${setters.join(' and ')} must not set securityContext.runAsNonRoot=false`, explicitPaths);
  } else if (implicitlyBad.length > 0) {
    reportControl(ctx, 'runAsNonRoot != true', `pod or ${containersPhrase(implicitlyBad)} must set securityContext.runAsNonRoot=true`, implicitPaths);
  }
});
