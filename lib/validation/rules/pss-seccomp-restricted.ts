import { Path } from '../types';
import { podRule } from '../util/define-rule';
import { containersPhrase, isWindowsPod, joinQuote, PSS_DOCS, pssContainers, reportControl, securityContextOf, sortedSet } from '../util/pss';
import { asObject, field } from '../util/values';
import { atLeast } from '../util/version';

/**
 * Restricted control "Seccomp": check_seccompProfile_restricted.go (`seccompProfile_restricted`,
 * v1.19+; from v1.25 pods with spec.os.name=windows are exempt). The pod-level profile is
 * inherited by containers that set none; a container's own profile overrides it, and an
 * explicit Unconfined anywhere fails.
 */
export default podRule({
  id: 'pss-seccomp-restricted',
  layer: 'pod-security',
  severity: 'error',
  podSecurityLevel: 'restricted',
  minVersion: '1.19',
  description: 'Every container must run with the RuntimeDefault or a Localhost seccomp profile (Pod Security Standards, restricted).',
  fix: 'Set spec.securityContext.seccompProfile.type to RuntimeDefault (or Localhost) and remove Unconfined profiles from containers.',
  source: 'CheckSeccompProfileRestricted (seccompProfile_restricted) in pod-security-admission policy/check_seccompProfile_restricted.go (v1.28)',
  docsUrl: PSS_DOCS,
}, (ctx) => {
  const spec = ctx.pod.spec;
  if (atLeast(ctx.settings.k8sVersion, '1.25') && isWindowsPod(spec)) return;
  const valid = (t: unknown) => t === 'RuntimeDefault' || t === 'Localhost';
  const setters: string[] = [];
  const values: string[] = [];
  const explicitPaths: { path: Path }[] = [];
  let podSet = false;
  const podProfile = asObject(field(securityContextOf(spec), 'seccompProfile'));
  if (podProfile) {
    if (!valid(field(podProfile, 'type'))) {
      setters.push('pod');
      values.push(String(field(podProfile, 'type') ?? ''));
      explicitPaths.push({ path: ['securityContext', 'seccompProfile', 'type'] });
    } else {
      podSet = true;
    }
  }
  const explicitlyBad: string[] = [];
  const implicitlyBad: string[] = [];
  const implicitPaths: { path: Path }[] = [];
  for (const c of pssContainers(spec)) {
    const profile = asObject(field(securityContextOf(c.container), 'seccompProfile'));
    if (profile) {
      if (!valid(field(profile, 'type'))) {
        explicitlyBad.push(c.name);
        values.push(String(field(profile, 'type') ?? ''));
        explicitPaths.push({ path: [...c.path, 'securityContext', 'seccompProfile', 'type'] });
      }
    } else if (!podSet) {
      implicitlyBad.push(c.name);
      implicitPaths.push({ path: [...c.path, 'securityContext', 'seccompProfile'] });
    }
  }
  if (explicitlyBad.length > 0) setters.push(containersPhrase(explicitlyBad));
  if (setters.length > 0) {
    reportControl(ctx, 'seccompProfile',
      `${setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(values))}`, explicitPaths);
  } else if (implicitlyBad.length > 0) {
    reportControl(ctx, 'seccompProfile',
      `pod or ${containersPhrase(implicitlyBad)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`, implicitPaths);
  }
});
