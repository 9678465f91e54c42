import { inputRule } from '../util/define-rule';
import { reportInputProblems } from '../yaml/problems';

/**
 * A document exceeds what podwright reads safely: more bytes than one API request
 * may carry (kube-apiserver --max-request-bytes, 3 MiB by default), nesting deeper
 * than 1000 levels, or aliases that expand exponentially ("billion laughs").
 */
export default inputRule({
  id: 'yaml-limits',
  layer: 'schema',
  severity: 'error',
  description: 'A YAML document must stay within the size, depth and alias-expansion limits.',
  fix: 'Split or flatten the document, and write values out instead of nesting aliases.',
  source: 'kube-apiserver --max-request-bytes (3 MiB default); yaml maxAliasCount',
}, (ctx) => reportInputProblems(ctx, 'yaml-limits'));
