/**
 * One `x-kubernetes-validations` rule, compiled once (per CRD version, on first use)
 * and run on each value it applies to, with the API server's semantics
 * (k8s.io/apiextensions-apiserver/pkg/apiserver/schema/cel/validation.go, v1.28):
 *
 * - the rule must evaluate to true; else its `message`, else its `messageExpression`
 *   (falling back to the message when that fails), else `failed rule: <rule>`;
 * - `reason` picks the field error type (FieldValueForbidden -> `Forbidden: ...`,
 *   FieldValueRequired -> `Required value: ...`, FieldValueDuplicate -> `Duplicate value: ...`,
 *   else `Invalid value: "<type>": ...`); `fieldPath` moves the error to a field below;
 * - a rule that reads `oldSelf` is a transition rule: on create the server skips it;
 *   podwright checks single manifests, so it says so (info) instead.
 */
import { celEnvironment } from './library';
import { UnsupportedRegexError, translate } from './re2';

export interface CelRuleSpec {
  readonly rule: string;
  readonly message?: string;
  readonly messageExpression?: string;
  readonly fieldPath?: string;
  readonly reason?: string;
}

/** A compiled rule: ready to run, or the reason it is not run. */
export type CelRule =
  | { readonly state: 'ready'; readonly spec: CelRuleSpec; run(self: unknown): CelOutcome }
  | { readonly state: 'transition'; readonly spec: CelRuleSpec }
  | { readonly state: 'unsupported'; readonly spec: CelRuleSpec; readonly why: string };

/** The result of one rule on one value. */
export type CelOutcome =
  | { readonly ok: true }
  | { readonly ok: false; readonly message: string }
  | { readonly ok: 'error'; readonly why: string };

type Program = (ctx: Record<string, unknown>) => unknown;

interface AstNode {
  readonly op: string;
  readonly args: unknown;
}

const isNode = (x: unknown): x is AstNode => x !== null && typeof x === 'object' && 'op' in x && 'args' in x;

/** Calls `visit` on every node of a cel-js AST. */
function walk(n: unknown, visit: (n: AstNode) => void): void {
  if (Array.isArray(n)) {
    for (const x of n) walk(x, visit);
    return;
  }
  if (!isNode(n)) return;
  visit(n);
  walk(n.args, visit);
}

/**
 * Compiles one rule. Never throws: a rule podwright cannot run comes back as
 * `unsupported` with the reason (a function it lacks, a regular expression it cannot
 * run as RE2 does), so it is reported as not evaluated, never silently passed.
 */
export function compileRule(spec: CelRuleSpec): CelRule {
  let program: Program;
  let transition = false;
  try {
    const env = celEnvironment();
    const parsed = env.parse(spec.rule);
    let why: string | undefined;
    walk(parsed.ast, (n) => {
      if (n.op === 'id' && n.args === 'oldSelf') transition = true;
      // cel-js runs `matches` with JavaScript's RegExp: only where that is RE2's meaning.
      if (n.op === 'rcall' && Array.isArray(n.args) && n.args[0] === 'matches') {
        const arg = (n.args[2] as unknown[])[0];
        if (isNode(arg) && arg.op === 'value' && typeof arg.args === 'string') {
          const reason = regexDiffers(arg.args);
          if (reason) why ??= reason;
        }
      }
    });
    if (transition) return { state: 'transition', spec };
    if (why) return { state: 'unsupported', spec, why };
    const checked = parsed.check();
    if (!checked.valid) {
      const first = String(checked.error?.message ?? 'does not compile').split('\n')[0]!;
      return { state: 'unsupported', spec, why: `podwright's CEL library cannot compile it (${first})` };
    }
    program = parsed as unknown as Program;
  } catch (e) {
    return { state: 'unsupported', spec, why: `podwright's CEL library cannot compile it (${String((e as Error).message).split('\n')[0]})` };
  }
  let messageProgram: Program | undefined;
  if (spec.messageExpression && !(spec.message && spec.message.trim() !== '')) {
    try {
      messageProgram = celEnvironment().parse(spec.messageExpression) as unknown as Program;
    } catch {
      messageProgram = undefined;
    }
  }
  const fallback = spec.message && spec.message.trim() !== '' ? spec.message.trim() : `failed rule: ${spec.rule.trim()}`;
  return {
    state: 'ready',
    spec,
    run(self: unknown): CelOutcome {
      let result: unknown;
      try {
        result = program({ self });
      } catch (e) {
        if (e instanceof UnsupportedRegexError) return { ok: 'error', why: e.message };
        return { ok: 'error', why: String((e as Error).message).split('\n')[0]! };
      }
      if (result === true) return { ok: true };
      if (result !== false) return { ok: 'error', why: `the rule gave ${typeof result}, not a bool` };
      let message = fallback;
      if (messageProgram) {
        try {
          const m = messageProgram({ self });
          if (typeof m === 'string' && m.trim() !== '' && !m.includes('\n')) message = m.trim();
        } catch {
          // The server falls back to the message (or the rule) when messageExpression fails.
        }
      }
      return { ok: false, message };
    },
  };
}

/** Why a `matches` pattern would not mean the same in JavaScript's RegExp (no `u` flag), or undefined. */
function regexDiffers(pattern: string): string | undefined {
  try {
    const { source, flags } = translate(pattern);
    if (flags !== 'u' || source !== pattern || /[^\x00-\x7f]|\\[pPu]/.test(pattern)) {
      return `its regular expression ${JSON.stringify(pattern)} needs RE2 features podwright's CEL library does not run`;
    }
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/**
 * The API server's field error text for a failed rule (fieldErrorForReason):
 * `typeName` is the schema type of the value the rule sits on (`object`, `string`, ...).
 */
export function ruleErrorText(spec: CelRuleSpec, typeName: string, message: string): string {
  switch (spec.reason) {
    case 'FieldValueForbidden': return `Forbidden: ${message}`;
    case 'FieldValueRequired': return `Required value: ${message}`;
    case 'FieldValueDuplicate': return `Duplicate value: ${JSON.stringify(typeName)}`;
    default: return `Invalid value: ${JSON.stringify(typeName)}: ${message}`;
  }
}

/**
 * Parses a rule's `fieldPath` (`.spec.x`, `.a['b.c']`, `.list[0]`; the forms the API
 * server accepts, validateFieldPath) into segments, or undefined when it cannot.
 */
export function parseFieldPath(fieldPath: string): (string | number)[] | undefined {
  const out: (string | number)[] = [];
  let i = 0;
  while (i < fieldPath.length) {
    const c = fieldPath[i];
    if (c === '.') {
      const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(fieldPath.slice(i + 1));
      if (!m) return undefined;
      out.push(m[0]);
      i += 1 + m[0].length;
    } else if (c === '[') {
      const m = /^\[(?:'((?:[^'\\]|\\.)*)'|(\d+))\]/.exec(fieldPath.slice(i));
      if (!m) return undefined;
      out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : Number(m[2]));
      i += m[0].length;
    } else {
      return undefined;
    }
  }
  return out;
}
