import { reportSchemaProblems } from '../schema/report';
import { objectRule } from '../util/define-rule';

/**
 * podwright carries the Kubernetes 1.28 schema (from cdk8s-plus-28). When the target
 * version is later, a field unknown to 1.28 may be a typo or a field added since (pod-level
 * `resources`, `appArmorProfile`, image volumes, ...): podwright cannot tell which, so it
 * warns instead of failing, and says why. At 1.28, schema-unknown-field reports the same
 * fields as errors.
 */
export default objectRule({
  id: 'schema-unknown-field-newer-target',
  layer: 'schema',
  severity: 'warning',
  description: 'With a target version after 1.28, a field unknown to the Kubernetes 1.28 schema is a typo or a newer field.',
  fix: 'Check the field against the API reference of your target version; correct it if it is a typo.',
  source: 'the same walk as schema-unknown-field; schema: cdk8s-plus-28 k8s imports (Kubernetes 1.28)',
  docsUrl: 'https://kubernetes.io/docs/reference/kubernetes-api/',
  minVersion: '1.29',
}, (ctx) => reportSchemaProblems(ctx, 'unknown-field', (message) =>
  `${message}: not in the Kubernetes 1.28 schema podwright carries; a typo, or a field added after 1.28 that your target ${ctx.settings.k8sVersion} may accept`));
