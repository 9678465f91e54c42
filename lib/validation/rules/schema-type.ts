import { reportSchemaProblems } from '../schema/report';
import { objectRule } from '../util/define-rule';

/**
 * A value of the wrong JSON type: a number for a string field (`name: 80`), a
 * string for an integer (`containerPort: "80"`), a fraction for an int32, a list
 * for a map (`annotations: [...]`), a malformed timestamp. The API server fails
 * to decode the object: `json: cannot unmarshal string into Go struct field
 * ContainerPort.spec.containers.ports.containerPort of type int32`.
 */
export default objectRule({
  id: 'schema-type',
  layer: 'schema',
  severity: 'error',
  description: 'Every field value must have the JSON type the Kubernetes 1.28 API schema gives it.',
  fix: 'Write the value with the expected type: quote numbers meant as strings, unquote numbers meant as integers, use a mapping or a list as the schema says.',
  source: 'encoding/json decoding into the Go API types (k8s.io/api v0.28), as the API server decodes requests',
}, (ctx) => reportSchemaProblems(ctx, 'type'));
