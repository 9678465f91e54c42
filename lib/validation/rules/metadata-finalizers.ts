import { objectRule } from '../util/define-rule';
import { fieldInvalid, isQualifiedName } from '../util/k8s-names';
import { dig } from '../util/object-checks';
import { asArray } from '../util/values';

/** IsStandardFinalizerName (pkg/apis/core/helper/helpers.go, v1.28). */
const STANDARD = ['kubernetes', 'orphan', 'foregroundDeletion'];

/**
 * Each finalizer is a qualified name, and one without a `/` domain must be a standard
 * finalizer; `orphan` and `foregroundDeletion` exclude each other. Follows
 * ValidateFinalizers (staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go)
 * and validateKubeFinalizerName (pkg/apis/core/validation/validation.go), v1.28.
 */
export default objectRule({
  id: 'metadata-finalizers',
  layer: 'api-server',
  severity: 'error',
  description: 'metadata.finalizers must be fully qualified names (example.com/cleanup) or standard finalizers.',
  fix: 'Prefix each finalizer with a domain you own, for example example.com/cleanup.',
  source: 'ValidateFinalizers in staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go and validateKubeFinalizerName in pkg/apis/core/validation/validation.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/finalizers/',
}, (ctx) => {
  const finalizers = asArray(dig(ctx.target.object, ['metadata', 'finalizers']));
  finalizers.forEach((f, i) => {
    if (typeof f !== 'string') return;
    const path = ['metadata', 'finalizers', i];
    for (const m of isQualifiedName(f)) ctx.report({ path, message: fieldInvalid(f, m) });
    if (!f.includes('/') && !STANDARD.includes(f)) ctx.report({ path, message: fieldInvalid(f, 'name is neither a standard finalizer name nor is it fully qualified') });
  });
  if (finalizers.includes('orphan') && finalizers.includes('foregroundDeletion')) {
    ctx.report({ path: ['metadata', 'finalizers'], message: 'Invalid value: finalizer orphan and foregroundDeletion cannot be both set' });
  }
});
