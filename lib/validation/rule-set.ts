import { ResolvedConfig } from './config';
import { RULES } from './rules';
import { Rule } from './types';

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
