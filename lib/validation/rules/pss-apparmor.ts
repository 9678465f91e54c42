import { Path } from '../types';
import { podRule } from '../util/define-rule';
import { containersPhrase, goQuote, joinQuote, pluralize, PSS_DOCS, pssContainers, reportControl, securityContextOf, sortedSet } from '../util/pss';
import { asObject, field } from '../util/values';
import { atLeast } from '../util/version';

const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

/** `allowedProfile` in check_appArmorProfile.go: unset, runtime/default or localhost/<profile>. */
function allowedAnnotation(value: string): boolean {
  return value === '' || value === 'runtime/default' || value.startsWith('localhost/');
}

/**
 * Baseline control "AppArmor": check_appArmorProfile.go (`appArmorProfile`, v1.0+).
 * Up to 1.29 PSA reads only the beta annotations; from 1.30, when the
 * securityContext.appArmorProfile field exists, it also checks the field's type
 * (RuntimeDefault or Localhost) and words the detail by setter.
 */
export default podRule({
  id: 'pss-apparmor',
  layer: 'pod-security',
  severity: 'error',
  podSecurityLevel: 'baseline',
  description: 'Pods must not override the default AppArmor profile with an unconfined one (Pod Security Standards, baseline).',
  fix: 'Use the runtime/default or a localhost/<profile> AppArmor profile, or leave it unset.',
  source: 'CheckAppArmorProfile (appArmorProfile) in pod-security-admission policy/check_appArmorProfile.go (v1.28)',
  docsUrl: PSS_DOCS,
}, (ctx) => {
  const forbiddenAnnotations: string[] = [];
  const annotationPaths: { path: Path; absolute: boolean }[] = [];
  const annotations = asObject(field(ctx.pod.metadata, 'annotations'));
  if (annotations) {
    for (const key of Object.keys(annotations).sort()) {
      const value = annotations[key];
      if (key.startsWith(ANNOTATION_PREFIX) && typeof value === 'string' && !allowedAnnotation(value)) {
        forbiddenAnnotations.push(`${key}=${goQuote(value)}`);
        annotationPaths.push({ path: [...ctx.pod.metadataPath, 'annotations', key], absolute: true });
      }
    }
  }
  forbiddenAnnotations.sort();

  if (!atLeast(ctx.settings.k8sVersion, '1.30')) {
    if (forbiddenAnnotations.length > 0) {
      reportControl(ctx, pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', forbiddenAnnotations.length),
        forbiddenAnnotations.join(', '), annotationPaths);
    }
    return;
  }

  // 1.30+: the appArmorProfile field on the pod and on each container.
  const allowedType = (t: unknown) => t === 'RuntimeDefault' || t === 'Localhost';
  const setters: string[] = [];
  const values: string[] = [];
  const paths: { path: Path; absolute?: boolean }[] = [];
  const podProfile = asObject(field(securityContextOf(ctx.pod.spec), 'appArmorProfile'));
  if (podProfile && !allowedType(field(podProfile, 'type'))) {
    setters.push('pod');
    values.push(String(field(podProfile, 'type') ?? ''));
    paths.push({ path: ['securityContext', 'appArmorProfile', 'type'] });
  }
  const bad: string[] = [];
  for (const c of pssContainers(ctx.pod.spec)) {
    const profile = asObject(field(securityContextOf(c.container), 'appArmorProfile'));
    if (profile && !allowedType(field(profile, 'type'))) {
      bad.push(c.name);
      values.push(String(field(profile, 'type') ?? ''));
      paths.push({ path: [...c.path, 'securityContext', 'appArmorProfile', 'type'] });
    }
  }
  if (bad.length > 0) setters.push(containersPhrase(bad));
  const valueList = [...sortedSet(values), ...forbiddenAnnotations];
  if (forbiddenAnnotations.length > 0) {
    setters.push(pluralize('annotation', 'annotations', forbiddenAnnotations.length));
    paths.push(...annotationPaths);
  }
  if (setters.length > 0) {
    reportControl(ctx, pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', valueList.length),
      `${setters.join(' and ')} must not set AppArmor profile type to ${joinQuote(valueList)}`, paths);
  }
});
