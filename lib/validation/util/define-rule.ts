import { AnchorTable, StringTable } from './compact-records';
import { LabelSets } from './selector-match';
import { InputRuleContext, ObjectRuleContext, OutputRecord, OutputRuleSession, OutputRuleSteps, EngineSettings, PodRuleContext, Rule, RuleMeta } from '../types';

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

/**
 * Defines a cross-object rule in two steps (see OutputRuleSteps): records collected per
 * object, then one session that reads them all in document order. In one thread the
 * steps run one after the other; with worker threads, `collect` runs in the workers.
 */
export function outputRuleInSteps<R extends OutputRecord>(meta: Omit<RuleMeta, 'scope'>, steps: OutputRuleSteps<R>): Rule {
  return {
    meta: { ...meta, scope: 'output' },
    steps: steps as unknown as OutputRuleSteps<OutputRecord>,
    create(settings, tables = new OutputRunTables()): OutputRuleSession {
      const session = steps.create(settings, tables);
      const add = (record: R) => session.add(record);
      return {
        visit: (target, anchor) => steps.collect(target, anchor, add),
        finish: (ctx) => session.finish(ctx),
        add: (record) => session.add(record as R),
      };
    },
  };
}

/**
 * What the cross-object rules of one run keep, shared between them: each keeps records
 * of every object of the input, and many of the same strings (names, label values), label
 * pairs and anchors. One per run (the engine makes it); gone with the run.
 */
export class OutputRunTables {
  readonly strings = new StringTable();
  readonly labels = new LabelSets(this.strings);
  readonly anchors = new AnchorTable(this.strings);
}
