import { InputRuleContext, ObjectRuleContext, OutputRuleSession, EngineSettings, PodRuleContext, Rule, RuleMeta } from '../types';

/** Defines a rule checked once per input document, before it is known to be an object. */
export function inputRule(meta: Omit<RuleMeta, 'scope'>, check: (ctx: InputRuleContext) => void): Rule {
  return { meta: { ...meta, scope: 'input' }, check };
}

/** Defines a rule checked once per object. */
export function objectRule(meta: Omit<RuleMeta, 'scope'>, check: (ctx: ObjectRuleContext) => void): Rule {
  return { meta: { ...meta, scope: 'object' }, check };
}

/** Defines a rule checked once per pod spec (Pods and every workload's pod template). */
export function podRule(meta: Omit<RuleMeta, 'scope'>, check: (ctx: PodRuleContext) => void): Rule {
  return { meta: { ...meta, scope: 'pod' }, check };
}

/** Defines a rule checked once per run, across all objects. */
export function outputRule(meta: Omit<RuleMeta, 'scope'>, create: (settings: EngineSettings) => OutputRuleSession): Rule {
  return { meta: { ...meta, scope: 'output' }, create };
}
