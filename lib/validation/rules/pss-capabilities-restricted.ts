import { Path } from '../types';
import { podRule } from '../util/define-rule';
import { containersPhrase, isWindowsPod, joinQuote, PSS_DOCS, pssContainers, reportControl, securityContextOf, sortedSet } from '../util/pss';
import { asArray, asObject, field } from '../util/values';
import { atLeast } from '../util/version';

/**
 * Restricted control "Capabilities": check_capabilities_restricted.go (`capabilities_restricted`,
 * v1.22+, overriding capabilities_baseline; from v1.25 pods with spec.os.name=windows are exempt).
 * Every container must drop ALL and may add only NET_BIND_SERVICE.
 */
export default podRule({
  id: 'pss-capabilities-restricted',
  layer: 'pod-security',
  severity: 'error',
  podSecurityLevel: 'restricted',
  minVersion: '1.22',
  description: 'Containers must drop ALL capabilities and may add back only NET_BIND_SERVICE (Pod Security Standards, restricted).',
  fix: 'Set securityContext.capabilities.drop: ["ALL"] on every container and add at most NET_BIND_SERVICE.',
  source: 'CheckCapabilitiesRestricted (capabilities_restricted) in pod-security-admission policy/check_capabilities_restricted.go (v1.28)',
  docsUrl: PSS_DOCS,
}, (ctx) => {
  if (atLeast(ctx.settings.k8sVersion, '1.25') && isWindowsPod(ctx.pod.spec)) return;
  const missingDrop: string[] = [];
  const adding: string[] = [];
  const forbidden: string[] = [];
  const paths: { path: Path }[] = [];
  for (const c of pssContainers(ctx.pod.spec)) {
    const caps = asObject(field(securityContextOf(c.container), 'capabilities'));
    const capsPath = [...c.path, 'securityContext', 'capabilities'];
    if (!caps) {
      missingDrop.push(c.name);
      paths.push({ path: capsPath });
      continue;
    }
    if (!asArray(field(caps, 'drop')).includes('ALL')) {
      missingDrop.push(c.name);
      paths.push({ path: [...capsPath, 'drop'] });
    }
    let addedForbidden = false;
    asArray(field(caps, 'add')).forEach((cap, i) => {
      if (cap !== 'NET_BIND_SERVICE') {
        if (!addedForbidden) paths.push({ path: [...capsPath, 'add', i] });
        addedForbidden = true;
        forbidden.push(String(cap));
      }
    });
    if (addedForbidden) adding.push(c.name);
  }
  const details: string[] = [];
  if (missingDrop.length > 0) details.push(`${containersPhrase(missingDrop)} must set securityContext.capabilities.drop=["ALL"]`);
  if (adding.length > 0) {
    details.push(`${containersPhrase(adding)} must not include ${joinQuote(sortedSet(forbidden))} in securityContext.capabilities.add`);
  }
  if (details.length > 0) reportControl(ctx, 'unrestricted capabilities', details.join('; '), paths);
});
