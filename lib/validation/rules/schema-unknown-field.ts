import { reportSchemaProblems } from '../schema/report';
import { objectRule } from '../util/define-rule';

/**
 * A field the Kubernetes 1.28 API does not define. The API server's strict
 * decoding (kubectl apply --validate=strict, the default) rejects it with
 * `strict decoding error: unknown field "<path>"`; with non-strict decoding it
 * would be silently dropped, which hides typos such as `imagePullPolicyy`.
 */
export default objectRule({
  id: 'schema-unknown-field',
  layer: 'schema',
  severity: 'error',
  description: 'Every field must exist in the Kubernetes 1.28 API schema of the object\'s kind.',
  fix: 'Remove the field or correct its name; check the spelling and the nesting level.',
  source: 'strict decoding (sigs.k8s.io/json UnmarshalStrict) in k8s.io/apimachinery/pkg/runtime/serializer/json (v1.28); schema: cdk8s-plus-28 k8s imports',
  docsUrl: 'https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation',
  // Above 1.28 a field unknown to the 1.28 schema may be a newer field: see
  // schema-unknown-field-newer-target, which says so as a warning.
  maxVersion: '1.28',
}, (ctx) => reportSchemaProblems(ctx, 'unknown-field'));
