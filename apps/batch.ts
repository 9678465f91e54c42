/**
 * Batch examples: a nightly report as a CronJob at the restricted level, with a sidecar
 * that streams the report's log file to the pod's output (where the cluster's log
 * collection picks it up) and exits when the report is done.
 */
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { CronJob } from '../lib';

/**
 * `nightly-report`: runs at 02:30 Berlin time, never two runs at once, a run may start
 * up to 10 minutes late, retried twice, stopped after an hour, and cleaned up a day
 * after it finishes. On Kubernetes 1.28 sidecars are classic containers, and a Job's pod
 * completes only when every container has exited: the sidecar watches for the `done`
 * file the report writes and exits after it (`sidecarsExitOnTheirOwn`).
 */
export class NightlyReportChart extends Chart {
  readonly cron: CronJob;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const logDir = '/var/log/report';
    this.cron = new CronJob(this, 'nightly-report', {
      metadata: { name: 'nightly-report' },
      schedule: '30 2 * * *',
      timeZone: 'Europe/Berlin',
      startingDeadlineSeconds: 600,
      backoffLimit: 2,
      activeDeadlineSeconds: 3600,
      ttlSecondsAfterFinished: 86400,
      sidecarsExitOnTheirOwn: true,
      containers: [{
        name: 'report',
        image: 'busybox:1.36',
        command: ['sh', '-c', `date > ${logDir}/report.log && echo "report written" >> ${logDir}/report.log && touch ${logDir}/done`],
        resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '500m', memory: '64Mi' } },
      }],
    });
    this.cron.addLogShipper({
      name: 'log-stream',
      image: 'busybox:1.36',
      logDir,
      command: ['sh', '-c', `until [ -f ${logDir}/done ]; do sleep 2; done; cat ${logDir}/report.log`],
      resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '50m', memory: '16Mi' } },
    });
  }
}

/** Adds the batch examples to an app. */
export function addBatchExamples(app: App): void {
  new NightlyReportChart(app, 'batch-nightly-report');
}
