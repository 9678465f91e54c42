import { Path } from '../types';
import { podRule } from '../util/define-rule';
import { containersPhrase, joinQuote, overriddenAtRestricted, PSS_DOCS, pssContainers, reportControl, securityContextOf, sortedSet } from '../util/pss';
import { asObject, field } from '../util/values';

/**
 * Baseline control "Seccomp": check_seccompProfile_baseline.go (`seccompProfile_baseline`,
 * the securityContext.seccompProfile form used from 1.19; the alpha annotations form applies
 * only before 1.19 and is not modelled). At restricted PSA runs seccompProfile_restricted instead.
 */
export default podRule({
  id: 'pss-seccomp-baseline',
  layer: 'pod-security',
  severity: 'error',
  podSecurityLevel: 'baseline',
  minVersion: '1.19',
  description: 'Pods and containers must not set the seccomp profile to Unconfined (Pod Security Standards, baseline).',
  fix: 'Set securityContext.seccompProfile.type to RuntimeDefault or Localhost, or leave it unset.',
  source: 'CheckSeccompBaseline (seccompProfile_baseline) in pod-security-admission policy/check_seccompProfile_baseline.go (v1.28)',
  docsUrl: PSS_DOCS,
}, (ctx) => {
  if (overriddenAtRestricted(ctx, '1.19')) return;
  const valid = (t: unknown) => t === 'RuntimeDefault' || t === 'Localhost';
  const setters: string[] = [];
  const values: string[] = [];
  const paths: { path: Path }[] = [];
  const podProfile = asObject(field(securityContextOf(ctx.pod.spec), 'seccompProfile'));
  if (podProfile && !valid(field(podProfile, 'type'))) {
    setters.push('pod');
    values.push(String(field(podProfile, 'type') ?? ''));
    paths.push({ path: ['securityContext', 'seccompProfile', 'type'] });
  }
  const bad: string[] = [];
  for (const c of pssContainers(ctx.pod.spec)) {
    const profile = asObject(field(securityContextOf(c.container), 'seccompProfile'));
    if (profile && !valid(field(profile, 'type'))) {
      bad.push(c.name);
      values.push(String(field(profile, 'type') ?? ''));
      paths.push({ path: [...c.path, 'securityContext', 'seccompProfile', 'type'] });
    }
  }
  if (bad.length > 0) setters.push(containersPhrase(bad));
  if (setters.length > 0) {
    reportControl(ctx, 'seccompProfile',
      `${setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(values))}`, paths);
  }
});
