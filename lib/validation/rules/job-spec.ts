import { objectRule } from '../util/define-rule';
import { fieldInvalid, fieldRequired, isDNS1123Label, isValidLabelValue } from '../util/k8s-names';
import { checkLabelSelector, dig, isInt, selectorMatches, stringEntries } from '../util/object-checks';
import { asObject, field } from '../util/values';
import { checkJobSpecCommon, goStringMap } from '../util/workload-checks';

/**
 * The labels the Job strategy adds to the template when the selector is generated
 * (batch/v1 generateSelector, v1.28): the legacy and the prefixed job-name and
 * controller-uid labels. The uid is unknown before creation.
 */
const JOB_NAME_LABELS = ['job-name', 'batch.kubernetes.io/job-name'];
const UID_LABELS = ['controller-uid', 'batch.kubernetes.io/controller-uid'];
const UNKNOWN_UID = '\u0000uid-assigned-by-the-server';

export default objectRule({
  id: 'job-spec',
  layer: 'api-server',
  severity: 'error',
  description: 'A Job spec must pass the API server: restartPolicy OnFailure or Never, selector rules, completionMode, non-negative counts.',
  fix: 'Set the template\'s restartPolicy to OnFailure or Never, and leave spec.selector unset unless manualSelector is true.',
  source: 'ValidateJob, ValidateJobSpec, validateJobSpec, validateGeneratedSelector in pkg/apis/batch/validation/validation.go (v1.28)',
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

  // ValidateJob: an Indexed Job's last pod hostname `<name>-<completions-1>` must be a DNS label.
  const completions = field(spec, 'completions');
  if (field(spec, 'completionMode') === 'Indexed' && isInt(completions) && completions > 0 && jobName !== '') {
    const hostname = `${jobName}-${completions - 1}`;
    if (isDNS1123Label(hostname).length > 0) {
      report({ path: ['metadata', 'name'], message: fieldInvalid(jobName, `will not able to create pod with invalid DNS label: ${hostname}`) });
    }
  }
});
