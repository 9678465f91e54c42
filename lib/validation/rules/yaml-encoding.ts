import { inputRule } from '../util/define-rule';
import { reportInputProblems } from '../yaml/problems';

/** A document holds bytes that are not UTF-8 text (binary data, NUL bytes, UTF-16). */
export default inputRule({
  id: 'yaml-encoding',
  layer: 'schema',
  severity: 'error',
  description: 'YAML documents must be UTF-8 text without NUL bytes.',
  fix: 'Save the file as UTF-8 text and remove binary content.',
  source: 'YAML 1.2 spec 5.1 (character set); kubectl reads manifests as UTF-8',
}, (ctx) => reportInputProblems(ctx, 'yaml-encoding'));
