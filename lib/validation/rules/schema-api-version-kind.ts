import { objectRule } from '../util/define-rule';
import { field } from '../util/values';
import { atLeast } from '../util/version';
import { rootDefinition, servedVersionsOf } from '../schema/validator';

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

/**
 * Every object needs a string `apiVersion` and `kind`; kubectl refuses the
 * document otherwise ("error validating data: [apiVersion not set, kind not
 * set]"). An apiVersion the target version no longer serves is refused with
 * `no matches for kind "CronJob" in version "batch/v1beta1"`.
 */
export default objectRule({
  id: 'schema-api-version-kind',
  layer: 'schema',
  severity: 'error',
  description: 'Each object must set apiVersion and kind to a version the target Kubernetes serves.',
  fix: 'Set apiVersion and kind (for example apiVersion: apps/v1 and kind: Deployment).',
  source: 'kubectl validation (apiVersion not set, kind not set) and the REST mapper (no matches for kind); removals per the Kubernetes deprecation guide',
  docsUrl: 'https://kubernetes.io/docs/reference/using-api/deprecation-guide/',
}, (ctx) => {
  const obj = ctx.target.object;
  for (const name of ['apiVersion', 'kind'] as const) {
    const v = field(obj, name);
    if (v === undefined || v === null || v === '') {
      ctx.report({ path: [name], message: `${name} not set` });
    } else if (typeof v !== 'string') {
      const kind = Array.isArray(v) ? 'array' : typeof v === 'boolean' ? 'bool' : typeof v;
      ctx.report({ path: [name], message: `cannot unmarshal ${kind} into Go struct field .${name} of type string` });
    }
  }
  const { apiVersion, kind } = ctx.target;
  if (apiVersion === '' || kind === '') return;
  const version = ctx.settings.k8sVersion;
  const removed = own(REMOVED, apiVersion) && own(REMOVED[apiVersion]!, kind) ? REMOVED[apiVersion]![kind]! : undefined;
  if (removed && atLeast(version, removed.removedIn)) {
    const fix = removed.note
      ?? `Use apiVersion "${removed.replacement}": ${apiVersion} ${kind} was removed in Kubernetes ${removed.removedIn}; check the fields that changed between the versions.`;
    ctx.report({ path: ['apiVersion'], message: `no matches for kind "${kind}" in version "${apiVersion}"`, fix });
    return;
  }
  // An alpha or beta version the target no longer (or not yet) serves, while another version of the group does.
  if (!apiVersion.includes('/') || rootDefinition(apiVersion, kind, version) !== undefined) return;
  const group = apiVersion.slice(0, apiVersion.lastIndexOf('/'));
  const served = servedVersionsOf(group, kind, version);
  if (served.length === 0) return;
  const best = served.find((v) => /\/v\d+$/.test(v)) ?? served[served.length - 1]!;
  ctx.report({
    path: ['apiVersion'],
    message: `no matches for kind "${kind}" in version "${apiVersion}"`,
    fix: `Use apiVersion "${best}": Kubernetes ${version} serves ${kind} as ${served.join(', ')}, not as ${apiVersion}.`,
  });
});
