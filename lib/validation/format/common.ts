import * as fs from 'fs';
import * as path from 'path';
import { Finding, ObjectRef } from '../types';
import { RunResult } from '../yaml/validate-files';
import { failsAt } from '../severity';

export type { RunResult, DocumentResult } from '../yaml/validate-files';

/** Where people read about podwright's rules. */
export const RULES_DOC_URL = 'https://github.com/podwright/podwright/blob/main/docs/rules.md';

export { failsAt } from '../severity';

/** The exit code of a run: 1 when any finding is at or above the threshold, else 0. */
export function exitCodeOf(run: RunResult): 0 | 1 {
  return run.report.findings.some((f) => failsAt(f, run.failOn)) ? 1 : 0;
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

/** `Deployment/default/web`, `Namespace/prod`, or `document 3` for something that is not an object. */
export function objectLabel(ref: ObjectRef, documentIndex?: number): string {
  if (ref.kind === undefined && ref.name === undefined) {
    return documentIndex === undefined ? '(no object)' : `document ${documentIndex + 1}`;
  }
  return [ref.kind ?? '(no kind)', ...(ref.namespace !== undefined ? [ref.namespace] : []), ref.name ?? '(no name)'].join('/');
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
