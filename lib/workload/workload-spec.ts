import { k8s } from 'cdk8s-plus-28';
import { formatIntOrPercent, intOrPercentNumber, intOrPercentProblem, IntOrPercent, intOrString, isOver100Percent } from './int-or-percent';
import { VolumeClaimOptions } from './volume-claim';

/** The workload resource that runs the pods. */
export type WorkloadKind =
  /** Interchangeable replicas (the default). */
  | 'Deployment'
  /** Replicas with a stable identity (`<name>-0`, `<name>-1`, ...) and a claim each. */
  | 'StatefulSet';

/** How a Deployment replaces old pods with new ones. */
export type DeploymentStrategy =
  | {
    readonly type: 'RollingUpdate';
    /** Pods above `replicas` during a rollout (a percentage rounds up). @default '25%' (the API default) */
    readonly maxSurge?: IntOrPercent;
    /** Pods below `replicas` during a rollout (a percentage rounds down); at most 100%. @default '25%' (the API default) */
    readonly maxUnavailable?: IntOrPercent;
  }
  /** Stop every old pod before starting new ones (for apps that cannot run two versions at once). */
  | { readonly type: 'Recreate' };

/** The StatefulSet's update strategy. */
export type StatefulSetUpdateStrategy =
  /** Ordinals at or above `partition` are updated, highest first. */
  | { readonly type: 'RollingUpdate'; /** @default 0 (update every pod) */ readonly partition?: number }
  /** Pods are updated only when you delete them. */
  | { readonly type: 'OnDelete' };

/** Settings that only a StatefulSet has. */
export interface StatefulSetOptions {
  /**
   * The governing Service, which gives each pod its DNS name (`<pod>.<service>`).
   * @default - the headless Service this construct creates
   */
  readonly serviceName?: string;
  /** Create the headless Service (`clusterIP: None`) named by serviceName. @default true */
  readonly headlessService?: boolean;
  /**
   * Publish DNS records for pods that are not ready yet, so peers can find each other
   * while they bootstrap (a clustered database, for example).
   * @default true
   */
  readonly publishNotReadyAddresses?: boolean;
  /** Per-replica claims; more with addVolumeClaim(). @default [] */
  readonly volumeClaims?: readonly VolumeClaimOptions[];
  /** `OrderedReady` starts pod N+1 when pod N is ready; `Parallel` starts them all at once. @default 'OrderedReady' (the API default) */
  readonly podManagementPolicy?: 'OrderedReady' | 'Parallel';
  /** @default { type: 'RollingUpdate', partition: 0 } (the API default) */
  readonly updateStrategy?: StatefulSetUpdateStrategy;
}

/** The workload-level settings the checks below read (a subset of ReplicatedAppProps). */
export interface WorkloadSettings {
  readonly replicas?: number;
  readonly minReadySeconds?: number;
  readonly progressDeadlineSeconds?: number;
  readonly revisionHistoryLimit?: number;
  readonly strategy?: DeploymentStrategy;
  readonly statefulSet?: StatefulSetOptions;
}

/** Throws (through `fail`) on counts the API server refuses and on a rollout that could never progress. */
export function checkWorkloadCounts(kind: WorkloadKind, props: WorkloadSettings, fail: (message: string) => Error): void {
  const nonNegative = (field: string, v: number | undefined) => {
    if (v !== undefined && (!Number.isInteger(v) || v < 0)) throw fail(`${field} is ${v}, but it must be an integer greater than or equal to 0; fix the value`);
  };
  nonNegative('replicas', props.replicas);
  nonNegative('minReadySeconds', props.minReadySeconds);
  nonNegative('progressDeadlineSeconds', props.progressDeadlineSeconds);
  nonNegative('revisionHistoryLimit', props.revisionHistoryLimit);
  nonNegative('statefulSet.updateStrategy.partition', props.statefulSet?.updateStrategy?.type === 'RollingUpdate' ? props.statefulSet.updateStrategy.partition : undefined);
  const minReady = props.minReadySeconds ?? 0;
  if ((kind === 'Deployment') && (props.progressDeadlineSeconds ?? 600) <= minReady) {
    throw fail(`progressDeadlineSeconds (${props.progressDeadlineSeconds ?? '600, the default'}) must be greater than minReadySeconds (${minReady}); raise progressDeadlineSeconds or lower minReadySeconds`);
  }
  const s = props.strategy;
  if (s?.type === 'RollingUpdate') {
    for (const key of ['maxSurge', 'maxUnavailable'] as const) {
      const v = s[key];
      if (v === undefined) continue;
      const problem = intOrPercentProblem(v);
      if (problem) throw fail(`strategy.${key} is ${formatIntOrPercent(v)}, which ${problem}; use an integer or a percentage such as '25%'`);
    }
    const surge = s.maxSurge ?? '25%';
    const unavailable = s.maxUnavailable ?? '25%';
    if (intOrPercentNumber(surge) === 0 && intOrPercentNumber(unavailable) === 0) {
      throw fail('strategy.maxSurge and strategy.maxUnavailable are both 0, so a rollout could never replace a pod; allow at least one of them (e.g. maxSurge: 1)');
    }
    if (isOver100Percent(unavailable)) {
      throw fail(`strategy.maxUnavailable is ${formatIntOrPercent(unavailable)}, which must not be greater than 100%; use at most '100%'`);
    }
  }
}

/** Throws (through `fail`) on settings that belong to the other workload kind. */
export function checkKindSettings(kind: WorkloadKind, props: WorkloadSettings, fail: (message: string) => Error): void {
  if (kind === 'StatefulSet') {
    for (const key of ['strategy', 'progressDeadlineSeconds'] as const) {
      if (props[key] !== undefined) throw fail(`${key} applies to a Deployment only, but kind is 'StatefulSet'; remove it (a StatefulSet uses statefulSet.updateStrategy)`);
    }
  } else if (props.statefulSet !== undefined) {
    throw fail("statefulSet is set, but kind is 'Deployment'; set kind: 'StatefulSet', or remove statefulSet");
  }
}

/** A Deployment's strategy, rendered explicitly (RollingUpdate 25% / 25% unless told otherwise). */
export function deploymentStrategySpec(strategy: DeploymentStrategy | undefined): k8s.DeploymentStrategy {
  const s = strategy ?? { type: 'RollingUpdate' };
  return s.type === 'Recreate'
    ? { type: 'Recreate' }
    : {
      type: 'RollingUpdate',
      rollingUpdate: { maxSurge: intOrString(s.maxSurge ?? '25%'), maxUnavailable: intOrString(s.maxUnavailable ?? '25%') },
    };
}

/** A StatefulSet's update strategy (RollingUpdate unless told otherwise). */
export function statefulSetUpdateStrategySpec(update: StatefulSetUpdateStrategy | undefined): k8s.StatefulSetUpdateStrategy {
  const u = update ?? { type: 'RollingUpdate' };
  return u.type === 'OnDelete'
    ? { type: 'OnDelete' }
    : { type: 'RollingUpdate', rollingUpdate: u.partition !== undefined ? { partition: u.partition } : undefined };
}
