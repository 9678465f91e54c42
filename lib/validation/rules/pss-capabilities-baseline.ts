import { Path } from '../types';
import { podRule } from '../util/define-rule';
import {
  containersPhrase, joinQuote, overriddenAtRestricted, PSS_DOCS, pssContainers, reportControl, securityContextOf, sortedSet,
} from '../util/pss';
import { asArray, field } from '../util/values';

/** The default capability set a baseline pod may add (capabilities_allowed_1_0 in check_capabilities_baseline.go). */
export const BASELINE_CAPABILITIES: readonly string[] = [
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD',
  'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
];

/**
 * Baseline control "Capabilities": check_capabilities_baseline.go (`capabilities_baseline`, v1.0+).
 * At restricted from 1.22 PSA skips it in favour of capabilities_restricted (OverrideCheckIDs).
 */
export default podRule({
  id: 'pss-capabilities-baseline',
  layer: 'pod-security',
  severity: 'error',
  podSecurityLevel: 'baseline',
  description: 'Containers may add only capabilities from the default set (Pod Security Standards, baseline).',
  fix: `Remove the capability from securityContext.capabilities.add; only ${BASELINE_CAPABILITIES.join(', ')} may be added.`,
  source: 'CheckCapabilitiesBaseline (capabilities_baseline) in pod-security-admission policy/check_capabilities_baseline.go (v1.28)',
  docsUrl: PSS_DOCS,
}, (ctx) => {
  if (overriddenAtRestricted(ctx, '1.22')) return;
  const bad: string[] = [];
  const caps: string[] = [];
  const paths: { path: Path }[] = [];
  for (const c of pssContainers(ctx.pod.spec)) {
    let valid = true;
    asArray(field(field(securityContextOf(c.container), 'capabilities'), 'add')).forEach((cap, i) => {
      if (typeof cap === 'string' && !BASELINE_CAPABILITIES.includes(cap)) {
        if (valid) paths.push({ path: [...c.path, 'securityContext', 'capabilities', 'add', i] });
        valid = false;
        caps.push(cap);
      }
    });
    if (!valid) bad.push(c.name);
  }
  if (bad.length > 0) {
    reportControl(ctx, 'non-default capabilities',
      `${containersPhrase(bad)} must not include ${joinQuote(sortedSet(caps))} in securityContext.capabilities.add`, paths);
  }
});
