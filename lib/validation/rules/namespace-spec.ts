import { objectRule } from '../util/define-rule';
import { fieldInvalid, isQualifiedName } from '../util/k8s-names';
import { dig } from '../util/object-checks';
import { asArray } from '../util/values';

/** The finalizer names of the API server itself (FinalizerKubernetes, FinalizerOrphanDependents, FinalizerDeleteDependents). */
const STANDARD = ['kubernetes', 'orphan', 'foregroundDeletion'];

/**
 * A Namespace's spec.finalizers are qualified names, each either a standard finalizer
 * (`kubernetes`) or fully qualified (`example.com/cleanup`). Labelled by a v1.28.15 API server.
 */
export default objectRule({
  id: 'namespace-spec',
  layer: 'api-server',
  severity: 'error',
  description: 'A Namespace finalizer is "kubernetes" or a fully qualified name such as example.com/cleanup.',
  fix: 'Use "kubernetes" or a domain-qualified finalizer name (example.com/cleanup).',
  source: 'ValidateNamespace and validateFinalizerName in pkg/apis/core/validation/validation.go; ValidateFinalizerName in staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/finalizers/',
  kinds: ['Namespace'],
}, (ctx) => {
  for (const f of asArray(dig(ctx.target.object, ['spec', 'finalizers']))) {
    if (typeof f !== 'string') continue;
    for (const msg of isQualifiedName(f)) ctx.report({ path: ['spec', 'finalizers'], message: fieldInvalid(f, msg) });
    if (!STANDARD.includes(f) && !f.includes('/')) ctx.report({ path: ['spec', 'finalizers'], message: fieldInvalid(f, 'name is neither a standard finalizer name nor is it fully qualified') });
  }
});
