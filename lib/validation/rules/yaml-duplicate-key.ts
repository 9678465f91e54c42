import { inputRule } from '../util/define-rule';
import { reportInputProblems } from '../yaml/problems';

/**
 * A mapping repeats a key. The API server's strict field validation rejects it
 * (`duplicate field "name"`); without it, one of the values is silently dropped.
 */
export default inputRule({
  id: 'yaml-duplicate-key',
  layer: 'schema',
  severity: 'error',
  description: 'A YAML mapping must not repeat a key; the API server keeps only one of the values.',
  fix: 'Remove one of the two keys.',
  source: 'strict field validation: duplicate field (sigs.k8s.io/json, kube-apiserver --validate=strict)',
}, (ctx) => reportInputProblems(ctx, 'yaml-duplicate-key'));
