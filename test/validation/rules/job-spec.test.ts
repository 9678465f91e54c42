import rule from '../../../lib/validation/rules/job-spec';
import { ruleTester } from '../rule-tester';
import { job, template } from '../fixtures/objects-2b';

ruleTester(rule, {
  valid: [
    job(),
    job({ parallelism: 2, completions: 4, backoffLimit: 0, completionMode: 'Indexed' }),
    job({ manualSelector: true, selector: { matchLabels: { app: 'web' } }, template: template({ app: 'web' }, { restartPolicy: 'OnFailure' }) }),
    { name: 'a selector on job-name is what the server generates anyway', object: job({ selector: { matchLabels: { 'job-name': 'pi' } } }) },
  ],
  invalid: [
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
      errors: [
        { path: 'spec.template.labels', message: /^Invalid value: "process-item-\$ITEM": a valid label must be an empty string/ },
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
      name: 'Indexed without completions',
      object: job({ completionMode: 'Indexed' }),
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
