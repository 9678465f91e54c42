/**
 * Built-in API versions the target minor does not serve, with what serves the kind
 * instead: the deprecation guide's removals, and alpha or beta versions found from the
 * generated schemas. Plain data and one lookup, shared by the schema-api-version-kind
 * rule (which reports them) and the engine (which then does not call the object
 * "not checked").
 */
import { rootDefinition, servedVersionsOf } from './schema/validator';
import { atLeast } from './util/version';

interface Removed {
  readonly removedIn: string;
  /** The apiVersion that serves the kind instead, or undefined when the kind is gone. */
  readonly replacement?: string;
  readonly note?: string;
}

/**
 * Built-in API versions no longer served, by `apiVersion` then kind.
 * Source: https://kubernetes.io/docs/reference/using-api/deprecation-guide/
 * (the removals of v1.16, v1.22, v1.25, v1.26, v1.27, v1.29 and v1.32). Alpha and beta
 * versions dropped without a guide entry are found from the schemas: a kind that the
 * target minor serves in the same group at another version only.
 */
const REMOVED: Readonly<Record<string, Readonly<Record<string, Removed>>>> = {
  'admissionregistration.k8s.io/v1beta1': {
    MutatingWebhookConfiguration: { removedIn: '1.22', replacement: 'admissionregistration.k8s.io/v1' },
    ValidatingWebhookConfiguration: { removedIn: '1.22', replacement: 'admissionregistration.k8s.io/v1' },
  },
  'apiextensions.k8s.io/v1beta1': {
    CustomResourceDefinition: { removedIn: '1.22', replacement: 'apiextensions.k8s.io/v1' },
  },
  'apiregistration.k8s.io/v1beta1': {
    APIService: { removedIn: '1.22', replacement: 'apiregistration.k8s.io/v1' },
  },
  'authentication.k8s.io/v1beta1': {
    TokenReview: { removedIn: '1.22', replacement: 'authentication.k8s.io/v1' },
  },
  'authorization.k8s.io/v1beta1': {
    LocalSubjectAccessReview: { removedIn: '1.22', replacement: 'authorization.k8s.io/v1' },
    SelfSubjectAccessReview: { removedIn: '1.22', replacement: 'authorization.k8s.io/v1' },
    SubjectAccessReview: { removedIn: '1.22', replacement: 'authorization.k8s.io/v1' },
  },
  'certificates.k8s.io/v1beta1': {
    CertificateSigningRequest: { removedIn: '1.22', replacement: 'certificates.k8s.io/v1' },
  },
  'coordination.k8s.io/v1beta1': {
    Lease: { removedIn: '1.22', replacement: 'coordination.k8s.io/v1' },
  },
  'rbac.authorization.k8s.io/v1beta1': {
    ClusterRole: { removedIn: '1.22', replacement: 'rbac.authorization.k8s.io/v1' },
    ClusterRoleBinding: { removedIn: '1.22', replacement: 'rbac.authorization.k8s.io/v1' },
    Role: { removedIn: '1.22', replacement: 'rbac.authorization.k8s.io/v1' },
    RoleBinding: { removedIn: '1.22', replacement: 'rbac.authorization.k8s.io/v1' },
  },
  'scheduling.k8s.io/v1beta1': {
    PriorityClass: { removedIn: '1.22', replacement: 'scheduling.k8s.io/v1' },
  },
  'storage.k8s.io/v1beta1': {
    CSIDriver: { removedIn: '1.22', replacement: 'storage.k8s.io/v1' },
    CSINode: { removedIn: '1.22', replacement: 'storage.k8s.io/v1' },
    StorageClass: { removedIn: '1.22', replacement: 'storage.k8s.io/v1' },
    VolumeAttachment: { removedIn: '1.22', replacement: 'storage.k8s.io/v1' },
    CSIStorageCapacity: { removedIn: '1.27', replacement: 'storage.k8s.io/v1' },
  },
  'discovery.k8s.io/v1beta1': {
    EndpointSlice: { removedIn: '1.25', replacement: 'discovery.k8s.io/v1' },
  },
  'events.k8s.io/v1beta1': {
    Event: { removedIn: '1.25', replacement: 'events.k8s.io/v1' },
  },
  'node.k8s.io/v1beta1': {
    RuntimeClass: { removedIn: '1.25', replacement: 'node.k8s.io/v1' },
  },
  'flowcontrol.apiserver.k8s.io/v1beta1': {
    FlowSchema: { removedIn: '1.26', replacement: 'flowcontrol.apiserver.k8s.io/v1' },
    PriorityLevelConfiguration: { removedIn: '1.26', replacement: 'flowcontrol.apiserver.k8s.io/v1' },
  },
  'flowcontrol.apiserver.k8s.io/v1beta2': {
    FlowSchema: { removedIn: '1.29', replacement: 'flowcontrol.apiserver.k8s.io/v1' },
    PriorityLevelConfiguration: { removedIn: '1.29', replacement: 'flowcontrol.apiserver.k8s.io/v1' },
  },
  'flowcontrol.apiserver.k8s.io/v1beta3': {
    FlowSchema: { removedIn: '1.32', replacement: 'flowcontrol.apiserver.k8s.io/v1' },
    PriorityLevelConfiguration: { removedIn: '1.32', replacement: 'flowcontrol.apiserver.k8s.io/v1' },
  },
  'extensions/v1beta1': {
    DaemonSet: { removedIn: '1.16', replacement: 'apps/v1' },
    Deployment: { removedIn: '1.16', replacement: 'apps/v1' },
    ReplicaSet: { removedIn: '1.16', replacement: 'apps/v1' },
    NetworkPolicy: { removedIn: '1.16', replacement: 'networking.k8s.io/v1' },
    PodSecurityPolicy: { removedIn: '1.16', note: 'PodSecurityPolicy was removed in Kubernetes 1.25; use Pod Security Admission (namespace labels pod-security.kubernetes.io/enforce) instead.' },
    Ingress: { removedIn: '1.22', replacement: 'networking.k8s.io/v1' },
  },
  'apps/v1beta1': {
    Deployment: { removedIn: '1.16', replacement: 'apps/v1' },
    StatefulSet: { removedIn: '1.16', replacement: 'apps/v1' },
  },
  'apps/v1beta2': {
    DaemonSet: { removedIn: '1.16', replacement: 'apps/v1' },
    Deployment: { removedIn: '1.16', replacement: 'apps/v1' },
    ReplicaSet: { removedIn: '1.16', replacement: 'apps/v1' },
    StatefulSet: { removedIn: '1.16', replacement: 'apps/v1' },
  },
  'networking.k8s.io/v1beta1': {
    Ingress: { removedIn: '1.22', replacement: 'networking.k8s.io/v1' },
    IngressClass: { removedIn: '1.22', replacement: 'networking.k8s.io/v1' },
  },
  'batch/v1beta1': {
    CronJob: { removedIn: '1.25', replacement: 'batch/v1' },
  },
  'policy/v1beta1': {
    PodDisruptionBudget: { removedIn: '1.25', replacement: 'policy/v1' },
    PodSecurityPolicy: { removedIn: '1.25', note: 'PodSecurityPolicy was removed in Kubernetes 1.25 with no replacement kind; use Pod Security Admission (namespace labels pod-security.kubernetes.io/enforce) instead.' },
  },
  'autoscaling/v2beta1': {
    HorizontalPodAutoscaler: { removedIn: '1.25', replacement: 'autoscaling/v2' },
  },
  'autoscaling/v2beta2': {
    HorizontalPodAutoscaler: { removedIn: '1.26', replacement: 'autoscaling/v2' },
  },
};

const own = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** Why the target minor does not serve this built-in apiVersion and kind: the fix to print. */
export interface NotServed {
  readonly fix: string;
}

/**
 * Returns how to fix an apiVersion the target minor does not serve for a built-in kind,
 * or undefined when it serves it (or the kind is not built in).
 */
export function notServed(apiVersion: string, kind: string, version: string): NotServed | undefined {
  if (apiVersion === '' || kind === '') return undefined;
  const removed = own(REMOVED, apiVersion) && own(REMOVED[apiVersion]!, kind) ? REMOVED[apiVersion]![kind]! : undefined;
  if (removed && atLeast(version, removed.removedIn)) {
    return {
      fix: removed.note
        ?? `Use apiVersion "${removed.replacement}": ${apiVersion} ${kind} was removed in Kubernetes ${removed.removedIn}; check the fields that changed between the versions.`,
    };
  }
  // An alpha or beta version the target no longer (or not yet) serves, while another version of the group does.
  if (!apiVersion.includes('/') || rootDefinition(apiVersion, kind, version) !== undefined) return undefined;
  const group = apiVersion.slice(0, apiVersion.lastIndexOf('/'));
  const served = servedVersionsOf(group, kind, version);
  if (served.length === 0) return undefined;
  const best = served.find((v) => /\/v\d+$/.test(v)) ?? served[served.length - 1]!;
  return { fix: `Use apiVersion "${best}": Kubernetes ${version} serves ${kind} as ${served.join(', ')}, not as ${apiVersion}.` };
}
