import { Finding, Severity } from '../validation/types';

/**
 * The synth side's text, in the line format of the CLI's text report
 * (lib/validation/format/text.ts): `where  severity message  rule-id`, then the fix.
 * Construct errors and engine findings print the same way, like a linter's output:
 *
 * ```
 * app/web/Resource  error   Pod/web spec.containers[0].image: Required value  container-image-required
 *   fix: Set an image on every container.
 * ```
 */
export interface FindingLine {
  /** The construct path (or `file:line:column`). */
  readonly where: string;
  readonly severity: Severity;
  readonly message: string;
  readonly ruleId: string;
  readonly fix?: string;
}

/** One finding or construct error as its line and its fix line. */
export function formatLine(l: FindingLine): string {
  return `${l.where}  ${l.severity.padEnd(7)} ${l.message}  ${l.ruleId}${l.fix ? `\n  fix: ${l.fix}` : ''}`;
}

/** An engine finding as its line and its fix line. */
export function formatFindingLine(f: Finding): string {
  const obj = `${f.object.kind ?? '?'}/${f.object.namespace ? `${f.object.namespace}/` : ''}${f.object.name ?? '?'}`;
  const where = f.location ? `${f.location.file}:${f.location.line}:${f.location.column}` : f.constructPath ?? obj;
  const field = f.path ? `${f.path}: ` : '';
  return formatLine({ where, severity: f.severity, message: `${obj} ${field}${f.message}`, ruleId: f.ruleId, fix: f.fix });
}

/** The rule id under which construct validation errors (`node.addValidation`) are reported. */
export const CONSTRUCT_RULE_ID = 'construct';

/**
 * A construct's validation error as a line. podwright's construct errors end in how to
 * fix them after the last `; ` (`...; add one with addContainer() ...`), which becomes the fix line.
 */
export function formatConstructError(path: string, message: string): string {
  const cut = message.lastIndexOf('; ');
  const [what, fix] = cut > 0 ? [message.slice(0, cut), message.slice(cut + 2)] : [message, undefined];
  const capital = fix ? `${fix.charAt(0).toUpperCase()}${fix.slice(1)}` : undefined;
  return formatLine({ where: path || '(app)', severity: 'error', message: what, ruleId: CONSTRUCT_RULE_ID, fix: capital });
}

/** `2 errors, 9 warnings`. */
export function countText(counts: { errors: number; warnings: number; infos?: number }): string {
  const n = (k: number, w: string) => `${k} ${w}${k === 1 ? '' : 's'}`;
  return [n(counts.errors, 'error'), n(counts.warnings, 'warning'), ...(counts.infos ? [n(counts.infos, 'info')] : [])].join(', ');
}
