import { Path } from '../types';
import { CONTROLLER_KINDS } from '../util/controller-objects';
import { objectRule } from '../util/define-rule';
import { fieldInvalid, isQualifiedName } from '../util/k8s-names';
import { dig } from '../util/object-checks';
import { REFUSED_PODS } from '../util/pod-validation';
import { asArray, field } from '../util/values';

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
  check(asArray(dig(ctx.target.object, ['metadata', 'finalizers'])), ['metadata'], '', ctx.report);
  // A controller copies its pod template's finalizers onto every Pod it creates, where the
  // server checks them (the template itself is not checked).
  if (CONTROLLER_KINDS.includes(ctx.target.kind)) {
    for (const site of ctx.target.pods) {
      check(asArray(field(site.metadata, 'finalizers')), site.metadataPath, REFUSED_PODS, ctx.report);
    }
  }
});

function check(finalizers: readonly unknown[], meta: Path, prefix: string, report: (v: { path: Path; message: string }) => void): void {
  finalizers.forEach((f, i) => {
    if (typeof f !== 'string') return;
    const path = [...meta, 'finalizers', i];
    for (const m of isQualifiedName(f)) report({ path, message: prefix + fieldInvalid(f, m) });
    if (!f.includes('/') && !STANDARD.includes(f)) report({ path, message: prefix + fieldInvalid(f, 'name is neither a standard finalizer name nor is it fully qualified') });
  });
  if (finalizers.includes('orphan') && finalizers.includes('foregroundDeletion')) {
    report({ path: [...meta, 'finalizers'], message: `${prefix}Invalid value: finalizer orphan and foregroundDeletion cannot be both set` });
  }
}
