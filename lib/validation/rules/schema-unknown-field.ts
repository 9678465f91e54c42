import { reportSchemaProblems } from '../schema/report';
import { objectRule } from '../util/define-rule';

/**
 * A field the target minor's API does not define (each supported minor has its own
 * exact schema, so a field added after the target is unknown at the target). The API server's strict
 * decoding (kubectl apply --validate=strict, the default) rejects it with
 * `strict decoding error: unknown field "<path>"`; with non-strict decoding it
 * would be silently dropped, which hides typos such as `imagePullPolicyy`.
 */
export default objectRule({
  id: 'schema-unknown-field',
  layer: 'schema',
  severity: 'error',
  description: 'Every field must exist in the target Kubernetes minor\'s API schema of the object\'s kind.',
  fix: 'Remove the field or correct its name; check the spelling and the nesting level. A field added in a later Kubernetes minor needs that minor as k8sVersion.',
  source: 'strict decoding (sigs.k8s.io/json UnmarshalStrict) in k8s.io/apimachinery/pkg/runtime/serializer/json; schema: the k8s imports of cdk8s-plus-NN for the target 1.NN',
  docsUrl: 'https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation',
}, (ctx) => reportSchemaProblems(ctx, 'unknown-field'));
