import { objectRule } from '../util/define-rule';
import { asString, field } from '../util/values';

/**
 * A static Pod manifest must name its namespace. The kubelet does not require it:
 * applyDefaults in pkg/kubelet/config/common.go sets `metadata.namespace` to
 * "default" when it is empty. podwright requires it anyway, because a static Pod
 * (and its mirror Pod) landing in "default" is almost never what was meant: the
 * control plane runs in kube-system, and the namespace decides which Pod Security
 * labels, quotas and RBAC apply to the mirror Pod.
 */
export default objectRule({
  id: 'static-pod-namespace',
  layer: 'practice',
  severity: 'error',
  staticPodOnly: true,
  kinds: ['Pod'],
  description: 'A static Pod manifest must set metadata.namespace (the kubelet would silently use "default").',
  fix: 'Set metadata.namespace, usually to kube-system for control-plane pods.',
  source: 'applyDefaults in pkg/kubelet/config/common.go (namespace defaults to "default")',
  docsUrl: 'https://kubernetes.io/docs/tasks/configure-pod-container/static-pod/',
}, (ctx) => {
  const namespace = asString(field(field(ctx.target.object, 'metadata'), 'namespace')) ?? '';
  if (namespace === '') {
    ctx.report({
      path: ['metadata', 'namespace'],
      message: 'static Pod sets no metadata.namespace; the kubelet would put it and its mirror Pod in "default", where control-plane Pods do not belong and kube-system\'s policies do not apply',
    });
  }
});
