import { reportCustomResourceProblems } from '../schema/crd-report';
import { objectRule } from '../util/define-rule';

/**
 * Says which parts of a custom resource's CRD podwright did not check: transition rules
 * (they read `oldSelf`, the stored object; the server skips them on create), rules that
 * use a CEL function or regular expression podwright does not have, rules whose
 * evaluation failed here, and rules the server too skips because the object is invalid.
 */
export default objectRule({
  id: 'custom-resource-rule-not-evaluated',
  layer: 'api-server',
  severity: 'info',
  description: 'Names each CRD validation rule that podwright did not evaluate on a custom resource, and why.',
  fix: 'Nothing to change in the object; check the rule by applying it with `kubectl apply --dry-run=server`.',
  source: 'k8s.io/apiextensions-apiserver/pkg/apiserver/schema/cel/validation.go (transition rules), pkg/registry/customresource/strategy.go hasBlockingErr (v1.28)',
  customResources: true,
}, (ctx) => reportCustomResourceProblems(ctx, 'not-evaluated'));
