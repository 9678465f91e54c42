/**
 * Checks shared by the workload rules (Layer 2b), ported from v1.28:
 * pkg/apis/apps/validation/validation.go (ValidatePodTemplateSpecForReplicaSet and
 * the selector checks of ValidateDeploymentSpec / ValidateReplicaSetSpec /
 * ValidateStatefulSetSpec / ValidateDaemonSetSpec) and
 * pkg/apis/batch/validation/validation.go (validateJobSpec).
 */
import { KubeObject, Path } from '../types';
import { fieldForbidden, fieldInvalid, fieldNotSupported, fieldRequired } from './k8s-names';
import {
  Report, checkLabelSelector, checkNonNegative, dig, isInt, selectorIsEmpty, selectorMatches, stringEntries,
} from './object-checks';
import { asObject, field } from './values';

/** Go's `%#v` of a map[string]string, which the server prints for a template's labels. */
export function goStringMap(map: unknown): string {
  const entries = stringEntries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (!asObject(map)) return 'map[string]string(nil)';
  return `map[string]string{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(', ')}}`;
}

const MISMATCH = '`selector` does not match template `labels`';

/**
 * The selector part of the apps workloads: required, valid, non-empty, and
 * matching the template's labels. `kindWord` is the word the server's message
 * uses (`deployment` for Deployments and ReplicaSets alike).
 * `invalidDetail` is what the server says when the selector cannot be parsed.
 */
export function checkWorkloadSelector(
  spec: KubeObject, specPath: Path, report: Report,
  opts: { kindWord: string; invalidDetail?: string; required: boolean },
): void {
  const selector = field(spec, 'selector');
  const selPath = [...specPath, 'selector'];
  const present = asObject(selector) !== undefined;
  let parses = true;
  if (!present) {
    if (opts.required) {
      report({ path: selPath, message: fieldRequired() });
      // The server goes on to say the missing selector (labels.Nothing()) does not match the
      // template labels: the same mistake twice, so only the missing selector is reported.
      return;
    }
  } else {
    parses = checkLabelSelector(selector, selPath, report);
    if (selectorIsEmpty(selector)) {
      report({ path: selPath, message: fieldInvalid(selector, `empty selector is invalid for ${opts.kindWord}`) });
    }
  }
  if (!parses) {
    if (opts.invalidDetail !== undefined) report({ path: selPath, message: fieldInvalid(selector, opts.invalidDetail || undefined) });
    return;
  }
  const labels = dig(spec, ['template', 'metadata', 'labels']);
  // A missing selector becomes labels.Nothing(), which matches nothing; an empty one matches everything.
  const matches = present ? selectorIsEmpty(selector) || selectorMatches(selector, labels) : false;
  if (!matches) {
    report({ path: [...specPath, 'template', 'metadata', 'labels'], message: `Invalid value: ${goStringMap(labels)}: ${MISMATCH}` });
  }
}

/** Pod template rules every long-running controller shares: restartPolicy Always, no activeDeadlineSeconds. */
export function checkAlwaysRestartTemplate(spec: KubeObject, specPath: Path, report: Report, kindName: string): void {
  const podSpec = dig(spec, ['template', 'spec']);
  const rp = field(podSpec, 'restartPolicy');
  if (typeof rp === 'string' && rp !== '' && rp !== 'Always') {
    report({ path: [...specPath, 'template', 'spec', 'restartPolicy'], message: fieldNotSupported(rp, ['Always']) });
  }
  const ads = field(podSpec, 'activeDeadlineSeconds');
  if (ads !== undefined && ads !== null) {
    report({ path: [...specPath, 'template', 'spec', 'activeDeadlineSeconds'], message: fieldForbidden(`activeDeadlineSeconds in ${kindName} is not Supported`) });
  }
}

/** v1.28 limits of validateJobSpec. */
const MAX_PARALLELISM_FOR_INDEXED_JOB = 100000;

/**
 * validateJobSpec: the checks a Job spec gets both in a Job and in a CronJob's
 * jobTemplate (non-negative counts, completionMode, the template's restartPolicy).
 */
export function checkJobSpecCommon(spec: KubeObject, specPath: Path, report: Report, inCronJob = false): void {
  for (const key of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished']) {
    checkNonNegative(field(spec, key), [...specPath, key], report);
  }
  // validateJobSpec (v1.28): maxFailedIndexes needs backoffLimitPerIndex. Both are behind the
  // alpha JobBackoffLimitPerIndex gate: a Job's are dropped before validation, a CronJob's
  // jobTemplate keeps them and is validated (labelled by kube-apiserver v1.28.15).
  const maxFailed = field(spec, 'maxFailedIndexes');
  if (inCronJob && maxFailed !== undefined && maxFailed !== null) {
    checkNonNegative(maxFailed, [...specPath, 'maxFailedIndexes'], report);
    const perIndex = field(spec, 'backoffLimitPerIndex');
    if (perIndex === undefined || perIndex === null) report({ path: [...specPath, 'backoffLimitPerIndex'], message: fieldRequired('when maxFailedIndexes is specified') });
  }
  const mode = field(spec, 'completionMode');
  if (typeof mode === 'string') {
    if (mode !== 'NonIndexed' && mode !== 'Indexed') {
      report({ path: [...specPath, 'completionMode'], message: fieldNotSupported(mode, ['NonIndexed', 'Indexed']) });
    }
    if (mode === 'Indexed') {
      const completions = field(spec, 'completions');
      const parallelism0 = field(spec, 'parallelism');
      // SetDefaults_Job sets completions (and parallelism) to 1 when both are unset.
      const defaulted = (parallelism0 === undefined || parallelism0 === null) && (completions === undefined || completions === null);
      if ((completions === undefined || completions === null) && !defaulted) {
        report({ path: [...specPath, 'completions'], message: fieldRequired('when completion mode is Indexed') });
      }
      const parallelism = field(spec, 'parallelism');
      if (isInt(parallelism) && parallelism > MAX_PARALLELISM_FOR_INDEXED_JOB) {
        report({ path: [...specPath, 'parallelism'], message: fieldInvalid(parallelism, `must be less than or equal to ${MAX_PARALLELISM_FOR_INDEXED_JOB} when completion mode is Indexed`) });
      }
    }
  }
  const rp = field(dig(spec, ['template', 'spec']), 'restartPolicy');
  const rpPath = [...specPath, 'template', 'spec', 'restartPolicy'];
  // An unset restartPolicy is defaulted to Always before validation, so both are refused alike.
  if (rp === undefined || rp === null || rp === '' || rp === 'Always') {
    report({ path: rpPath, message: fieldRequired('valid values: "OnFailure", "Never"') });
  } else if (rp !== 'OnFailure' && rp !== 'Never') {
    report({ path: rpPath, message: fieldNotSupported(rp, ['OnFailure', 'Never']) });
  } else if (asObject(field(spec, 'podFailurePolicy')) && rp !== 'Never') {
    report({ path: rpPath, message: fieldInvalid(rp, 'only "Never" is supported when podFailurePolicy is specified') });
  }
}
