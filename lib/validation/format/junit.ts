import { Finding } from '../types';
import { failsAt, objectLabel, RunResult } from './common';
import { joinChunks } from './json-chunks';

/**
 * JUnit XML for CI test reports: one testsuite per file, one testcase per object
 * (named kind/namespace/name, or kind/name without a namespace), and one
 * <failure> per finding at or above the fail threshold. Findings below it go to
 * the test case's <system-out>; objects the engine did not check are <skipped>.
 */
export function formatJunit(run: RunResult): string {
  return joinChunks(junitChunks(run));
}

/** The JUnit XML a line at a time (each piece ends in a newline). */
export function* junitChunks(run: RunResult): Generator<string> {
  interface Case { name: string; failures: Finding[]; notes: Finding[]; skipped?: string }
  const suites = new Map<string, Case[]>();
  for (const file of run.files) suites.set(file, []);
  const attached = new Set<Finding>();
  const caseFor = (file: string, name: string): Case => {
    let cases = suites.get(file);
    if (!cases) suites.set(file, (cases = []));
    const c: Case = { name, failures: [], notes: [] };
    cases.push(c);
    return c;
  };
  const fill = (c: Case, findings: readonly Finding[]) => {
    for (const f of findings) {
      (failsAt(f, run.failOn) ? c.failures : c.notes).push(f);
      attached.add(f);
    }
  };
  // Cases by file and object label, so that matching findings to cases stays linear.
  const byLabel = new Map<string, Case[]>();
  const key = (file: string | undefined, label: string) => `${file ?? ''}\u0000${label}`;
  for (const d of run.documents) {
    const label = objectLabel(d.object, d.documentIndex);
    const c = caseFor(d.file ?? '(in memory)', label);
    fill(c, d.findings);
    const k = key(d.file, label);
    byLabel.set(k, [...(byLabel.get(k) ?? []), c]);
  }
  for (const s of run.report.skipped) {
    const c = byLabel.get(key(s.location?.file, objectLabel(s.object)))?.find((x) => x.skipped === undefined);
    if (c) c.skipped = s.reason;
  }
  // Cross-object findings (reported at finish) join their object's test case when it is known.
  for (const f of run.report.findings) {
    if (attached.has(f)) continue;
    const label = objectLabel(f.object);
    const match = byLabel.get(key(f.location?.file, label))?.[0];
    fill(match ?? caseFor(f.location?.file ?? '(cross-object)', label), [f]);
  }

  // Totals first (they open the XML), then the suites a line at a time.
  const skippedOnly = (c: Case) => c.skipped !== undefined && c.failures.length === 0;
  const counted = [...suites].map(([file, cases]) => ({
    file, cases, failures: cases.filter((c) => c.failures.length > 0).length, skipped: cases.filter(skippedOnly).length,
  }));
  const sum = (f: (s: (typeof counted)[number]) => number) => counted.reduce((n, s) => n + f(s), 0);
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield `<testsuites name="podwright" tests="${sum((s) => s.cases.length)}" failures="${sum((s) => s.failures)}" errors="0" skipped="${sum((s) => s.skipped)}">\n`;
  for (const { file, cases, failures, skipped } of counted) {
    yield `  <testsuite name="${attr(file)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}">\n`;
    for (const c of cases) {
      const open = `    <testcase classname="${attr(file)}" name="${attr(c.name)}"`;
      if (c.failures.length === 0 && c.notes.length === 0 && c.skipped === undefined) {
        yield `${open}/>\n`;
        continue;
      }
      yield `${open}>\n`;
      if (skippedOnly(c)) yield `      <skipped message="${attr(c.skipped!)}"/>\n`;
      for (const f of c.failures) {
        const summary = `${f.path === '' ? '' : `${f.path}: `}${f.message}`;
        yield `      <failure message="${attr(summary)}" type="${attr(f.ruleId)}">${text(detail(f))}</failure>\n`;
      }
      if (c.notes.length > 0) yield `      <system-out>${text(c.notes.map(detail).join('\n\n'))}</system-out>\n`;
      yield '    </testcase>\n';
    }
    yield '  </testsuite>\n';
  }
  yield '</testsuites>\n';
}

function detail(f: Finding): string {
  const where = f.location ? `${f.location.file}:${f.location.line}:${f.location.column}` : (f.constructPath ?? '');
  return [
    `${f.severity} ${f.ruleId}${where ? ` at ${where}` : ''}`,
    `${f.path === '' ? '' : `${f.path}: `}${f.message}`,
    `fix: ${f.fix}`,
  ].join('\n');
}

/**
 * Characters XML 1.0 does not allow at all (most C0 controls, lone surrogates,
 * U+FFFE, U+FFFF) cannot be escaped as character references either; they are
 * written as visible `\uXXXX` text instead.
 */
// eslint-disable-next-line no-control-regex
const ILLEGAL = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlSafe(s: string): string {
  return s.replace(ILLEGAL, (ch) => `\\u${ch.codePointAt(0)!.toString(16).padStart(4, '0')}`);
}

/** Escapes text content. */
function text(s: string): string {
  return xmlSafe(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes an attribute value (also newlines and tabs, which attribute normalisation would turn into spaces). */
function attr(s: string): string {
  return text(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
