import { podRule } from '../util/define-rule';
import { fieldForbidden } from '../util/k8s-names';
import { asArray, field } from '../util/values';

/**
 * Ephemeral containers are added to a running Pod through the
 * pods/ephemeralcontainers subresource (kubectl debug), never in a manifest: a
 * Pod may not be created with them (ValidatePodCreate, v1.28: "cannot be set on
 * create") and a pod template may not hold them (ValidatePodTemplateSpec:
 * "ephemeral containers not allowed in pod template").
 */
export default podRule({
  id: 'ephemeral-containers-on-create',
  layer: 'api-server',
  severity: 'error',
  description: 'ephemeralContainers cannot be set when creating a Pod or in a pod template.',
  fix: 'Remove ephemeralContainers from the manifest; attach a debug container to the running pod with kubectl debug instead.',
  source: 'ValidatePodCreate and ValidatePodTemplateSpec in pkg/apis/core/validation/validation.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/concepts/workloads/pods/ephemeral-containers/',
}, (ctx) => {
  if (asArray(field(ctx.pod.spec, 'ephemeralContainers')).length === 0) return;
  const why = 'ephemeral containers are added to a running pod with kubectl debug';
  ctx.report({
    path: ['ephemeralContainers'],
    message: ctx.pod.template
      ? `${fieldForbidden('ephemeral containers not allowed in pod template')} (${why})`
      : `${fieldForbidden('cannot be set on create')} (${why})`,
  });
});
