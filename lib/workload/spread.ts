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

/**
 * The pod-spec fields that spread the replicas selected by `selector`, per mode, merged
 * with the pod's own `affinity` (the anti-affinity term is added to its preferred terms).
 */
export function spreadScheduling(
  mode: SpreadMode, selector: Readonly<Record<string, string>>, affinity?: k8s.Affinity,
): Pick<k8s.PodSpec, 'topologySpreadConstraints' | 'affinity'> {
  const matchLabels = { ...selector };
  const anti = affinity?.podAntiAffinity;
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
        ...affinity,
        podAntiAffinity: {
          ...anti,
          preferredDuringSchedulingIgnoredDuringExecution: [...(anti?.preferredDuringSchedulingIgnoredDuringExecution ?? []), {
            weight: 100,
            podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels } },
          }],
        },
      }
      : affinity,
  };
}
