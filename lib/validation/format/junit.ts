import { Finding, ObjectRef } from '../types';
import { groupHash } from '../yaml/result-store';
import { DocumentResult, failsAt, firstWithHash, IndexedFindings, objectLabel, RunResult, sortedByHash, unattachedOf } from './common';
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
  const plan = planSuites(run);
  if (!plan) {
    yield* junitInMemory(run);
    return;
  }
  // Second pass: the documents again, each written as its test case comes.
  const { suites, skippedBy, unattached, matchedAt, extra } = plan;
  const docs = run.documents[Symbol.iterator]();
  let pending = docs.next();
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  for (const s of suites.values()) {
    tests += s.tests;
    failures += s.failures;
    skipped += s.skipped;
  }
  yield `<testsuites name="podwright" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}">\n`;
  let position = 0;
  for (const [file, s] of suites) {
    yield `  <testsuite name="${attr(file)}" tests="${s.tests}" failures="${s.failures}" errors="0" skipped="${s.skipped}">\n`;
    while (!pending.done && suiteOf(pending.value) === file) {
      const d = pending.value;
      const label = objectLabel(d.object, d.documentIndex);
      const k = key(d.file, label);
      const c = newCase(label);
      fill(c, d.findings, run.failOn);
      c.skipped = skippedBy.get(k)?.shift();
      fill(c, unattached.find(k, d, (j) => matchedAt[j] === position), run.failOn);
      yield* caseXml(file, c);
      position++;
      pending = docs.next();
    }
    for (const j of extra.get(file) ?? []) {
      const f = unattached.list.at(j);
      const c = newCase(objectLabel(f.object));
      fill(c, [f], run.failOn);
      yield* caseXml(file, c);
    }
    yield '  </testsuite>\n';
  }
  yield '</testsuites>\n';
}

interface Case { name: string; failures: Finding[]; notes: Finding[]; skipped?: string }
interface SuiteCounts { tests: number; failures: number; skipped: number }

const key = (file: string | undefined, label: string) => `${file ?? ''}\u0000${label}`;
const suiteOf = (d: DocumentResult) => d.file ?? '(in memory)';
const newCase = (name: string): Case => ({ name, failures: [], notes: [] });
const skippedOnly = (c: Case) => c.skipped !== undefined && c.failures.length === 0;

function fill(c: Case, findings: readonly Finding[], failOn: 'error' | 'warning'): void {
  for (const f of findings) (failsAt(f, failOn) ? c.failures : c.notes).push(f);
}

/**
 * The first pass: each suite's counts (they open the XML), read from the documents in
 * order with only what a case needs kept: the skipped objects by file and label (each
 * goes to the first case of its object not yet skipped), the unattached findings by file
 * and label (they join the first case of their object), and those no case takes (a case
 * each, at the end of their suite). Undefined when a file's documents are not one after
 * the other (a file named twice): the report is then made in memory.
 */
function planSuites(run: RunResult) {
  const suites = new Map<string, SuiteCounts>();
  for (const file of run.files) suites.set(file, { tests: 0, failures: 0, skipped: 0 });
  const queues = () => {
    const by = new Map<string, string[]>();
    for (const s of run.report.skipped) {
      const k = key(s.location?.file, objectLabel(s.object));
      const q = by.get(k);
      if (q) q.push(s.reason);
      else by.set(k, [s.reason]);
    }
    return by;
  };
  const unattached = new UnattachedByKey(unattachedOf(run));
  /** Per unattached finding: the position of the case that takes it; -1 none yet, -2 a case of its own (extra). */
  const matchedAt = new Int32Array(unattached.list.length).fill(-1);
  const skippedBy = queues();
  const done = new Set<string>();
  /** The suites of the documents, in the order they come. */
  const runs: string[] = [];
  let current: string | undefined;
  let position = 0;
  for (const d of run.documents) {
    const file = suiteOf(d);
    if (file !== current) {
      if (done.has(file)) return undefined;
      if (current !== undefined) done.add(current);
      current = file;
      runs.push(file);
    }
    let counts = suites.get(file);
    if (!counts) suites.set(file, (counts = { tests: 0, failures: 0, skipped: 0 }));
    const label = objectLabel(d.object, d.documentIndex);
    const k = key(d.file, label);
    const c = newCase(label);
    fill(c, d.findings, run.failOn);
    c.skipped = skippedBy.get(k)?.shift();
    // Unattached findings join the first case of their object.
    fill(c, unattached.find(k, d, (j) => matchedAt[j] === -1, (j) => (matchedAt[j] = position)), run.failOn);
    counts.tests++;
    if (c.failures.length > 0) counts.failures++;
    if (skippedOnly(c)) counts.skipped++;
    position++;
  }
  // The suites are written in their order, each with its documents: they must come in that order too.
  const order = new Map([...suites.keys()].map((file, i) => [file, i]));
  for (let i = 1; i < runs.length; i++) if (order.get(runs[i]!)! <= order.get(runs[i - 1]!)!) return undefined;
  // Those no case took, a case each at the end of their suite: by object, in the order each object first appears.
  const extra = new Map<string, number[]>();
  for (let i = 0; i < matchedAt.length; i++) {
    if (matchedAt[i] !== -1) continue;
    const first = unattached.list.at(i);
    const k = key(first.location?.file, objectLabel(first.object));
    unattached.find(k, first, (j) => matchedAt[j] === -1, (j, f) => {
      matchedAt[j] = -2;
      const file = f.location?.file ?? '(cross-object)';
      let counts = suites.get(file);
      if (!counts) suites.set(file, (counts = { tests: 0, failures: 0, skipped: 0 }));
      counts.tests++;
      if (failsAt(f, run.failOn)) counts.failures++;
      const list = extra.get(file);
      if (list) list.push(j);
      else extra.set(file, [j]);
    });
  }
  return { suites, skippedBy: queues(), unattached, matchedAt, extra };
}

/**
 * The unattached findings by JUnit key (file and object label) without holding them:
 * their positions sorted by the key's hash, read back by position; a few bytes a finding.
 */
class UnattachedByKey {
  private readonly hashes: Uint32Array;
  private readonly byHash: Int32Array;

  constructor(readonly list: IndexedFindings) {
    this.hashes = new Uint32Array(list.length);
    let i = 0;
    for (const f of list) this.hashes[i++] = keyHash(f.location?.file, f.object);
    this.byHash = sortedByHash(this.hashes);
  }

  /**
   * The findings of key `k` (that of `ref`'s file and object), in order, that pass `test`;
   * `take` is called with each (position and finding).
   */
  find(k: string, ref: { readonly file?: string; readonly object: ObjectRef; readonly documentIndex?: number } | Finding, test: (j: number) => boolean, take?: (j: number, f: Finding) => void): Finding[] {
    const hash = 'ruleId' in ref ? keyHash(ref.location?.file, ref.object) : keyHash(ref.file, ref.object, ref.documentIndex);
    const { hashes, byHash } = this;
    const out: Finding[] = [];
    for (let n = firstWithHash(hashes, byHash, hash); n < byHash.length && hashes[byHash[n]!] === hash; n++) {
      const j = byHash[n]!;
      if (!test(j)) continue;
      const f = this.list.at(j);
      if (key(f.location?.file, objectLabel(f.object)) !== k) continue;
      out.push(f);
      take?.(j, f);
    }
    return out;
  }
}

/** The hash of key(file, objectLabel(object, documentIndex)) (groupHash hashes `file\u0000label`). */
function keyHash(file: string | undefined, object: ObjectRef, documentIndex?: number): number {
  return groupHash({ file: file ?? '', object, documentIndex, findings: [] });
}

function* caseXml(file: string, c: Case): Generator<string> {
  const open = `    <testcase classname="${attr(file)}" name="${attr(c.name)}"`;
  if (c.failures.length === 0 && c.notes.length === 0 && c.skipped === undefined) {
    yield `${open}/>\n`;
    return;
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

/** The report with every case in memory (when a file's documents are not one after the other). */
function* junitInMemory(run: RunResult): Generator<string> {
  const suites = new Map<string, Case[]>();
  for (const file of run.files) suites.set(file, []);
  const caseFor = (file: string, name: string): Case => {
    let cases = suites.get(file);
    if (!cases) suites.set(file, (cases = []));
    const c = newCase(name);
    cases.push(c);
    return c;
  };
  // Cases by file and object label, so that matching findings to cases stays linear.
  const byLabel = new Map<string, Case[]>();
  for (const d of run.documents) {
    const label = objectLabel(d.object, d.documentIndex);
    const c = caseFor(suiteOf(d), label);
    fill(c, d.findings, run.failOn);
    const k = key(d.file, label);
    byLabel.set(k, [...(byLabel.get(k) ?? []), c]);
  }
  for (const s of run.report.skipped) {
    const c = byLabel.get(key(s.location?.file, objectLabel(s.object)))?.find((x) => x.skipped === undefined);
    if (c) c.skipped = s.reason;
  }
  // Cross-object findings (reported at finish) join their object's test case when it is known.
  for (const f of unattachedOf(run)) {
    const label = objectLabel(f.object);
    const match = byLabel.get(key(f.location?.file, label))?.[0];
    fill(match ?? caseFor(f.location?.file ?? '(cross-object)', label), [f], run.failOn);
  }
  // Totals first (they open the XML), then the suites a line at a time.
  const counted = [...suites].map(([file, cases]) => ({
    file, cases, failures: cases.filter((c) => c.failures.length > 0).length, skipped: cases.filter(skippedOnly).length,
  }));
  const sum = (f: (s: (typeof counted)[number]) => number) => counted.reduce((n, s) => n + f(s), 0);
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield `<testsuites name="podwright" tests="${sum((s) => s.cases.length)}" failures="${sum((s) => s.failures)}" errors="0" skipped="${sum((s) => s.skipped)}">\n`;
  for (const { file, cases, failures, skipped } of counted) {
    yield `  <testsuite name="${attr(file)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}">\n`;
    for (const c of cases) yield* caseXml(file, c);
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
