import { Path } from '../types';
import { podRule } from '../util/define-rule';
import { PSS_DOCS, reportControl } from '../util/pss';
import { field } from '../util/values';

/** Baseline control "Host Namespaces": check_hostNamespaces.go (`hostNamespaces`, v1.0+). */
export default podRule({
  id: 'pss-host-namespaces',
  layer: 'pod-security',
  severity: 'error',
  podSecurityLevel: 'baseline',
  description: 'Pods must not share the host network, PID or IPC namespace (Pod Security Standards, baseline).',
  fix: 'Remove hostNetwork, hostPID and hostIPC from the pod spec, or set them to false.',
  source: 'CheckHostNamespaces (hostNamespaces) in pod-security-admission policy/check_hostNamespaces.go (v1.28)',
  docsUrl: PSS_DOCS,
}, (ctx) => {
  const spec = ctx.pod.spec;
  const used: string[] = [];
  const paths: { path: Path }[] = [];
  for (const key of ['hostNetwork', 'hostPID', 'hostIPC']) {
    if (field(spec, key) === true) {
      used.push(`${key}=true`);
      paths.push({ path: [key] });
    }
  }
  if (used.length > 0) reportControl(ctx, 'host namespaces', used.join(', '), paths);
});
