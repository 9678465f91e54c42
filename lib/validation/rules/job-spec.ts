import { objectRule } from '../util/define-rule';
import { KubeObject, Path } from '../types';
import {
  fieldDuplicate, fieldInvalid, fieldNotSupported, fieldRequired, fieldTooMany, isDNS1123Label, isQualifiedName, isValidLabelValue,
} from '../util/k8s-names';
import { Report, checkLabelSelector, dig, isInt, selectorMatches, stringEntries } from '../util/object-checks';
import { asArray, asObject, field } from '../util/values';
import { atLeast } from '../util/version';
import { checkJobSpecCommon, goStringMap } from '../util/workload-checks';

/**
 * The labels the Job strategy adds to the template when the selector is generated
 * (batch/v1 generateSelector, v1.28): the legacy and the prefixed job-name and
 * controller-uid labels. The uid is unknown before creation.
 */
const JOB_NAME_LABELS = ['job-name', 'batch.kubernetes.io/job-name'];
const UID_LABELS = ['controller-uid', 'batch.kubernetes.io/controller-uid'];
const UNKNOWN_UID = '\u0000uid-assigned-by-the-server';

// validatePodFailurePolicy and friends (pkg/apis/batch/validation/validation.go, v1.28).
const MAX_POD_FAILURE_POLICY_RULES = 20;
const MAX_ON_EXIT_CODES_VALUES = 255;
const MAX_ON_POD_CONDITIONS_PATTERNS = 20;
const ACTIONS = ['Count', 'FailIndex', 'FailJob', 'Ignore'];
const EXIT_CODE_OPERATORS = ['In', 'NotIn'];
const CONDITION_STATUSES = ['False', 'True', 'Unknown'];
/** Go's %q of a []string, as in `valid values: ["In" "NotIn"]`. */
const goQuoted = (values: readonly string[]) => `[${values.map((v) => JSON.stringify(v)).join(' ')}]`;

/**
 * validatePodFailurePolicy. Before 1.29 JobBackoffLimitPerIndex is alpha (off):
 * PrepareForCreate drops backoffLimitPerIndex and every FailIndex rule, so later
 * rules move up; from 1.29 a FailIndex rule needs backoffLimitPerIndex.
 */
function checkPodFailurePolicy(spec: KubeObject, policy: KubeObject, p: Path, report: Report, k8sVersion: string): void {
  const perIndex = atLeast(k8sVersion, '1.29');
  const rules = asArray(field(policy, 'rules')).filter((r) => perIndex || field(r, 'action') !== 'FailIndex');
  const rulesPath = [...p, 'rules'];
  if (rules.length > MAX_POD_FAILURE_POLICY_RULES) report({ path: rulesPath, message: fieldTooMany(rules.length, MAX_POD_FAILURE_POLICY_RULES) });
  const podSpec = dig(spec, ['template', 'spec']);
  const containerNames = new Set(['containers', 'initContainers'].flatMap((k) => asArray(field(podSpec, k)).map((c) => field(c, 'name'))));
  rules.forEach((raw, i) => {
    const rule = asObject(raw) ?? {};
    const rp = [...rulesPath, i];
    const action = field(rule, 'action') ?? '';
    if (action === '') {
      report({ path: [...rp, 'action'], message: fieldRequired(`valid values: ${goQuoted(ACTIONS)}`) });
    } else if (action === 'FailIndex') {
      if (!isInt(field(spec, 'backoffLimitPerIndex'))) report({ path: [...rp, 'action'], message: fieldInvalid(action, 'requires the backoffLimitPerIndex to be set') });
    } else if (typeof action === 'string' && !ACTIONS.includes(action)) {
      report({ path: [...rp, 'action'], message: fieldNotSupported(action, ACTIONS) });
    }
    const onExitCodes = asObject(field(rule, 'onExitCodes'));
    const onPodConditions = asArray(field(rule, 'onPodConditions'));
    if (onExitCodes) checkOnExitCodes(onExitCodes, [...rp, 'onExitCodes'], report, containerNames);
    if (onPodConditions.length > 0) checkOnPodConditions(onPodConditions, [...rp, 'onPodConditions'], report);
    if (onExitCodes && onPodConditions.length > 0) {
      report({ path: rp, message: 'Invalid value: specifying both OnExitCodes and OnPodConditions is not supported' });
    }
    if (!onExitCodes && onPodConditions.length === 0) {
      report({ path: rp, message: 'Invalid value: specifying one of OnExitCodes and OnPodConditions is required' });
    }
  });
}

/** validatePodFailurePolicyRuleOnExitCodes. */
function checkOnExitCodes(req: KubeObject, p: Path, report: Report, containerNames: ReadonlySet<unknown>): void {
  const op = field(req, 'operator') ?? '';
  if (op === '') report({ path: [...p, 'operator'], message: fieldRequired(`valid values: ${goQuoted(EXIT_CODE_OPERATORS)}`) });
  else if (typeof op === 'string' && !EXIT_CODE_OPERATORS.includes(op)) report({ path: [...p, 'operator'], message: fieldNotSupported(op, EXIT_CODE_OPERATORS) });
  const containerName = field(req, 'containerName');
  if (typeof containerName === 'string' && !containerNames.has(containerName)) {
    report({ path: [...p, 'containerName'], message: fieldInvalid(containerName, 'must be one of the container or initContainer names in the pod template') });
  }
  const rawValues = field(req, 'values');
  const values = asArray(rawValues).filter(isInt);
  const goValues = Array.isArray(rawValues) ? `[]int32{${values.join(', ')}}` : '[]int32(nil)';
  if (values.length === 0) report({ path: [...p, 'values'], message: `Invalid value: ${goValues}: at least one value is required` });
  else if (values.length > MAX_ON_EXIT_CODES_VALUES) report({ path: [...p, 'values'], message: fieldTooMany(values.length, MAX_ON_EXIT_CODES_VALUES) });
  let ordered = true;
  const seen = new Set<number>();
  values.forEach((v, j) => {
    if (op === 'In' && v === 0) report({ path: [...p, 'values', j], message: fieldInvalid(v, 'must not be 0 for the In operator') });
    if (seen.has(v)) report({ path: [...p, 'values', j], message: fieldDuplicate(v) });
    seen.add(v);
    if (j > 0 && values[j - 1]! > v) ordered = false;
  });
  if (!ordered) report({ path: [...p, 'values'], message: `Invalid value: ${goValues}: must be ordered` });
}

/** validatePodFailurePolicyRuleOnPodConditions, after the v1 default status True. */
function checkOnPodConditions(patterns: readonly unknown[], p: Path, report: Report): void {
  if (patterns.length > MAX_ON_POD_CONDITIONS_PATTERNS) report({ path: p, message: fieldTooMany(patterns.length, MAX_ON_POD_CONDITIONS_PATTERNS) });
  patterns.forEach((raw, j) => {
    const type = field(raw, 'type') ?? '';
    if (typeof type === 'string') for (const msg of isQualifiedName(type)) report({ path: [...p, j, 'type'], message: fieldInvalid(type, msg) });
    const status = field(raw, 'status');
    if (typeof status === 'string' && status !== '' && !CONDITION_STATUSES.includes(status)) {
      report({ path: [...p, j, 'status'], message: fieldNotSupported(status, CONDITION_STATUSES) });
    }
  });
}

export default objectRule({
  id: 'job-spec',
  layer: 'api-server',
  severity: 'error',
  description: 'A Job spec must pass the API server: restartPolicy OnFailure or Never, selector rules, completionMode, non-negative counts, podFailurePolicy rules.',
  fix: 'Set the template\'s restartPolicy to OnFailure or Never, and leave spec.selector unset unless manualSelector is true.',
  source: 'ValidateJob, ValidateJobSpec, validateJobSpec, validateGeneratedSelector, validatePodFailurePolicy, validatePodFailurePolicyRule in pkg/apis/batch/validation/validation.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/concepts/workloads/controllers/job/',
  kinds: ['Job'],
}, (ctx) => {
  const { object } = ctx.target;
  const spec = asObject(field(object, 'spec'));
  if (!spec) return;
  const report = ctx.report;
  const name = dig(object, ['metadata', 'name']);
  const jobName = typeof name === 'string' ? name : '';
  const manual = field(spec, 'manualSelector') === true;
  const selector = asObject(field(spec, 'selector'));
  const userLabels = asObject(dig(spec, ['template', 'metadata', 'labels'])) ?? {};

  // The template labels after the strategy adds its own (only when the selector is generated).
  const labels = new Map(stringEntries(userLabels));
  if (!manual) {
    for (const key of JOB_NAME_LABELS) {
      if (!labels.has(key)) {
        labels.set(key, jobName);
        // ValidatePodTemplateSpec then checks the added value like any label.
        for (const msg of isValidLabelValue(jobName)) report({ path: ['spec', 'template', 'labels'], message: fieldInvalid(jobName, msg) });
      }
    }
    for (const key of UID_LABELS) if (!labels.has(key)) labels.set(key, UNKNOWN_UID);
    // validateGeneratedSelector: user-set generated labels must hold the expected values.
    for (const key of JOB_NAME_LABELS) {
      const v = field(userLabels, key);
      if (typeof v === 'string' && v !== jobName) {
        report({ path: ['spec', 'template', 'metadata', 'labels', key], message: `Invalid value: ${goStringMap(userLabels)}: must be '${jobName}'` });
      }
    }
  }

  // ValidateJobSpec: the (possibly generated) selector is required, valid and must match the template.
  let parses = true;
  if (!selector) {
    if (manual) report({ path: ['spec', 'selector'], message: fieldRequired() });
  } else {
    parses = checkLabelSelector(selector, ['spec', 'selector'], report);
  }
  const labelObject = Object.fromEntries(labels);
  if (parses && (selector || !manual)) {
    // A generated selector adds controller-uid=<uid>, which the generated labels carry.
    if (selector && !selectorMatches(selector, labelObject)) {
      report({ path: ['spec', 'template', 'metadata', 'labels'], message: `Invalid value: ${goStringMap(userLabels)}: \`selector\` does not match template \`labels\`` });
    }
    if (!manual && selector) {
      const expected = Object.fromEntries([...JOB_NAME_LABELS.map((k) => [k, jobName]), ...UID_LABELS.map((k) => [k, UNKNOWN_UID])]);
      if (!selectorMatches(selector, expected)) {
        report({ path: ['spec', 'selector'], message: fieldInvalid(selector, '`selector` not auto-generated') });
      }
    }
  }

  checkJobSpecCommon(spec, ['spec'], report);
  const podFailurePolicy = asObject(field(spec, 'podFailurePolicy'));
  if (podFailurePolicy) checkPodFailurePolicy(spec, podFailurePolicy, ['spec', 'podFailurePolicy'], report, ctx.settings.k8sVersion);

  // ValidateJob: an Indexed Job's last pod hostname `<name>-<completions-1>` must be a DNS label.
  const completions = field(spec, 'completions');
  if (field(spec, 'completionMode') === 'Indexed' && isInt(completions) && completions > 0 && jobName !== '') {
    const hostname = `${jobName}-${completions - 1}`;
    if (isDNS1123Label(hostname).length > 0) {
      report({ path: ['metadata', 'name'], message: fieldInvalid(jobName, `will not able to create pod with invalid DNS label: ${hostname}`) });
    }
  }
});
