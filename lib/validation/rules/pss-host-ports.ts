import { Path } from '../types';
import { podRule } from '../util/define-rule';
import { containersPhrase, pluralize, PSS_DOCS, pssContainers, reportControl, sortedSet } from '../util/pss';
import { asArray, field } from '../util/values';

/**
 * Baseline control "Host Ports": check_hostPorts.go (`hostPorts`, v1.0+). Any hostPort other
 * than 0 is forbidden (PSA's default configuration has no allowed list). Ports are listed in
 * string order, as `sets.NewString().List()` returns them.
 */
export default podRule({
  id: 'pss-host-ports',
  layer: 'pod-security',
  severity: 'error',
  podSecurityLevel: 'baseline',
  description: 'Containers must not bind host ports (Pod Security Standards, baseline).',
  fix: 'Remove hostPort from the container port and expose the pod through a Service instead.',
  source: 'CheckHostPorts (hostPorts) in pod-security-admission policy/check_hostPorts.go (v1.28)',
  docsUrl: PSS_DOCS,
}, (ctx) => {
  const bad: string[] = [];
  const ports: string[] = [];
  const paths: { path: Path }[] = [];
  for (const c of pssContainers(ctx.pod.spec)) {
    let valid = true;
    asArray(field(c.container, 'ports')).forEach((p, i) => {
      const hostPort = field(p, 'hostPort');
      if (typeof hostPort === 'number' && hostPort !== 0) {
        valid = false;
        ports.push(String(hostPort));
        paths.push({ path: [...c.path, 'ports', i, 'hostPort'] });
      }
    });
    if (!valid) bad.push(c.name);
  }
  if (bad.length > 0) {
    const list = sortedSet(ports);
    reportControl(ctx, 'hostPort',
      `${containersPhrase(bad)} ${pluralize('uses', 'use', bad.length)} ${pluralize('hostPort', 'hostPorts', list.length)} ${list.join(', ')}`, paths);
  }
});
