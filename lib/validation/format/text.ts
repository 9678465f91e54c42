import { RULES } from '../rules';
import { Finding, Severity } from '../types';
import { documentFile, indexed, IndexedDocuments, ResultStore } from '../yaml/result-store';
import { FindingLines, lineKey } from '../yaml/validate-files';
import { DocumentResult, failingCount, firstWithHash, IndexedFindings, objectLabel, RunResult, shownFile, sortedByHash, summaryOf, unattachedOf } from './common';
import { joinChunks } from './json-chunks';

export interface TextOptions {
  /** ANSI colours; decide with `useColor()`. @default false */
  readonly color?: boolean;
  /**
   * Wrap lines to this many columns (the terminal's width); continuation lines are
   * indented. `undefined` or 0: one line per finding, as grep and CI logs want. @default undefined
   */
  readonly width?: number;
  /**
   * Every finding on its own line with its fix, info findings and every object not
   * checked; otherwise info findings and skipped objects are counted in the summary, the
   * Pod Security findings at one place share a line (as Pod Security Admission words its
   * denial), and each rule's fix is shown once in a footer. @default false
   */
  readonly verbose?: boolean;
}

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function useColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && (env.NO_COLOR === undefined || env.NO_COLOR === '');
}

/** The width to wrap the text report to: the terminal's, else `COLUMNS`, else none. */
export function textWidth(stream: { isTTY?: boolean; columns?: number }, env: NodeJS.ProcessEnv = process.env): number | undefined {
  if (stream.isTTY === true && typeof stream.columns === 'number' && stream.columns > 0) return stream.columns;
  const columns = Number(env.COLUMNS);
  return Number.isInteger(columns) && columns > 0 ? columns : undefined;
}

const CODES = { red: 31, yellow: 33, blue: 34, dim: 2, bold: 1, green: 32 } as const;

/**
 * Human-readable output in the habit of eslint's and kubeconform's: a heading per file
 * and object, then one line per finding, `file:line:col  severity  message  rule-id`
 * (the location first, so editors and terminals jump to it), and a summary.
 */
export function formatText(run: RunResult, options: TextOptions = {}): string {
  return joinChunks(textChunks(run, options));
}

/** One line of the report: the findings it stands for (several when Pod Security findings share a place). */
interface Line {
  readonly where: string;
  readonly severity: Severity;
  readonly message: string;
  readonly rules: string;
  readonly fix?: string;
}

/** The text report a line at a time (each piece ends in a newline). */
export function* textChunks(run: RunResult, options: TextOptions = {}): Generator<string> {
  const paint = (code: keyof typeof CODES, s: string) => (options.color ? `\u001b[${CODES[code]}m${s}\u001b[0m` : s);
  const sevWord = (s: Severity) => paint(s === 'error' ? 'red' : s === 'warning' ? 'yellow' : 'blue', s.padEnd(7));
  const verbose = options.verbose === true;
  const wrap = (text: string, visible: number) => wrapLine(text, visible, options.width);
  /** Rule id to its fix, for the footer. */
  const fixes = new Map<string, string>();
  let hiddenInfos = 0;
  let file: string | undefined;
  let any = false;
  // Written an object at a time, as the groups are read back from the run's store (an
  // object of many documents a part at a time: see groupPartsInOrder).
  for (const group of groupPartsInOrder(run)) {
    if (group.file !== file) {
      if (any) yield '\n';
      any = false;
      file = group.file;
    }
    let headed = false;
    for (const findings of group.parts) {
      const visible = verbose ? findings : findings.filter((f) => f.severity !== 'info');
      hiddenInfos += findings.length - visible.length;
      if (visible.length === 0) continue;
      any = true;
      for (const f of visible) if (!fixes.has(f.ruleId)) fixes.set(f.ruleId, genericFix(f));
      if (!headed) {
        headed = true;
        const heading = `${file}  ${group.label}`;
        yield wrap(paint('bold', heading), heading.length);
      }
      for (const l of verbose ? visible.map((f) => lineOf([f], group.file, true)) : mergePodSecurity(visible, group.file)) {
        const plain = l.where.length + l.message.length + l.rules.length + 13;
        yield wrap(`${l.where}  ${sevWord(l.severity)}  ${l.message}  ${paint('dim', l.rules)}`, plain);
        if (verbose && l.fix !== undefined) yield wrap(`    ${paint('dim', `fix: ${l.fix}`)}`, l.fix.length + 9);
      }
    }
  }
  if (any) yield '\n';
  const skipped = run.report.skipped;
  if (verbose) {
    for (const s of skipped) {
      const where = s.location ? `${s.location.file}:${s.location.line}:${s.location.column}  ` : '';
      const text = `${where}skipped ${objectLabel(s.object)}: ${s.reason}`;
      yield wrap(paint('dim', text), text.length);
    }
    if (skipped.length > 0) yield '\n';
  } else if (fixes.size > 0) {
    const title = "How to fix (once per rule; --verbose shows each finding's fix):";
    yield wrap(paint('bold', title), title.length);
    const idWidth = Math.min(40, Math.max(...[...fixes.keys()].map((id) => id.length)));
    for (const id of [...fixes.keys()].sort()) {
      const text = `  ${id.padEnd(idWidth)}  ${fixes.get(id)!}`;
      yield wrap(`  ${paint('dim', id.padEnd(idWidth))}  ${fixes.get(id)!}`, text.length);
    }
    yield '\n';
  }
  const notShown: string[] = [];
  if (hiddenInfos > 0) notShown.push(`${plural(hiddenInfos, 'info')} not shown`);
  if (!verbose && skipped.length > 0) notShown.push(`${plural(skipped.length, 'object')} of kinds podwright does not know not checked`);
  if (notShown.length > 0) {
    const text = `${notShown.join('; ')} (--verbose lists them)`;
    yield wrap(paint('dim', text), text.length);
  }
  const c = summaryOf(run);
  const failing = failingCount(c, run.failOn);
  const summary = `${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')}, ${plural(c.infos, 'info')} in ${plural(run.report.objectCount, 'object')} from ${plural(run.files.length, 'file')}`
    + (skipped.length > 0 ? ` (${skipped.length} not checked)` : '')
    + podSecuritySummary(run);
  const last = failing > 0 ? `✖ ${summary}; failing at ${run.failOn}` : `✔ ${summary}`;
  yield wrap(paint(failing > 0 ? 'red' : 'green', last), last.length);
}

/** Each rule's own fix, by id (a finding may carry a fix of its own). */
let ruleFixes: Map<string, string> | undefined;
function genericFix(f: Finding): string {
  return (ruleFixes ??= new Map(RULES.map((r) => [r.meta.id, r.meta.fix]))).get(f.ruleId) ?? f.fix;
}

function lineOf(findings: readonly Finding[], file: string, verbose = false): Line {
  const f = findings[0]!;
  // A fix written for this finding (a "did you mean") is worth its place on the line; the
  // rule's generic fix is in the footer.
  const own = (x: Finding) => (!verbose && x.fix !== genericFix(x) ? ` (${x.fix.replace(/\.$/, '')})` : '');
  return {
    where: f.location ? `${f.location.file}:${f.location.line}:${f.location.column}` : (f.constructPath ?? file),
    severity: f.severity,
    message: findings.length === 1 && own(f) === '' ? f.message : findings.map((x) => `${x.message}${own(x)}`).join(', '),
    rules: findings.length === 1 ? f.ruleId : findings.map((x) => x.ruleId).join(','),
    fix: f.fix,
  };
}

/**
 * One line per finding, except that the Pod Security findings of one severity at one place
 * share a line, joined with ", " as Pod Security Admission joins the checks a pod fails
 * in its one denial ("violates PodSecurity ...: allowPrivilegeEscalation != false (...),
 * unrestricted capabilities (...)").
 */
function mergePodSecurity(findings: readonly Finding[], file: string): Line[] {
  const lines: Line[] = [];
  const groups = new Map<string, Finding[]>();
  const order: (Finding | Finding[])[] = [];
  for (const f of findings) {
    if (f.layer !== 'pod-security') {
      order.push(f);
      continue;
    }
    const key = `${f.severity} ${f.location ? `${f.location.line}:${f.location.column}` : f.path}`;
    const group = groups.get(key);
    if (group) group.push(f);
    else {
      const g = [f];
      groups.set(key, g);
      order.push(g);
    }
  }
  for (const item of order) lines.push(lineOf(Array.isArray(item) ? item : [item], file));
  return lines;
}

/**
 * Breaks a line at spaces to fit `width` columns, continuation lines indented by four
 * spaces. `visible` is the line's length without colour codes; a coloured line that
 * needs wrapping is wrapped as is (codes never split a word).
 */
function wrapLine(text: string, visible: number, width: number | undefined): string {
  if (!width || visible <= width) return `${text}\n`;
  const indent = '    ';
  const out: string[] = [];
  let line = '';
  let length = 0;
  let started = false;
  for (const word of text.split(' ')) {
    // eslint-disable-next-line no-control-regex
    const w = word.replace(/\u001b\[\d+m/g, '').length;
    if (!started) {
      line = word;
      length = w;
      started = true;
    } else if (w > 0 && length + 1 + w > width && line.trim() !== '') {
      out.push(line.trimEnd());
      line = indent + word;
      length = indent.length + w;
    } else {
      line += ` ${word}`;
      length += 1 + w;
    }
  }
  out.push(line);
  return `${out.join('\n')}\n`;
}

/** `; Pod Security: 12 restricted, 3 baseline`: how many objects with pods were judged at each level. */
function podSecuritySummary(run: RunResult): string {
  const levels = run.report.podSecurityLevels;
  if (!levels) return '';
  const parts = (['restricted', 'baseline', 'privileged'] as const).filter((l) => levels[l] > 0).map((l) => `${levels[l]} ${l}`);
  return parts.length > 0 ? `; Pod Security: ${parts.join(', ')}` : '';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

interface Group { label: string; findings: Finding[] }

/** One object's findings in the text report, under its file. */
export interface FileGroup {
  readonly file: string;
  readonly label: string;
  readonly findings: Finding[];
}

/** Within an object, findings read top to bottom, as an editor shows the file (a stable sort). */
function sortByLine(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => lineKey(a) - lineKey(b));
}

/**
 * Findings by file, then by object, in reading order, one group at a time, as
 * groupByFileAndObject orders them: each object's group stands where the object is first
 * read and holds the findings of every document of that file with the same label, then
 * the unattached findings (cross-object rules) of that object; unattached findings of an
 * object no document has follow their file's objects, or come last under their own file.
 * Documents are read in order, once each: those that repeat a label (equal hashes, then
 * compared) are read by position when their group is written; so are the unattached
 * findings (see UnattachedGroups): neither is held whole.
 */
export function* groupsInOrder(run: RunResult): Generator<FileGroup> {
  for (const g of groupPartsInOrder(run)) {
    const findings: Finding[] = [];
    for (const part of g.parts) findings.push(...part);
    yield { file: g.file, label: g.label, findings };
  }
}

/** One object's group, its findings in parts: read in order, the parts are the group's findings in order. */
export interface PartedGroup {
  readonly file: string;
  readonly label: string;
  readonly parts: Iterable<Finding[]>;
}

/**
 * The groups of groupsInOrder, each in parts: one part, or, for an object of several
 * documents whose findings sit in separate runs of lines, one per document (with the
 * unattached findings between), read from the store as the part before is written, so
 * that an object repeated ten thousand times is never held whole. Each group's parts
 * must be read before the next group.
 */
export function* groupPartsInOrder(run: RunResult): Generator<PartedGroup> {
  const docs = indexed(run.documents);
  if (!filesContiguous(run, docs)) {
    for (const [file, groups] of groupByFileAndObject(run)) for (const g of groups) yield { file, label: g.label, parts: [g.findings] };
    return;
  }
  const next = repeats(docs);
  const consumed = next ? new Uint8Array(docs.size) : undefined;
  const unattached = new UnattachedGroups(unattachedOf(run));
  // Known only for the documents the run stored (not for a list made anew).
  const lines = run.findingLines?.of === run.documents ? run.findingLines : undefined;
  let current: string | undefined;
  for (const [i, d] of docs.scan(consumed && ((k) => consumed[k] === 1))) {
    if (d.findings.length === 0) continue;
    const file = documentFile(d);
    if (file !== current) {
      if (current !== undefined) yield* whole(unattached.rest(current));
      current = file;
    }
    const label = objectLabel(d.object, d.documentIndex);
    const extra: Finding[] = [];
    unattached.take(file, label, docs.groupHash(i), extra);
    if (next && consumed && lines && next[i] !== -1 && inSeparateLines(lines, next, consumed, i, extra)) {
      yield { file, label, parts: documentParts(docs, next, consumed, lines, i, d, file, label, sortByLine(extra)) };
      continue;
    }
    const findings = [...d.findings];
    if (next && consumed) {
      for (let j = next[i]!; j !== -1; j = next[j]!) {
        if (consumed[j] === 1) continue;
        const other = docs.at(j);
        if (!other || other.findings.length === 0) continue;
        if (documentFile(other) === file && objectLabel(other.object, other.documentIndex) === label) {
          findings.push(...other.findings);
          consumed[j] = 1;
        }
      }
    }
    findings.push(...extra);
    yield { file, label, parts: [sortByLine(findings)] };
  }
  if (current !== undefined) yield* whole(unattached.rest(current));
  yield* whole(unattached.remaining());
}

/** Groups as groups of one part. */
function* whole(groups: Iterable<FileGroup>): Generator<PartedGroup> {
  for (const g of groups) yield { file: g.file, label: g.label, parts: [g.findings] };
}

/**
 * True when the documents that may join position i's group (i and those after it with
 * the same hash, not yet taken) have findings that all have a location, each document's
 * lines after the one before's: then sorting the group by line keeps each document's
 * findings together, in document order, and no two documents share a place (Pod Security
 * findings merged by place stay within one). The unattached findings must all have a
 * location too. Decided from the figures the run kept (FindingLines), nothing read.
 */
function inSeparateLines(lines: FindingLines, next: Int32Array, consumed: Uint8Array, i: number, extra: readonly Finding[]): boolean {
  if (extra.some((f) => !f.location)) return false;
  let before = lines.greatest(i);
  if (Number.isNaN(before)) return false;
  for (let j = next[i]!; j !== -1; j = next[j]!) {
    if (consumed[j] === 1) continue;
    const least = lines.least(j);
    const greatest = lines.greatest(j);
    if (Number.isNaN(least) || Number.isNaN(greatest)) return false;
    if (least > greatest) continue; // no findings
    if (least <= before) return false;
    before = greatest;
  }
  return true;
}

/**
 * A group's parts, one per document (see inSeparateLines): each document's findings, with
 * the unattached findings (sorted by line) that come before the next document's, sorted
 * by line. The next document is read before a part is handed on (it bounds the part).
 */
function* documentParts(
  docs: IndexedDocuments, next: Int32Array, consumed: Uint8Array, lines: FindingLines, i: number, first: DocumentResult,
  file: string, label: string, extra: readonly Finding[],
): Generator<Finding[]> {
  let u = 0;
  let part: Finding[] = [...first.findings];
  let j = next[i]!;
  for (;;) {
    let following: DocumentResult | undefined;
    let bound = Infinity;
    for (; j !== -1; j = next[j]!) {
      if (consumed[j] === 1) continue;
      const other = docs.at(j);
      if (!other || other.findings.length === 0) continue;
      if (documentFile(other) === file && objectLabel(other.object, other.documentIndex) === label) {
        consumed[j] = 1;
        following = other;
        bound = lines.least(j);
        j = next[j]!;
        break;
      }
    }
    while (u < extra.length && lineKey(extra[u]!) < bound) part.push(extra[u++]!);
    yield sortByLine(part);
    if (!following) return;
    part = [...following.findings];
  }
}

/**
 * The unattached findings by group (shown file and object label) without holding them:
 * their positions sorted by group hash, read back by position when their group is
 * written; a few bytes a finding.
 */
class UnattachedGroups {
  private readonly hashes: Uint32Array;
  /** Positions sorted by hash, then position. */
  private readonly byHash: Int32Array;
  private readonly taken: Uint8Array;
  /** Per file number: its first position; per position: the next of the same file (-1: none). */
  private readonly firstInFile: Int32Array;
  private readonly nextInFile: Int32Array;
  private readonly rested: Uint8Array;
  private readonly fileIds: Map<string, number>;

  constructor(private readonly list: IndexedFindings) {
    const n = list.length;
    this.hashes = new Uint32Array(n);
    for (let i = 0; i < n; i++) this.hashes[i] = list.groupHash(i);
    this.byHash = sortedByHash(this.hashes);
    this.taken = new Uint8Array(n);
    const files = list.fileNames.length;
    this.firstInFile = new Int32Array(files).fill(-1);
    this.nextInFile = new Int32Array(n).fill(-1);
    const last = new Int32Array(files).fill(-1);
    for (let i = 0; i < n; i++) {
      const f = list.fileOf(i);
      if (last[f] === -1) this.firstInFile[f] = i;
      else this.nextInFile[last[f]!] = i;
      last[f] = i;
    }
    this.rested = new Uint8Array(files);
    this.fileIds = new Map(list.fileNames.map((file, i) => [file, i]));
  }

  /** Adds to `out`, in order, the findings not yet taken of the group (file, label), whose hash is `hash`; they are taken. */
  take(file: string, label: string, hash: number, out: Finding[]): void {
    const { hashes, byHash } = this;
    const key = `${file}\u0000${label}`;
    for (let k = firstWithHash(hashes, byHash, hash); k < byHash.length && hashes[byHash[k]!] === hash; k++) {
      const j = byHash[k]!;
      if (this.taken[j] === 1) continue;
      const f = this.list.at(j);
      if (`${shownFile(f)}\u0000${objectLabel(f.object)}` !== key) continue;
      out.push(f);
      this.taken[j] = 1;
    }
  }

  /** The groups of a file's unattached findings not yet taken, in the order each group first appears. */
  * rest(file: string): Generator<FileGroup> {
    const id = this.fileIds.get(file);
    if (id === undefined || this.rested[id] === 1) return;
    this.rested[id] = 1;
    for (let i = this.firstInFile[id]!; i !== -1; i = this.nextInFile[i]!) {
      if (this.taken[i] === 1) continue;
      const label = objectLabel(this.list.at(i).object);
      const findings: Finding[] = [];
      this.take(file, label, this.hashes[i]!, findings);
      yield { file, label, findings: sortByLine(findings) };
    }
  }

  /** The groups of the files no document had, in the order the files first appear. */
  * remaining(): Generator<FileGroup> {
    for (let id = 0; id < this.rested.length; id++) if (this.rested[id] === 0) yield* this.rest(this.list.fileNames[id]!);
  }
}

/** True when each file's documents come one after the other (a file named twice is not). */
function filesContiguous(run: RunResult, docs: IndexedDocuments): boolean {
  if (docs instanceof ResultStore) return new Set(run.files).size === run.files.length;
  const done = new Set<string>();
  let current: string | undefined;
  for (let i = 0; i < docs.size; i++) {
    const d = docs.at(i);
    if (!d || d.findings.length === 0) continue;
    const file = documentFile(d);
    if (file === current) continue;
    if (done.has(file)) return false;
    if (current !== undefined) done.add(current);
    current = file;
  }
  return true;
}

/**
 * For each position, the next one whose file and label hash the same (-1: none), or
 * undefined when no two hash the same. A few bytes a document; no label is kept.
 */
function repeats(docs: IndexedDocuments): Int32Array | undefined {
  const n = docs.size;
  const sorted = new Uint32Array(n);
  for (let i = 0; i < n; i++) sorted[i] = docs.groupHash(i);
  sorted.sort();
  const twice = new Set<number>();
  for (let k = 1; k < n; k++) if (sorted[k] === sorted[k - 1]) twice.add(sorted[k]!);
  if (twice.size === 0) return undefined;
  const next = new Int32Array(n).fill(-1);
  const later = new Map<number, number>();
  for (let i = n - 1; i >= 0; i--) {
    const h = docs.groupHash(i);
    if (!twice.has(h)) continue;
    const j = later.get(h);
    if (j !== undefined) next[i] = j;
    later.set(h, i);
  }
  return next;
}

/**
 * Findings by file, then by object, in reading order, all in memory (groupsInOrder gives
 * the same groups one at a time). Findings without a document go under their file or `(other)`.
 */
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
  for (const d of run.documents) add(documentFile(d), objectLabel(d.object, d.documentIndex), [...d.findings]);
  for (const f of unattachedOf(run)) add(shownFile(f), objectLabel(f.object), [f]);
  for (const list of groups.values()) for (const g of list) sortByLine(g.findings);
  return groups;
}

export type { DocumentResult };
