import { podRule } from '../util/define-rule';
import { fieldForbidden } from '../util/k8s-names';
import { asArray, field, isObject } from '../util/values';

/**
 * A Pod whose projected volume holds a serviceAccountToken source must name its
 * service account (ValidatePod, v1.28: "additional validation only pertinent for
 * pods and not pod templates"). The ServiceAccount admission plugin, on by
 * default, fills in `default` before validation, so most clusters accept the Pod;
 * a cluster without that plugin rejects it. Hence a warning, for Pods only.
 */
export default podRule({
  id: 'projected-token-needs-service-account',
  layer: 'api-server',
  severity: 'warning',
  description: 'A Pod with a projected serviceAccountToken volume source should set serviceAccountName.',
  fix: 'Set spec.serviceAccountName to the service account whose token the volume projects (for example default).',
  source: 'ValidatePod in pkg/apis/core/validation/validation.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/concepts/storage/projected-volumes/#serviceaccounttoken',
  kinds: ['Pod'],
}, (ctx) => {
  const spec = ctx.pod.spec;
  const sa = field(spec, 'serviceAccountName');
  if (typeof sa === 'string' && sa !== '') return;
  // The deprecated alias serviceAccount is copied into serviceAccountName by the server.
  const alias = field(spec, 'serviceAccount');
  if (typeof alias === 'string' && alias !== '') return;
  asArray(field(spec, 'volumes')).forEach((vol, vi) => {
    asArray(field(field(vol, 'projected'), 'sources')).forEach((src, si) => {
      if (!isObject(src) || !isObject(field(src, 'serviceAccountToken'))) return;
      ctx.report({
        path: ['volumes', vi, 'projected', 'sources', si, 'serviceAccountToken'],
        message: `${fieldForbidden('must not be specified when serviceAccountName is not set')} (clusters with the ServiceAccount admission plugin set it to "default" first)`,
      });
    });
  });
});
