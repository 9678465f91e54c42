import { inputRule } from '../util/define-rule';
import { reportInputProblems } from '../yaml/problems';

/**
 * The document is not valid YAML, or uses a tag kubectl cannot decode. kubectl
 * stops with "error converting YAML to JSON: yaml: line N: ..." (go-yaml), for
 * example "found a tab character that violates indentation".
 */
export default inputRule({
  id: 'yaml-syntax',
  layer: 'schema',
  severity: 'error',
  description: 'Each YAML document must parse, without tabs in indentation or unknown tags.',
  fix: 'Fix the YAML at the reported line and column.',
  source: 'kubectl: error converting YAML to JSON (sigs.k8s.io/yaml, go-yaml v2)',
}, (ctx) => reportInputProblems(ctx, 'yaml-syntax'));
