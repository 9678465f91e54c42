import { reportSchemaProblems } from '../schema/report';
import { objectRule } from '../util/define-rule';

/**
 * A resource quantity the server cannot parse, e.g. `cpu: "1 core"` or
 * `memory: 1Gb`. The server fails to decode the object with `quantities must
 * match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`
 * or `unable to parse quantity's suffix`.
 */
export default objectRule({
  id: 'schema-quantity',
  layer: 'schema',
  severity: 'error',
  description: 'Resource quantities must use the Kubernetes quantity syntax (e.g. 500m, 1.5, 128Mi, 1G).',
  fix: 'Write a number with an optional suffix: m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei or an exponent (e.g. 250m, 1Gi).',
  source: 'ParseQuantity in k8s.io/apimachinery/pkg/api/resource/quantity.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/',
}, (ctx) => reportSchemaProblems(ctx, 'quantity'));
