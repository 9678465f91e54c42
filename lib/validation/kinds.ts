/**
 * The built-in kinds podwright checks, by `apiVersion` and `kind` as served by
 * Kubernetes 1.28 (https://kubernetes.io/docs/reference/using-api/deprecation-guide/).
 * Objects of any other apiVersion/kind are reported as "not checked" unless a CRD
 * schema is supplied.
 */
export const CHECKED_KINDS: Readonly<Record<string, readonly string[]>> = {
  'v1': ['ConfigMap', 'Namespace', 'PersistentVolumeClaim', 'Pod', 'PodTemplate', 'ReplicationController', 'Secret', 'Service', 'ServiceAccount'],
  'apps/v1': ['DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet'],
  'batch/v1': ['CronJob', 'Job'],
  'policy/v1': ['PodDisruptionBudget'],
  'autoscaling/v1': ['HorizontalPodAutoscaler'],
  'autoscaling/v2': ['HorizontalPodAutoscaler'],
  'networking.k8s.io/v1': ['Ingress', 'NetworkPolicy'],
};

/** True when podwright has a schema and rules for this apiVersion and kind. */
export function isCheckedKind(apiVersion: string, kind: string): boolean {
  return CHECKED_KINDS[apiVersion]?.includes(kind) ?? false;
}
