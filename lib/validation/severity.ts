import { Finding, Severity } from './types';

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/**
 * True when a finding fails a run whose threshold is `failOn` (the configuration's
 * `failOn`, the CLI's `--fail-on`): the one rule every surface applies.
 */
export function failsAt(finding: Finding, failOn: 'error' | 'warning'): boolean {
  return RANK[finding.severity] >= RANK[failOn];
}
