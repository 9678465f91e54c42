import { reportSchemaProblems } from '../schema/report';
import { objectRule } from '../util/define-rule';

/**
 * A field the Kubernetes 1.28 OpenAPI schema marks required is missing (or
 * null), e.g. a container without `name`, a Deployment without `spec.selector`.
 * The server's validation rejects it with `<path>: Required value`. Required
 * fields the 1.28 server does not enforce are left out by scripts/gen-schema.js
 * (REQUIRED_DROPS).
 */
export default objectRule({
  id: 'schema-required',
  layer: 'schema',
  severity: 'error',
  description: 'Fields the Kubernetes 1.28 API schema requires must be present.',
  fix: 'Add the required field.',
  source: 'required fields of the Kubernetes 1.28.0 OpenAPI (via cdk8s-plus-28), enforced by pkg/apis/*/validation (v1.28)',
}, (ctx) => reportSchemaProblems(ctx, 'required'));
