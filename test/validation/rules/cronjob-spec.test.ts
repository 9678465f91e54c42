import rule from '../../../lib/validation/rules/cronjob-spec';
import { ruleTester } from '../rule-tester';
import { cronJob, template } from '../fixtures/objects-2b';

ruleTester(rule, {
  valid: [
    cronJob(),
    cronJob({ schedule: '@hourly' }),
    cronJob({ schedule: '0 0 * JAN-MAR mon-fri' }),
    cronJob({ schedule: '0,30 9-17/2 1 */2 ?' }),
    cronJob({ schedule: '@every 1h30m' }),
    cronJob({ timeZone: 'Europe/Paris', concurrencyPolicy: 'Forbid', startingDeadlineSeconds: 0 }),
    cronJob({ timeZone: 'Etc/UTC' }),
  ],
  invalid: [
    {
      name: 'maxFailedIndexes without backoffLimitPerIndex in a jobTemplate (kept and validated in 1.28)',
      object: cronJob({ jobTemplate: { spec: { maxFailedIndexes: -1, template: { metadata: { labels: { app: 'web' } }, spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox' }] } } } } }),
      errors: [
        { path: 'spec.jobTemplate.spec.maxFailedIndexes', message: 'Invalid value: -1: must be greater than or equal to 0' },
        { path: 'spec.jobTemplate.spec.backoffLimitPerIndex', message: 'Required value: when maxFailedIndexes is specified' },
      ],
    },
    { object: cronJob({ schedule: '' }), errors: [{ path: 'spec.schedule', message: 'Required value' }] },
    { object: cronJob({ schedule: '61 * * * *' }), errors: [{ path: 'spec.schedule', message: 'Invalid value: "61 * * * *": end of range (61) above maximum (59): 61' }] },
    { object: cronJob({ schedule: '* * * *' }), errors: [{ path: 'spec.schedule', message: 'Invalid value: "* * * *": expected exactly 5 fields, found 4: [* * * *]' }] },
    { object: cronJob({ schedule: '0 0 * * 7' }), errors: [{ path: 'spec.schedule', message: 'Invalid value: "0 0 * * 7": end of range (7) above maximum (6): 7' }] },
    { object: cronJob({ schedule: '@fortnightly' }), errors: [{ path: 'spec.schedule', message: 'Invalid value: "@fortnightly": unrecognized descriptor: @fortnightly' }] },
    {
      object: cronJob({ schedule: '*/x * * * *' }),
      errors: [{ path: 'spec.schedule', message: 'Invalid value: "*/x * * * *": failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax' }],
    },
    {
      name: 'TZ in the schedule',
      object: cronJob({ schedule: 'CRON_TZ=UTC * * * * *' }),
      errors: [{ path: 'spec.schedule', message: 'Invalid value: "CRON_TZ=UTC * * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead' }],
    },
    { object: cronJob({ timeZone: 'Europe/Pariss' }), errors: [{ path: 'spec.timeZone', message: 'Invalid value: "Europe/Pariss": unknown time zone Europe/Pariss' }] },
    { object: cronJob({ timeZone: '' }), errors: [{ path: 'spec.timeZone', message: 'Invalid value: "": timeZone must be nil or non-empty string' }] },
    {
      object: cronJob({ concurrencyPolicy: 'Never' }),
      errors: [{ path: 'spec.concurrencyPolicy', message: 'Unsupported value: "Never": supported values: "Allow", "Forbid", "Replace"' }],
    },
    {
      name: 'job template: restartPolicy, selector, manualSelector',
      object: cronJob({ jobTemplate: { spec: { selector: { matchLabels: { a: 'b' } }, manualSelector: true, template: template({}, { restartPolicy: 'Always' }) } } }),
      errors: [
        { path: 'spec.jobTemplate.spec.template.spec.restartPolicy', message: 'Required value: valid values: "OnFailure", "Never"' },
        { path: 'spec.jobTemplate.spec.selector', message: 'Invalid value: {"matchLabels":{"a":"b"}}: `selector` will be auto-generated' },
        { path: 'spec.jobTemplate.spec.manualSelector', message: 'Unsupported value: true: supported values: "nil", "false"' },
      ],
    },
    { object: cronJob({ startingDeadlineSeconds: -10 }), errors: [{ path: 'spec.startingDeadlineSeconds', message: 'Invalid value: -10: must be greater than or equal to 0' }] },
  ],
});
