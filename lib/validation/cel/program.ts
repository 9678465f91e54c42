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

/**
 * The result of one rule on one value: passed, failed (with the message), failed with an
 * evaluation error the server reports too (`no such key: x evaluating rule: ...`), or
 * not evaluated here (an error podwright cannot vouch the server would give).
 */
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
    const parsed = env.parse(rewriteIndexedHas(spec.rule));
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
  const fallbackText = spec.message && spec.message.trim() !== '' ? spec.message.trim() : spec.rule.trim();
  const fallback = spec.message && spec.message.trim() !== '' ? fallbackText : `failed rule: ${fallbackText}`;
  return {
    state: 'ready',
    spec,
    run(self: unknown): CelOutcome {
      let result: unknown;
      try {
        result = program({ self });
      } catch (e) {
        if (e instanceof UnsupportedRegexError) return { ok: 'error', why: e.message };
        const text = String((e as Error).message).split('\n')[0]!;
        // A field the rule reads but the object lacks: the server fails the rule with
        // `no such key: <field> evaluating rule: <message or rule>` (validation.go, v1.28).
        const missing = /^No such key: ([^\s,]+)$/.exec(text);
        if (missing) return { ok: false, message: `no such key: ${missing[1]} evaluating rule: ${fallbackText}` };
        return { ok: 'error', why: text };
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

/**
 * cel-js 8.0.0's `has()` accepts only a chain of field selections on a variable
 * (`has(self.a.b)`), not a selection on an index (`has(self.matches[0].path)`), which
 * CEL allows and Gateway API's rules use. Such a `has(<expr>.<field>)` is rewritten to
 * `podwright_has(<expr>, '<field>')` (library.ts): the same test on the evaluated `<expr>`.
 */
export function rewriteIndexedHas(src: string): string {
  let out = '';
  let i = 0;
  while (i < src.length) {
    const lit = literalEnd(src, i);
    if (lit > i) {
      out += src.slice(i, lit);
      i = lit;
      continue;
    }
    if (src.startsWith('has(', i) && !/[A-Za-z0-9_.]/.test(src[i - 1] ?? '')) {
      const close = matchingParen(src, i + 3);
      if (close !== -1) {
        const inner = src.slice(i + 4, close);
        const m = /^([\s\S]*\])\s*\.\s*([A-Za-z_][A-Za-z0-9_]*)\s*$/.exec(inner);
        if (m) {
          out += `podwright_has(${rewriteIndexedHas(m[1]!)}, '${m[2]}')`;
          i = close + 1;
          continue;
        }
      }
    }
    out += src[i];
    i++;
  }
  return out;
}

/** The index after a string literal starting at `i` (`'`, `"`, triple-quoted, raw), or `i`. */
function literalEnd(src: string, i: number): number {
  let j = i;
  if ((src[j] === 'r' || src[j] === 'R' || src[j] === 'b' || src[j] === 'B') && (src[j + 1] === '"' || src[j + 1] === "'") && !/[A-Za-z0-9_]/.test(src[i - 1] ?? '')) j++;
  const q = src[j];
  if (q !== '"' && q !== "'") return i;
  const raw = j > i && (src[i] === 'r' || src[i] === 'R');
  const triple = src.startsWith(q.repeat(3), j);
  const end = triple ? q.repeat(3) : q;
  j += end.length;
  while (j < src.length) {
    if (!raw && src[j] === '\\') {
      j += 2;
      continue;
    }
    if (src.startsWith(end, j)) return j + end.length;
    j++;
  }
  return src.length;
}

/** The index of the `)` matching the `(` at `open`, skipping string literals, or -1. */
function matchingParen(src: string, open: number): number {
  let depth = 0;
  let i = open;
  while (i < src.length) {
    const lit = literalEnd(src, i);
    if (lit > i) {
      i = lit;
      continue;
    }
    if (src[i] === '(') depth++;
    else if (src[i] === ')' && --depth === 0) return i;
    i++;
  }
  return -1;
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
