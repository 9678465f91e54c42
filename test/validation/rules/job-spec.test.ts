import rule from '../../../lib/validation/rules/job-spec';
import { ruleTester } from '../rule-tester';
import { job, template } from '../fixtures/objects-2b';

ruleTester(rule, {
  valid: [
    { name: 'a Job\'s maxFailedIndexes is dropped in 1.28 (alpha gate off)', object: job({ maxFailedIndexes: 1 }) },
    { name: 'Indexed with neither completions nor parallelism: both default to 1', object: job({ completionMode: 'Indexed' }) },
    job(),
    job({ parallelism: 2, completions: 4, backoffLimit: 0, completionMode: 'Indexed' }),
    job({ manualSelector: true, selector: { matchLabels: { app: 'web' } }, template: template({ app: 'web' }, { restartPolicy: 'OnFailure' }) }),
    { name: 'a selector on job-name is what the server generates anyway', object: job({ selector: { matchLabels: { 'job-name': 'pi' } } }) },
    {
      name: 'pod failure policy',
      object: job({ podFailurePolicy: { rules: [
        { action: 'FailJob', onExitCodes: { containerName: 'app', operator: 'In', values: [1, 2, 42] } },
        { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] },
        { action: 'Count', onExitCodes: { operator: 'NotIn', values: [0] } },
      ] } }),
    },
    {
      name: 'FailIndex rules are dropped in 1.28 (JobBackoffLimitPerIndex is alpha)',
      object: job({ completionMode: 'Indexed', completions: 3, podFailurePolicy: { rules: [{ action: 'FailIndex', onExitCodes: { operator: 'In', values: [] } }] } }),
    },
    { name: 'activeDeadlineSeconds and ttlSecondsAfterFinished may be 0', object: job({ activeDeadlineSeconds: 0, ttlSecondsAfterFinished: 0 }) },
  ],
  invalid: [
    {
      name: 'pod failure policy rules (indexes count after the dropped FailIndex rule)',
      object: job({ podFailurePolicy: { rules: [
        { action: 'FailIndex', onExitCodes: { operator: 'In', values: [1] } },
        { action: 'Restart', onExitCodes: { containerName: 'sidecar', operator: 'Equals', values: [3, 0, 3] } },
        { onPodConditions: [{ type: 'Ready', status: 'Maybe' }], onExitCodes: { operator: 'In', values: [] } },
        { action: 'Ignore' },
      ] } }),
      errors: [
        { path: 'spec.podFailurePolicy.rules[0].action', message: 'Unsupported value: "Restart": supported values: "Count", "FailIndex", "FailJob", "Ignore"' },
        { path: 'spec.podFailurePolicy.rules[0].onExitCodes.operator', message: 'Unsupported value: "Equals": supported values: "In", "NotIn"' },
        { path: 'spec.podFailurePolicy.rules[0].onExitCodes.containerName', message: 'Invalid value: "sidecar": must be one of the container or initContainer names in the pod template' },
        { path: 'spec.podFailurePolicy.rules[0].onExitCodes.values[2]', message: 'Duplicate value: 3' },
        { path: 'spec.podFailurePolicy.rules[0].onExitCodes.values', message: 'Invalid value: []int32{3, 0, 3}: must be ordered' },
        { path: 'spec.podFailurePolicy.rules[1].action', message: 'Required value: valid values: ["Count" "FailIndex" "FailJob" "Ignore"]' },
        { path: 'spec.podFailurePolicy.rules[1].onExitCodes.values', message: 'Invalid value: []int32{}: at least one value is required' },
        { path: 'spec.podFailurePolicy.rules[1].onPodConditions[0].status', message: 'Unsupported value: "Maybe": supported values: "False", "True", "Unknown"' },
        { path: 'spec.podFailurePolicy.rules[1]', message: 'Invalid value: specifying both OnExitCodes and OnPodConditions is not supported' },
        { path: 'spec.podFailurePolicy.rules[2]', message: 'Invalid value: specifying one of OnExitCodes and OnPodConditions is required' },
      ],
    },
    {
      name: 'In may not list exit code 0',
      object: job({ podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [0, 1] } }] } }),
      errors: [{ path: 'spec.podFailurePolicy.rules[0].onExitCodes.values[0]', message: 'Invalid value: 0: must not be 0 for the In operator' }],
    },
    {
      name: 'from 1.29 a FailIndex rule needs backoffLimitPerIndex',
      object: job({ podFailurePolicy: { rules: [{ action: 'FailIndex', onExitCodes: { operator: 'In', values: [1] } }] } }),
      config: { k8sVersion: '1.29' },
      errors: [{ path: 'spec.podFailurePolicy.rules[0].action', message: 'Invalid value: "FailIndex": requires the backoffLimitPerIndex to be set' }],
    },
    {
      name: 'restartPolicy unset (defaulted to Always)',
      object: job({ template: template({}) }),
      errors: [{ path: 'spec.template.spec.restartPolicy', message: 'Required value: valid values: "OnFailure", "Never"' }],
    },
    {
      name: 'restartPolicy other',
      object: job({ template: template({}, { restartPolicy: 'Sometimes' }) }),
      errors: [{ path: 'spec.template.spec.restartPolicy', message: 'Unsupported value: "Sometimes": supported values: "OnFailure", "Never"' }],
    },
    {
      name: 'selector without manualSelector',
      object: job({ selector: { matchLabels: { app: 'web' } }, template: template({ app: 'web' }, { restartPolicy: 'Never' }) }),
      errors: [{ path: 'spec.selector', message: 'Invalid value: {"matchLabels":{"app":"web"}}: `selector` not auto-generated' }],
    },
    {
      name: 'manualSelector without a selector',
      object: job({ manualSelector: true }),
      errors: [{ path: 'spec.selector', message: 'Required value' }],
    },
    {
      name: 'manual selector not matching the template',
      object: job({ manualSelector: true, selector: { matchLabels: { app: 'api' } }, template: template({ app: 'web' }, { restartPolicy: 'Never' }) }),
      errors: [{ path: 'spec.template.metadata.labels', message: 'Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`' }],
    },
    {
      name: 'a name that is no label value (job-tmpl.yaml)',
      object: job({}, { name: 'process-item-$ITEM' }),
      // job-name and batch.kubernetes.io/job-name both carry the name: the rule reports each,
      // and the engine keeps one, as the server's message does (ErrorList.ToAggregate drops
      // repeated errors; the real server's answer lists this one once).
      errors: [
        { path: 'spec.template.labels', message: /^Invalid value: "process-item-\$ITEM": a valid label must be an empty string/ },
      ],
    },
    {
      name: 'negative counts and unknown completionMode',
      object: job({ parallelism: -1, backoffLimit: -1, completionMode: 'Ordered' }),
      errors: [
        { path: 'spec.parallelism', message: 'Invalid value: -1: must be greater than or equal to 0' },
        { path: 'spec.backoffLimit', message: 'Invalid value: -1: must be greater than or equal to 0' },
        { path: 'spec.completionMode', message: 'Unsupported value: "Ordered": supported values: "NonIndexed", "Indexed"' },
      ],
    },
    {
      name: 'Indexed without completions (parallelism set, so completions is not defaulted)',
      object: job({ completionMode: 'Indexed', parallelism: 2 }),
      errors: [{ path: 'spec.completions', message: 'Required value: when completion mode is Indexed' }],
    },
    {
      name: 'Indexed pod hostname too long',
      object: job({ completionMode: 'Indexed', completions: 10 }, { name: 'j'.repeat(62) }),
      errors: [{ path: 'metadata.name', message: `Invalid value: "${'j'.repeat(62)}": will not able to create pod with invalid DNS label: ${'j'.repeat(62)}-9` }],
    },
    {
      name: 'podFailurePolicy needs Never',
      object: job({ podFailurePolicy: { rules: [] }, template: template({}, { restartPolicy: 'OnFailure' }) }),
      errors: [{ path: 'spec.template.spec.restartPolicy', message: 'Invalid value: "OnFailure": only "Never" is supported when podFailurePolicy is specified' }],
    },
  ],
});
