import { Engine } from '../../lib/validation/engine';
import { resolveConfig } from '../../lib/validation/config';
import { Finding, ObjectInput, PodwrightConfigLike, Rule } from './rule-tester-types';

/**
 * Table-driven tests for one rule, in the style of eslint's RuleTester: every
 * `valid` case must produce no finding from the rule, every `invalid` case must
 * produce exactly the listed findings (path, and message when given).
 *
 * Each case is an object (or a full ObjectInput when `input` is set). Only the
 * rule under test runs, with the given settings.
 */
export interface InvalidCase {
  readonly name?: string;
  readonly object?: unknown;
  readonly input?: ObjectInput;
  readonly config?: PodwrightConfigLike;
  readonly errors: readonly { readonly path: string; readonly message?: string | RegExp }[];
}

export interface ValidCase {
  readonly name?: string;
  readonly object?: unknown;
  readonly input?: ObjectInput;
  readonly config?: PodwrightConfigLike;
}

export function runRule(rule: Rule, cases: readonly { object?: unknown; input?: ObjectInput }[], config: PodwrightConfigLike = {}): Finding[] {
  const resolved = resolveConfig(config, [rule.meta.id]);
  const engine = new Engine(resolved, [rule]);
  for (const c of cases) engine.check(c.input ?? { object: c.object });
  return [...engine.finish().findings];
}

export function ruleTester(rule: Rule, tables: { valid: readonly (ValidCase | unknown)[]; invalid: readonly InvalidCase[] }): void {
  describe(rule.meta.id, () => {
    tables.valid.forEach((raw, i) => {
      const c = asCase(raw);
      test(`valid #${i}${c.name ? `: ${c.name}` : ''}`, () => {
        const findings = runRule(rule, [c], c.config);
        expect(findings.map((f) => `${f.path}: ${f.message}`)).toEqual([]);
      });
    });
    tables.invalid.forEach((c, i) => {
      test(`invalid #${i}${c.name ? `: ${c.name}` : ''}`, () => {
        const findings = runRule(rule, [c], c.config);
        expect(findings.map((f) => f.path)).toEqual(c.errors.map((e) => e.path));
        c.errors.forEach((e, j) => {
          if (e.message instanceof RegExp) expect(findings[j]!.message).toMatch(e.message);
          else if (e.message !== undefined) expect(findings[j]!.message).toBe(e.message);
        });
        for (const f of findings) expect(f.ruleId).toBe(rule.meta.id);
      });
    });
  });
}

function asCase(raw: unknown): ValidCase {
  if (typeof raw === 'object' && raw !== null && ('object' in raw || 'input' in raw) && !('apiVersion' in raw)) return raw as ValidCase;
  return { object: raw };
}
