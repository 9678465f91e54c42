import { EXEMPT_ANNOTATION_PREFIX, exemptedRuleId, suggest } from '../config';
import { SERVER_RULE_IDS } from '../server-rules';
import { Rule } from '../types';
import { objectRule } from '../util/define-rule';
import { mapKey } from '../util/path';
import { asObject, field } from '../util/values';

/**
 * Every rule id a user can name: the registry's (read when a check runs, after the registry,
 * which lists this rule, has loaded) and the server layer's, which exempt from what a real
 * API server says (`podwright validate --server`).
 */
function knownRuleIds(): readonly string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return [...(require('./index') as { RULES: readonly Rule[] }).RULES.map((r) => r.meta.id), ...SERVER_RULE_IDS];
}

/**
 * An exemption annotation, `ignore-check.podwright.io/<rule-id>: "<reason>"`, must name a
 * podwright rule and give the reason: otherwise it exempts nothing, without a word
 * (the configuration file's `exemptions` are held to the same two conditions).
 */
export default objectRule({
  id: 'exemption-annotation',
  layer: 'practice',
  severity: 'error',
  description: 'An ignore-check.podwright.io/<rule-id> annotation must name a podwright rule and give the reason.',
  fix: 'Name a rule from `podwright rules` after ignore-check.podwright.io/ and write why the exemption is safe as the value.',
}, (ctx) => {
  const annotations = asObject(field(field(ctx.target.object, 'metadata'), 'annotations'));
  if (!annotations) return;
  let ids: readonly string[] | undefined;
  for (const [key, value] of Object.entries(annotations)) {
    if (!key.startsWith(EXEMPT_ANNOTATION_PREFIX)) continue;
    const rule = exemptedRuleId(key.slice(EXEMPT_ANNOTATION_PREFIX.length));
    const path = ['metadata', 'annotations', mapKey(key)];
    ids ??= knownRuleIds();
    // A plugin rule (`acme/min-replicas`, annotated `acme.min-replicas`) is not in the
    // built-in registry; which packages a run loads is the configuration's business.
    if (!rule.includes('/') && !ids.includes(rule)) {
      const hint = suggest(rule, ids);
      ctx.report({
        path,
        message: `annotation ${key} exempts from "${rule}", which is not a podwright rule, so it exempts nothing`,
        fix: hint ? `Did you mean ${EXEMPT_ANNOTATION_PREFIX}${hint}?` : 'Run `podwright rules` for the list of rule ids.',
      });
    } else if (typeof value !== 'string' || value.trim() === '') {
      ctx.report({
        path,
        message: `annotation ${key} gives no reason, so it exempts nothing`,
        fix: `Write why the exemption is safe as the value, e.g. ${key}: "the node agent needs the host network".`,
      });
    }
  }
});
