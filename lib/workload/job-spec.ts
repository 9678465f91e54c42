import { k8s } from 'cdk8s-plus-28';
import { PodDefinition } from '../pod/pod-definition';

/** What a Job's pods do when a container fails. */
export type JobRestartPolicy =
  /** The kubelet restarts the failed container in the same pod. */
  | 'OnFailure'
  /** The pod fails and the Job controller starts a new pod (counted against backoffLimit). */
  | 'Never';

/** How a Job runs its pods: what Job and CronJob (in its job template) share. */
export interface JobOptions {
  /**
   * The pods' restart policy. A Job accepts only `OnFailure` or `Never` (the API server
   * refuses `Always`, the default of a bare pod).
   * @default 'Never'
   */
  readonly restartPolicy?: JobRestartPolicy;
  /** Retries before the Job is marked failed. @default 6 (the API default) */
  readonly backoffLimit?: number;
  /** Seconds the Job may run (from its start, retries included) before it is stopped and failed. @default - no limit */
  readonly activeDeadlineSeconds?: number;
  /** Seconds after the Job finishes before it (and its pods) are deleted. @default - kept until deleted */
  readonly ttlSecondsAfterFinished?: number;
  /** Pods that must succeed. @default 1 (the API default) */
  readonly completions?: number;
  /** Pods run at once. @default 1 (the API default) */
  readonly parallelism?: number;
  /**
   * Set when every classic sidecar (a container beside the main one, see
   * PodOptions.sidecarMode) exits on its own once the main container is done (it
   * watches a file the main container writes, for example). A Job's pod completes only
   * when all its containers have exited, so a classic sidecar that runs forever keeps the
   * Job from ever completing; without this, a classic sidecar is an error. Native
   * sidecars (Kubernetes 1.29+, or `sidecarFeatureGate`) are stopped by the kubelet.
   * @default false
   */
  readonly sidecarsExitOnTheirOwn?: boolean;
}

const RESTART_POLICIES: readonly JobRestartPolicy[] = ['OnFailure', 'Never'];

/**
 * Throws (through `fail`) on settings the API server refuses (validateJobSpec,
 * pkg/apis/batch/validation/validation.go v1.28: non-negative counts; the template's
 * restartPolicy OnFailure or Never).
 */
export function checkJobOptions(options: JobOptions, fail: (message: string) => Error): void {
  if (options.restartPolicy !== undefined && !RESTART_POLICIES.includes(options.restartPolicy)) {
    throw fail(`restartPolicy is '${String(options.restartPolicy)}', but a Job's pods accept only 'OnFailure' or 'Never'; use one of them`);
  }
  for (const key of ['backoffLimit', 'activeDeadlineSeconds', 'ttlSecondsAfterFinished', 'completions', 'parallelism'] as const) {
    const v = options[key];
    if (v !== undefined && (!Number.isInteger(v) || v < 0)) throw fail(`${key} is ${v}, but it must be an integer greater than or equal to 0; fix the value`);
  }
}

/** The Job spec without its template, in L1 shape. */
export function jobSpecFields(options: JobOptions): Omit<k8s.JobSpec, 'template'> {
  return {
    backoffLimit: options.backoffLimit,
    activeDeadlineSeconds: options.activeDeadlineSeconds,
    ttlSecondsAfterFinished: options.ttlSecondsAfterFinished,
    completions: options.completions,
    parallelism: options.parallelism,
  };
}

/** The synth-time problem of a Job's pod: a classic sidecar keeps the Job from completing. */
export function jobPodErrors(pod: PodDefinition, options: JobOptions): string[] {
  if (options.sidecarsExitOnTheirOwn) return [];
  return pod.containers.filter((c) => c.role === 'sidecar').map((c) => `sidecar '${c.name}' is a classic sidecar (a container beside the main one), which runs until it exits on its own, so the Job's pod would never complete; make it native (Kubernetes 1.29+, or sidecarFeatureGate: true on a 1.28 cluster with the SidecarContainers gate), or make it exit after the main container and set sidecarsExitOnTheirOwn: true.`);
}
