import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { PodWorkload, PodWorkloadProps } from './pod-workload';
import { checkJobOptions, JobOptions, jobPodErrors, jobSpecFields } from '../workload/job-spec';

/** Props of a Job. */
export interface JobProps extends PodWorkloadProps, JobOptions {}

/**
 * A pod that runs to completion: a `batch/v1` Job of the pod seam, with the same
 * security levels, sidecars, init containers and volumes as every other pod-bearing
 * construct. `restricted` by default, `restartPolicy: Never`, the recommended labels on
 * the Job and its pods, the `small` resources preset for containers that set none
 * (`defaultResources`), and the `podwright.io/pod-security` annotation.
 *
 * @example
 * new Job(chart, 'migrate', {
 *   containers: [{ image: 'ghcr.io/acme/migrate:1.2.0', args: ['up'] }],
 *   backoffLimit: 2, activeDeadlineSeconds: 600, ttlSecondsAfterFinished: 3600,
 * });
 */
export class Job extends PodWorkload {
  /** The rendered Job (an L1 `KubeJob`). */
  readonly apiObject: ApiObject;
  readonly #options: JobOptions;

  constructor(scope: Construct, id: string, props: JobProps = {}) {
    checkJobOptions(props, (m) => new Error(`Job '${scope.node.path ? `${scope.node.path}/` : ''}${id}': ${m}.`));
    super(scope, id, { typeName: 'Job', restartPolicy: props.restartPolicy ?? 'Never', defaultResources: 'small' }, props);
    this.#options = props;
    this.apiObject = new k8s.KubeJob(this, 'Resource', {
      metadata: this.objectMetadata,
      spec: { ...jobSpecFields(props), template: this.podTemplate() },
    });
    this.node.defaultChild = this.apiObject;
    this.node.addValidation({ validate: () => jobPodErrors(this.pod, this.#options) });
  }
}
