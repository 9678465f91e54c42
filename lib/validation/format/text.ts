import { Finding, Severity } from '../types';
import { countFindings, DocumentResult, failsAt, objectLabel, RunResult } from './common';
import { joinChunks } from './json-chunks';

export interface TextOptions {
  /** ANSI colours; decide with `useColor()`. @default false */
  readonly color?: boolean;
}

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function useColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && (env.NO_COLOR === undefined || env.NO_COLOR === '');
}

const CODES = { red: 31, yellow: 33, blue: 34, dim: 2, bold: 1, green: 32 } as const;

/**
 * Human-readable output, grouped by file and object. Each finding starts with
 * `file:line:column` so editors and terminals jump to it.
 */
export function formatText(run: RunResult, options: TextOptions = {}): string {
  return joinChunks(textChunks(run, options));
}

/** The text report a line at a time (each piece ends in a newline). */
export function* textChunks(run: RunResult, options: TextOptions = {}): Generator<string> {
  const paint = (code: keyof typeof CODES, s: string) => (options.color ? `\u001b[${CODES[code]}m${s}\u001b[0m` : s);
  const sev = (s: Severity) => paint(s === 'error' ? 'red' : s === 'warning' ? 'yellow' : 'blue', s.padEnd(7));
  const groups = groupByFileAndObject(run);
  for (const [file, objects] of groups) {
    yield `${paint('bold', file)}\n`;
    for (const { label, findings } of objects) {
      yield `  ${label}\n`;
      for (const f of findings) {
        const where = f.location ? `${f.location.file}:${f.location.line}:${f.location.column}` : (f.constructPath ?? file);
        const field = f.path === '' ? '' : `${f.path}: `;
        yield `    ${where}  ${sev(f.severity)} ${field}${f.message}  ${paint('dim', f.ruleId)}\n`;
        yield `      ${paint('dim', `fix: ${f.fix}`)}\n`;
      }
    }
    yield '\n';
  }
  for (const s of run.report.skipped) {
    const where = s.location ? `${s.location.file}:${s.location.line}:${s.location.column}  ` : '';
    yield `${where}${paint('dim', `skipped ${objectLabel(s.object)}: ${s.reason}`)}\n`;
  }
  if (run.report.skipped.length > 0) yield '\n';
  const c = countFindings(run.report.findings);
  const failing = run.report.findings.filter((f) => failsAt(f, run.failOn)).length;
  const summary = `${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')}, ${plural(c.infos, 'info')} in ${plural(run.report.objectCount, 'object')} from ${plural(run.files.length, 'file')}`
    + (run.report.skipped.length > 0 ? ` (${run.report.skipped.length} not checked)` : '');
  yield `${failing > 0 ? paint('red', `✖ ${summary}; failing at ${run.failOn}`) : paint('green', `✔ ${summary}`)}\n`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

interface Group { label: string; findings: Finding[] }

/** Findings by file, then by object, in reading order. Findings without a document go under their file or `(other)`. */
export function groupByFileAndObject(run: RunResult): Map<string, Group[]> {
  const groups = new Map<string, Group[]>();
  const byLabel = new Map<string, Map<string, Group>>();
  const add = (file: string, label: string, findings: Finding[]) => {
    if (findings.length === 0) return;
    let list = groups.get(file);
    let index = byLabel.get(file);
    if (!list || !index) {
      groups.set(file, (list = []));
      byLabel.set(file, (index = new Map()));
    }
    const existing = index.get(label);
    if (existing) existing.findings.push(...findings);
    else {
      const group = { label, findings: [...findings] };
      list.push(group);
      index.set(label, group);
    }
  };
  const attached = new Set<Finding>();
  for (const d of run.documents) {
    add(d.file ?? '(in memory)', objectLabel(d.object, d.documentIndex), [...d.findings]);
    for (const f of d.findings) attached.add(f);
  }
  for (const f of run.report.findings) {
    if (!attached.has(f)) add(f.location?.file ?? '(other)', objectLabel(f.object), [f]);
  }
  // Within an object, findings read top to bottom, as an editor shows the file.
  const line = (f: Finding) => (f.location ? f.location.line * 1e6 + f.location.column : Number.MAX_SAFE_INTEGER);
  for (const list of groups.values()) for (const g of list) g.findings.sort((a, b) => line(a) - line(b));
  return groups;
}

export type { DocumentResult };
