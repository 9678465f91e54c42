import { Path } from '../types';
import { podRule } from '../util/define-rule';
import { joinQuote, pluralize, PSS_DOCS, reportControl } from '../util/pss';
import { asArray, field, isObject } from '../util/values';

/**
 * Baseline control "HostPath Volumes": check_hostPathVolumes.go (`hostPathVolumes`, v1.0+).
 * At restricted PSA skips it in favour of restrictedVolumes (OverrideCheckIDs), which forbids hostPath too.
 */
export default podRule({
  id: 'pss-host-path-volumes',
  layer: 'pod-security',
  severity: 'error',
  podSecurityLevel: 'baseline',
  description: 'Pods must not mount hostPath volumes (Pod Security Standards, baseline).',
  fix: 'Replace the hostPath volume with an emptyDir, configMap, secret or persistentVolumeClaim volume.',
  source: 'CheckHostPathVolumes (hostPathVolumes) in pod-security-admission policy/check_hostPathVolumes.go (v1.28)',
  docsUrl: PSS_DOCS,
}, (ctx) => {
  if (ctx.settings.podSecurity === 'restricted') return;
  const bad: string[] = [];
  const paths: { path: Path }[] = [];
  asArray(field(ctx.pod.spec, 'volumes')).forEach((v, i) => {
    if (!isObject(v)) return;
    const hostPath = field(v, 'hostPath');
    if (hostPath !== undefined && hostPath !== null) {
      bad.push(typeof v.name === 'string' ? v.name : '');
      paths.push({ path: ['volumes', i, 'hostPath'] });
    }
  });
  if (bad.length > 0) reportControl(ctx, 'hostPath volumes', `${pluralize('volume', 'volumes', bad.length)} ${joinQuote(bad)}`, paths);
});
