import { reportCustomResourceProblems } from '../schema/crd-report';
import { objectRule } from '../util/define-rule';

/**
 * The OpenAPI checks of a CRD's structural schema, in the API server's words: types,
 * required fields, enum, pattern, format, minimum/maximum, lengths, item and property
 * counts, int-or-string, embedded resources, and list-type set/map uniqueness.
 */
export default objectRule({
  id: 'custom-resource-schema',
  layer: 'schema',
  severity: 'error',
  description: 'A custom resource must satisfy its CRD\'s openAPIV3Schema (types, required, enum, pattern, format, bounds, list types).',
  fix: 'Change the field to a value the CRD\'s schema accepts (see `kubectl explain <kind>.<field>`).',
  source: 'k8s.io/apiextensions-apiserver/pkg/apiserver/validation (ValidateCustomResource, kube-openapi validate) and listtype.ValidateListSetsAndMaps (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#validation',
  customResources: true,
}, (ctx) => reportCustomResourceProblems(ctx, 'schema'));
