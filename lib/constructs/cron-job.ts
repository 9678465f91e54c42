import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { PodWorkload, PodWorkloadProps } from './pod-workload';
import { cronError, timeZoneErrors } from '../validation/rules/cronjob-spec';
import { checkJobOptions, JobOptions, jobPodErrors, jobSpecFields } from '../workload/job-spec';

/** What to do when a run is due while the previous one still runs. */
export type ConcurrencyPolicy =
  /** Run them side by side. */
  | 'Allow'
  /** Skip the new run. */
  | 'Forbid'
  /** Stop the running one and start the new one. */
  | 'Replace';

/** Props of a CronJob. */
export interface CronJobProps extends PodWorkloadProps, JobOptions {
  /**
   * When to run, in cron syntax: five fields (minute hour day-of-month month
   * day-of-week, e.g. `'30 2 * * *'`) or a macro (`@hourly`, `@daily`, ...). Checked at
   * once with the parser the API server uses; put a time zone in `timeZone`, not in the schedule.
   */
  readonly schedule: string;
  /** An IANA time zone name for the schedule, e.g. `'Europe/Berlin'`. @default - the time zone of the kube-controller-manager */
  readonly timeZone?: string;
  /** @default 'Forbid' (runs never overlap; the API default is 'Allow') */
  readonly concurrencyPolicy?: ConcurrencyPolicy;
  /** Seconds after a missed start time within which the run may still start. @default - no deadline */
  readonly startingDeadlineSeconds?: number;
  /** Finished successful Jobs kept. @default 3 (the API default) */
  readonly successfulJobsHistoryLimit?: number;
  /** Finished failed Jobs kept. @default 1 (the API default) */
  readonly failedJobsHistoryLimit?: number;
  /** Stop scheduling runs (running Jobs go on). @default false */
  readonly suspend?: boolean;
}

const CONCURRENCY: readonly ConcurrencyPolicy[] = ['Allow', 'Forbid', 'Replace'];

/**
 * A pod run on a schedule: a `batch/v1` CronJob of the pod seam, with the same
 * security levels, sidecars, init containers and volumes as every other pod-bearing
 * construct. The schedule and time zone are checked at once (the API server's cron
 * parser, robfig/cron, ported in the `cronjob-spec` rule); runs do not overlap unless
 * `concurrencyPolicy` says so. Containers that set no resources get the `small` preset
 * (`defaultResources`).
 *
 * @example
 * new CronJob(chart, 'report', {
 *   schedule: '30 2 * * *', timeZone: 'Europe/Berlin',
 *   containers: [{ image: 'ghcr.io/acme/report:3.1.0' }],
 * });
 */
export class CronJob extends PodWorkload {
  /** The rendered CronJob (an L1 `KubeCronJob`). */
  readonly apiObject: ApiObject;
  readonly #options: JobOptions;

  constructor(scope: Construct, id: string, props: CronJobProps) {
    const where = `CronJob '${scope.node.path ? `${scope.node.path}/` : ''}${id}'`;
    const fail = (m: string) => new Error(`${where}: ${m}.`);
    checkJobOptions(props, fail);
    checkCronJobOptions(props, fail);
    super(scope, id, { typeName: 'CronJob', restartPolicy: props.restartPolicy ?? 'Never', defaultResources: 'small' }, props);
    this.#options = props;
    this.apiObject = new k8s.KubeCronJob(this, 'Resource', {
      metadata: this.objectMetadata,
      spec: {
        schedule: props.schedule,
        timeZone: props.timeZone,
        concurrencyPolicy: props.concurrencyPolicy ?? 'Forbid',
        startingDeadlineSeconds: props.startingDeadlineSeconds,
        successfulJobsHistoryLimit: props.successfulJobsHistoryLimit,
        failedJobsHistoryLimit: props.failedJobsHistoryLimit,
        suspend: props.suspend,
        jobTemplate: {
          metadata: { labels: { ...this.labels } },
          spec: { ...jobSpecFields(props), template: this.podTemplate() },
        },
      },
    });
    this.node.defaultChild = this.apiObject;
    this.node.addValidation({ validate: () => jobPodErrors(this.pod, this.#options) });
  }
}

/** Throws (through `fail`) on a schedule, time zone or count the API server refuses (validateCronJobSpec, v1.28). */
function checkCronJobOptions(props: CronJobProps, fail: (message: string) => Error): void {
  if (typeof props.schedule !== 'string' || props.schedule.trim() === '') {
    throw fail(`schedule is ${JSON.stringify(props.schedule)}; give a cron schedule such as '30 2 * * *' or '@daily'`);
  }
  if (props.schedule.includes('TZ')) {
    throw fail(`schedule '${props.schedule}' names a time zone (TZ= or CRON_TZ=), which the API server refuses; put the zone in timeZone`);
  }
  const err = cronError(props.schedule);
  if (err) throw fail(`schedule '${props.schedule}' is not a valid cron schedule (${err}); use five fields (minute hour day-of-month month day-of-week) such as '30 2 * * *', or a macro such as '@daily'`);
  if (props.timeZone !== undefined) {
    const [tzErr] = timeZoneErrors(props.timeZone);
    if (tzErr) throw fail(`timeZone '${props.timeZone}' is not valid (${tzErr}); use an IANA time zone name such as 'Europe/Berlin'`);
  }
  if (props.concurrencyPolicy !== undefined && !CONCURRENCY.includes(props.concurrencyPolicy)) {
    throw fail(`concurrencyPolicy is '${String(props.concurrencyPolicy)}'; use one of ${CONCURRENCY.map((c) => `'${c}'`).join(', ')}`);
  }
  for (const key of ['startingDeadlineSeconds', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit'] as const) {
    const v = props[key];
    if (v !== undefined && (!Number.isInteger(v) || v < 0)) throw fail(`${key} is ${v}, but it must be an integer greater than or equal to 0; fix the value`);
  }
}
