import { podRule } from '../util/define-rule';
import { field } from '../util/values';

/**
 * Unless automountServiceAccountToken is false (on the pod, or on its ServiceAccount), the
 * kubelet mounts an API token into every container; most applications never call the API.
 */
export default podRule({
  id: 'service-account-token-automount',
  layer: 'practice',
  severity: 'info',
  description: 'Pods that do not call the Kubernetes API should not mount a service account token.',
  fix: 'Set automountServiceAccountToken: false on the pod spec (or on its ServiceAccount) unless the app talks to the API server.',
  source: 'Polaris automountServiceAccountToken; kube-score (service account token)',
  docsUrl: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting',
}, (ctx) => {
  if (field(ctx.pod.spec, 'automountServiceAccountToken') === false) return;
  ctx.report({ path: ['automountServiceAccountToken'], message: 'automountServiceAccountToken is not false, so a service account token is mounted into every container (unless the ServiceAccount turns it off)' });
});
