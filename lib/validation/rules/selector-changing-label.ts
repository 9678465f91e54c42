import { objectRule } from '../util/define-rule';
import { asArray, asObject, field } from '../util/values';

/**
 * Labels whose value changes from one release to the next. A workload's spec.selector is
 * immutable (ValidateDeploymentUpdate and friends in pkg/apis/apps/validation/validation.go),
 * so a selector on such a label makes the next release fail to apply, or orphans old pods.
 */
export const CHANGING_LABELS: readonly string[] = [
  'version', 'app.kubernetes.io/version', 'helm.sh/chart', 'chart', 'pod-template-hash', 'controller-revision-hash',
];

export default objectRule({
  id: 'selector-changing-label',
  layer: 'practice',
  severity: 'warning',
  kinds: ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'],
  description: 'Workload selectors should not use labels that change between releases.',
  fix: 'Select on stable labels such as app.kubernetes.io/name and app.kubernetes.io/instance; keep version labels on the pod template only.',
  source: 'immutable spec.selector (pkg/apis/apps/validation/validation.go, v1.28); Helm chart best practices (labels and selectors)',
  docsUrl: 'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#label-selector-updates',
}, (ctx) => {
  const selector = asObject(field(field(ctx.target.object, 'spec'), 'selector'));
  if (!selector) return;
  const matchLabels = asObject(field(selector, 'matchLabels'));
  for (const key of Object.keys(matchLabels ?? {})) {
    if (CHANGING_LABELS.includes(key)) {
      ctx.report({ path: ['spec', 'selector', 'matchLabels', key], message: `spec.selector uses label "${key}", which changes between releases; the selector is immutable, so a release that changes it cannot be applied` });
    }
  }
  asArray(field(selector, 'matchExpressions')).forEach((e, i) => {
    const key = field(e, 'key');
    if (typeof key === 'string' && CHANGING_LABELS.includes(key)) {
      ctx.report({ path: ['spec', 'selector', 'matchExpressions', i, 'key'], message: `spec.selector uses label "${key}", which changes between releases; the selector is immutable, so a release that changes it cannot be applied` });
    }
  });
});
