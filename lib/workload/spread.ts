import { k8s } from 'cdk8s-plus-28';

/** How replicas are kept apart so that one node or zone going down does not take them all. */
export type SpreadMode =
  /**
   * topologySpreadConstraints on `topology.kubernetes.io/zone` and
   * `kubernetes.io/hostname`, maxSkew 1, `ScheduleAnyway` (a preference: pods still
   * schedule when the cluster has one zone or few nodes).
   */
  | 'topology'
  /** A preferred pod anti-affinity on `kubernetes.io/hostname` (weight 100). */
  | 'antiAffinity'
  /** No spreading: the scheduler may put every replica on one node. */
  | 'none';

/** The pod-spec fields that spread the replicas selected by `selector`, per mode. */
export function spreadScheduling(mode: SpreadMode, selector: Readonly<Record<string, string>>): Pick<k8s.PodSpec, 'topologySpreadConstraints' | 'affinity'> {
  const matchLabels = { ...selector };
  return {
    topologySpreadConstraints: mode === 'topology'
      ? ['topology.kubernetes.io/zone', 'kubernetes.io/hostname'].map((topologyKey) => ({
        maxSkew: 1,
        topologyKey,
        whenUnsatisfiable: 'ScheduleAnyway',
        labelSelector: { matchLabels },
      }))
      : undefined,
    affinity: mode === 'antiAffinity'
      ? {
        podAntiAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [{
            weight: 100,
            podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels } },
          }],
        },
      }
      : undefined,
  };
}
