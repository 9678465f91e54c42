import { ResolvedConfig } from './config';
import { RULES } from './rules';
import { SERVER_RULE_METAS } from './server-rules';
import { Rule, RuleMeta } from './types';

const sets = new WeakMap<readonly unknown[], readonly Rule[]>();

/**
 * Every rule a configuration runs: podwright's own (`RULES`), then the rules of each
 * package in its `plugins`, in order. The engine runs these by default, and every
 * surface (synth gate, cdk8s plugin, CLI, jest matchers, `podwright rules`, SARIF's rule
 * list) asks here, so a plugin rule is one more rule wherever podwright looks.
 */
export function rulesOf(config: Pick<ResolvedConfig, 'plugins'>): readonly Rule[] {
  const plugins = config.plugins ?? [];
  if (plugins.length === 0) return RULES;
  let set = sets.get(plugins);
  if (!set) {
    set = Object.freeze([...RULES, ...plugins.flatMap((p) => p.rules)]);
    sets.set(plugins, set);
  }
  return set;
}

const metaSets = new WeakMap<readonly Rule[], readonly RuleMeta[]>();

/**
 * The description of every rule a configuration knows: those it runs (`rulesOf`), then the
 * server layer's (`server-refused`, `server-created-refused`, `server-pod-security`,
 * `server-warning`), which only `--server`, `--kubeconfig` or `PodwrightApp({ server })`
 * report. What `podwright rules`, docs/rules.md and SARIF's rule list show.
 */
export function ruleMetasOf(config: Pick<ResolvedConfig, 'plugins'>): readonly RuleMeta[] {
  const rules = rulesOf(config);
  let metas = metaSets.get(rules);
  if (!metas) {
    metas = Object.freeze([...rules.map((r) => r.meta), ...SERVER_RULE_METAS]);
    metaSets.set(rules, metas);
  }
  return metas;
}
