import { isClusterScoped } from '../kinds';
import { objectRule } from '../util/define-rule';
import { fieldInvalid, isDNS1123Label } from '../util/k8s-names';
import { dig } from '../util/object-checks';

/**
 * metadata.namespace, when set, must be a DNS-1123 label (ValidateNamespaceName).
 * An absent namespace is not an error: kubectl and the server fill in the
 * request's namespace. Cluster-scoped kinds (Namespace, ClusterRole, StorageClass ...)
 * drop the field before validation (a v1.28.15 server creates a ClusterRole with
 * metadata.namespace "Bad_NS"), so they are not checked.
 */
export default objectRule({
  id: 'metadata-namespace',
  layer: 'api-server',
  severity: 'error',
  description: 'metadata.namespace must be a valid namespace name (a DNS-1123 label).',
  fix: 'Use at most 63 lower-case letters, digits and \'-\', starting and ending with a letter or digit.',
  source: 'validateObjectMetaAccessorWithOptsCommon (ValidateNamespaceName) in staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go (v1.28)',
  customResources: true,
}, (ctx) => {
  // Cluster-scoped kinds (built-in ones, cluster-scoped custom resources) drop the field.
  if (ctx.target.customResource ? ctx.target.customResource.namespaced === false : isClusterScoped(ctx.target.kind)) return;
  const ns = dig(ctx.target.object, ['metadata', 'namespace']);
  if (typeof ns !== 'string' || ns === '') return;
  for (const msg of isDNS1123Label(ns)) ctx.report({ path: ['metadata', 'namespace'], message: fieldInvalid(ns, msg) });
});
