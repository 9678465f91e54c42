import { reportCustomResourceProblems } from '../schema/crd-report';
import { objectRule } from '../util/define-rule';

/**
 * A field the custom resource's CRD schema does not declare. The API server's strict
 * field validation (kubectl's default) rejects the object with
 * `strict decoding error: unknown field "<path>"`; without it the field is pruned silently.
 */
export default objectRule({
  id: 'custom-resource-unknown-field',
  layer: 'schema',
  severity: 'error',
  description: 'Every field of a custom resource must be declared by its CRD\'s schema (unless x-kubernetes-preserve-unknown-fields).',
  fix: 'Remove the field or correct its name; check the spelling, the nesting level and the CRD version.',
  source: 'strict field validation of custom resources: pruning with ReturnUnknownFieldPaths in k8s.io/apiextensions-apiserver/pkg/apiserver/schema/pruning/algorithm.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation',
  customResources: true,
}, (ctx) => reportCustomResourceProblems(ctx, 'unknown-field'));
