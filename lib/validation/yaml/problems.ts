import { InputRuleContext } from '../types';

/**
 * Reports the problems the YAML reader attached to a document under one rule id.
 * Each yaml-* input rule is this one line, so configuration can re-grade or turn
 * off each kind of reading problem like any other rule.
 */
export function reportInputProblems(ctx: InputRuleContext, ruleId: string): void {
  for (const problem of ctx.input.problems ?? []) {
    if (problem.ruleId !== ruleId) continue;
    ctx.report({
      path: problem.path ?? [],
      message: problem.message,
      ...(problem.fix !== undefined ? { fix: problem.fix } : {}),
      ...(problem.location !== undefined ? { location: problem.location } : {}),
    });
  }
}
