import * as fs from 'fs';
import * as path from 'path';
import { Finding } from '../types';
import { IndexedFindings, RunResult, shownFile } from '../yaml/validate-files';
import { FindingSummary, groupHash, summarize } from '../yaml/result-store';

export type { RunResult, DocumentResult, IndexedFindings } from '../yaml/validate-files';
export { shownFile } from '../yaml/validate-files';
export { objectLabel } from '../yaml/result-store';

/** Where people read about podwright's rules. */
export const RULES_DOC_URL = 'https://github.com/podwright/podwright/blob/main/docs/rules.md';

export { failsAt } from '../severity';

/** The exit code of a run: 1 when any finding is at or above the threshold, else 0. */
export function exitCodeOf(run: RunResult): 0 | 1 {
  return failingCount(summaryOf(run), run.failOn) > 0 ? 1 : 0;
}

/** Counts and each rule's first finding: kept by the run as it went, else read from the findings. */
export function summaryOf(run: RunResult): FindingSummary {
  return run.report.findings.summary ?? summarize(run.report.findings);
}

/** How many findings fail a run at `failOn` (see failsAt: errors, and warnings at `warning`). */
export function failingCount(summary: FindingSummary, failOn: 'error' | 'warning'): number {
  return failOn === 'error' ? summary.errors : summary.errors + summary.warnings;
}

/**
 * The findings that belong to no document (cross-object rules), in report order: kept by
 * the run, else every finding not in a document's list.
 */
export function unattachedOf(run: RunResult): IndexedFindings {
  if (run.report.findings.unattached) return run.report.findings.unattached;
  const attached = new Set<Finding>();
  for (const d of run.documents) for (const f of d.findings) attached.add(f);
  const out: Finding[] = [];
  for (const f of run.report.findings) if (!attached.has(f)) out.push(f);
  return indexedFindings(out);
}

/** A list of findings in memory as IndexedFindings. */
export function indexedFindings(list: readonly Finding[]): IndexedFindings {
  const fileIds = new Map<string, number>();
  const fileNames: string[] = [];
  const files = list.map((f) => {
    const file = shownFile(f);
    let id = fileIds.get(file);
    if (id === undefined) fileIds.set(file, (id = fileNames.push(file) - 1));
    return id;
  });
  return {
    length: list.length,
    fileNames,
    at: (i) => list[i]!,
    groupHash: (i) => groupHash({ file: fileNames[files[i]!], object: list[i]!.object, findings: [] }),
    fileOf: (i) => files[i]!,
    [Symbol.iterator]: () => list[Symbol.iterator](),
  };
}

/** Positions 0..n-1 sorted by their hash, then by position. */
export function sortedByHash(hashes: Uint32Array): Int32Array {
  const n = hashes.length;
  const out = new Int32Array(n);
  if (n < 2 ** 21) {
    // hash * 2^21 + position stays below 2^53: one numeric sort, no comparator.
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = hashes[i]! * 2 ** 21 + i;
    keys.sort();
    for (let k = 0; k < n; k++) out[k] = keys[k]! % 2 ** 21;
    return out;
  }
  for (let i = 0; i < n; i++) out[i] = i;
  return out.sort((a, b) => hashes[a]! - hashes[b]! || a - b);
}

/** The first index into `byHash` (as sortedByHash returns it) whose position has hash `hash` or above (binary search). */
export function firstWithHash(hashes: Uint32Array, byHash: Int32Array, hash: number): number {
  let lo = 0;
  let hi = byHash.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (hashes[byHash[mid]!]! < hash) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface Counts {
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
}

export function countFindings(findings: readonly Finding[]): Counts {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const f of findings) {
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
    else infos++;
  }
  return { errors, warnings, infos };
}

/** A docs link for one rule. */
export function ruleHelpUri(id: string, docsUrl?: string): string {
  return docsUrl ?? `${RULES_DOC_URL}#${id}`;
}

let version: string | undefined;
/** podwright's version, from the nearest package.json above this module (source or build/). */
export function toolVersion(): string {
  if (version !== undefined) return version;
  version = '0.0.0';
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      try {
        const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
        if (pkg.name === 'podwright' && typeof pkg.version === 'string') {
          version = pkg.version;
          break;
        }
      } catch {
        // keep looking
      }
    }
    if (path.dirname(dir) === dir) break;
  }
  return version;
}
