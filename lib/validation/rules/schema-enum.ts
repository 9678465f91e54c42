import { reportSchemaProblems } from '../schema/report';
import { objectRule } from '../util/define-rule';

/**
 * A value outside a field's closed set, e.g. `imagePullPolicy: Sometimes`. The
 * server says `Unsupported value: "Sometimes": supported values: "Always",
 * "IfNotPresent", "Never"`. Enum lists come from kubernetes-models 4.4.2
 * (Kubernetes 1.27 OpenAPI), applied only to fields of the 1.28 structure; an
 * empty string is treated as unset (the server defaults it).
 */
export default objectRule({
  id: 'schema-enum',
  layer: 'schema',
  severity: 'error',
  description: 'Fields with a closed set of values must use one of them.',
  fix: 'Use one of the supported values (they are case-sensitive).',
  source: 'OpenAPI enum values (Kubernetes 1.27, kubernetes-models 4.4.2) checked by pkg/apis/core/validation/validation.go (v1.28), e.g. validatePullPolicy',
}, (ctx) => reportSchemaProblems(ctx, 'enum'));
