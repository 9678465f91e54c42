import { inputRule } from '../util/define-rule';
import { isObject } from '../util/values';

/**
 * A YAML document must hold a mapping (an object with apiVersion and kind). kubectl
 * refuses scalars and lists with "error validating data"; empty documents are skipped
 * by kubectl and here alike (the reader drops them).
 */
export default inputRule({
  id: 'document-not-object',
  layer: 'schema',
  severity: 'error',
  description: 'Each YAML document must be a mapping that holds one Kubernetes object.',
  fix: 'Make the document a mapping with apiVersion, kind and metadata, or remove it.',
  source: 'kubectl: error validating data (apiVersion not set, kind not set)',
}, (ctx) => {
  const obj = ctx.input.object;
  if (obj === undefined || obj === null || isObject(obj)) return;
  const what = Array.isArray(obj) ? 'a list' : `a ${typeof obj} (${JSON.stringify(obj).slice(0, 40)})`;
  ctx.report({ path: [], message: `the document is ${what}, not a Kubernetes object` });
});
