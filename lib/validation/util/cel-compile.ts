/**
 * Whether a CEL expression of an admission policy or webhook match condition compiles,
 * with the CEL library of lib/validation/cel (cel-js plus the Kubernetes extensions).
 * Only syntax is judged: the server also type-checks against the request's types, which
 * podwright does not model (every variable is `dyn` here), so a type error is not found.
 * The server words the error `compilation failed: ERROR: <input>:L:C: Syntax error: ...`
 * (cel-go); the detail after `compilation failed:` is cel-js's.
 */
import { Path, Violation } from '../types';
import { fieldInvalid } from './k8s-names';
import { celEnvironment } from '../cel/library';
import { rewriteIndexedHas } from '../cel/program';

const cache = new Map<string, string | undefined>();

/** The syntax error of an expression, or undefined when it parses. */
export function celSyntaxError(expression: string): string | undefined {
  if (cache.has(expression)) return cache.get(expression);
  let error: string | undefined;
  try {
    celEnvironment().parse(rewriteIndexedHas(expression));
  } catch (e) {
    // cel-js lacks CEL's optional syntax (`a.?b`, `a[?0]`), which Kubernetes' CEL
    // environment has: such an expression is not judged, never refused.
    error = /\.\?|\[\?/.test(expression) ? undefined : String((e as Error).message).split('\n')[0];
  }
  if (cache.size < 1024) cache.set(expression, error);
  return error;
}

/** Reports `Invalid value: "<expr>": compilation failed: ...` when a set expression does not parse. */
export function checkCelExpression(expression: unknown, path: Path, report: (v: Violation) => void): void {
  if (typeof expression !== 'string' || expression.trim() === '') return;
  const error = celSyntaxError(expression);
  if (error !== undefined) report({ path, message: fieldInvalid(expression, `compilation failed: ${error}`) });
}
