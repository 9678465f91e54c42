import { Chart, Testing } from 'cdk8s';
import { CronJob, CronJobProps } from '../../lib';
import { constructErrors } from '../../lib/synth/podwright-app';
import { validate } from '../../lib/validation/engine';

type Obj = Record<string, any>;
const IMAGE = 'ghcr.io/acme/report:3.1.0';

function make(props: Partial<CronJobProps> = {}): { chart: Chart; cron: CronJob } {
  const chart = Testing.chart();
  return { chart, cron: new CronJob(chart, 'report', { schedule: '30 2 * * *', containers: [{ image: IMAGE }], ...props }) };
}
const cronOf = (chart: Chart): Obj => Testing.synth(chart).find((o: Obj) => o.kind === 'CronJob')!;
const errors = (chart: Chart) => validate(Testing.synth(chart).map((object: unknown) => ({ object }))).findings.filter((f) => f.severity === 'error');

describe('CronJob', () => {
  test('defaults: restricted pod, restartPolicy Never, concurrencyPolicy Forbid, labels on the CronJob, job template and pods', () => {
    const { chart } = make();
    expect(Testing.synth(chart)).toMatchSnapshot();
    const cron = cronOf(chart);
    expect(cron.apiVersion).toBe('batch/v1');
    expect(cron.metadata.annotations).toEqual({ 'podwright.io/pod-security': 'restricted' });
    expect(cron.spec).toMatchObject({ schedule: '30 2 * * *', concurrencyPolicy: 'Forbid' });
    expect(cron.spec.jobTemplate.metadata.labels).toEqual(cron.metadata.labels);
    expect(cron.spec.jobTemplate.spec.template.metadata.labels).toEqual(cron.metadata.labels);
    expect(cron.spec.jobTemplate.spec.template.spec.restartPolicy).toBe('Never');
    expect(errors(chart)).toEqual([]);
  });

  test('every setting renders where the API expects it', () => {
    const { chart } = make({
      schedule: '@hourly', timeZone: 'Europe/Berlin', concurrencyPolicy: 'Replace', startingDeadlineSeconds: 120,
      successfulJobsHistoryLimit: 5, failedJobsHistoryLimit: 2, suspend: true,
      restartPolicy: 'OnFailure', backoffLimit: 1, activeDeadlineSeconds: 300, ttlSecondsAfterFinished: 60, completions: 1, parallelism: 1,
    });
    const spec = cronOf(chart).spec;
    expect(spec).toMatchObject({
      schedule: '@hourly', timeZone: 'Europe/Berlin', concurrencyPolicy: 'Replace', startingDeadlineSeconds: 120,
      successfulJobsHistoryLimit: 5, failedJobsHistoryLimit: 2, suspend: true,
    });
    expect(spec.jobTemplate.spec).toMatchObject({ backoffLimit: 1, activeDeadlineSeconds: 300, ttlSecondsAfterFinished: 60, completions: 1, parallelism: 1 });
    expect(spec.jobTemplate.spec.template.spec.restartPolicy).toBe('OnFailure');
    expect(errors(chart)).toEqual([]);
  });

  test.each<[string, Partial<CronJobProps>, string]>([
    ['an empty schedule', { schedule: '' }, "CronJob 'test/report': schedule is \"\"; give a cron schedule such as '30 2 * * *' or '@daily'."],
    ['six fields', { schedule: '0 30 2 * * *' }, "CronJob 'test/report': schedule '0 30 2 * * *' is not a valid cron schedule (expected exactly 5 fields, found 6: [0 30 2 * * *]); use five fields (minute hour day-of-month month day-of-week) such as '30 2 * * *', or a macro such as '@daily'."],
    ['an hour out of range', { schedule: '0 24 * * *' }, 'end of range (24) above maximum (23): 24'],
    ['an unknown macro', { schedule: '@fortnightly' }, 'unrecognized descriptor: @fortnightly'],
    ['a time zone in the schedule', { schedule: 'CRON_TZ=UTC 0 2 * * *' }, "schedule 'CRON_TZ=UTC 0 2 * * *' names a time zone (TZ= or CRON_TZ=), which the API server refuses; put the zone in timeZone."],
    ['an unknown time zone', { timeZone: 'Mars/Olympus' }, "CronJob 'test/report': timeZone 'Mars/Olympus' is not valid (unknown time zone Mars/Olympus); use an IANA time zone name such as 'Europe/Berlin'."],
    ['Local as time zone', { timeZone: 'Local' }, 'timeZone must be an explicit time zone'],
    ['an unknown concurrencyPolicy', { concurrencyPolicy: 'Queue' as never }, "concurrencyPolicy is 'Queue'; use one of 'Allow', 'Forbid', 'Replace'."],
    ['a negative history limit', { failedJobsHistoryLimit: -1 }, 'failedJobsHistoryLimit is -1, but it must be an integer greater than or equal to 0; fix the value.'],
    ['restartPolicy Always', { restartPolicy: 'Always' as never }, "restartPolicy is 'Always', but a Job's pods accept only 'OnFailure' or 'Never'"],
  ])('refuses %s at once', (_name, props, message) => {
    expect(() => make(props)).toThrow(message);
  });

  test('the schedules the construct accepts are the ones the engine\'s cronjob-spec rule accepts', () => {
    for (const schedule of ['*/5 * * * *', '0 0 1 jan,jul *', '15 3 * * mon-fri', '@daily', '@every 1h30m']) {
      const { chart } = make({ schedule });
      expect(errors(chart).filter((f) => f.ruleId === 'cronjob-spec')).toEqual([]);
    }
  });

  test('a restricted pod with a log-shipping sidecar', () => {
    const { chart, cron } = make({ sidecarsExitOnTheirOwn: true });
    cron.addLogShipper({ name: 'shipper', image: 'fluent/fluent-bit:3.1', logDir: '/var/log/report' });
    const pod = cronOf(chart).spec.jobTemplate.spec.template.spec;
    expect(pod.containers.map((c: Obj) => c.name)).toEqual(['main', 'shipper']);
    expect(pod.containers[1].securityContext).toMatchObject({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expect(constructErrors(chart)).toEqual([]);
    expect(errors(chart)).toEqual([]);
  });
});

test('the example app\'s nightly report: restricted, a sidecar, no construct or engine error', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { NightlyReportChart } = require('../../apps/batch') as typeof import('../../apps/batch');
  const chart = new NightlyReportChart(Testing.app(), 'batch-nightly-report');
  expect(constructErrors(chart)).toEqual([]);
  expect(errors(chart)).toEqual([]);
  const pod = cronOf(chart).spec.jobTemplate.spec.template.spec;
  expect(pod.containers.map((c: Obj) => c.name)).toEqual(['report', 'log-stream']);
  expect(cronOf(chart).metadata.annotations['podwright.io/pod-security']).toBe('restricted');
});
