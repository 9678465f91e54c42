/**
 * The built-in kinds podwright checks: every kind the target minor's OpenAPI document
 * defines, read from that minor's generated schema (lib/validation/schema/k8s-1.NN.json,
 * whose `roots` list one definition per apiVersion and kind). Objects of any other
 * apiVersion/kind are reported as "not checked" unless a CRD schema is supplied.
 */
import { rootDefinition, schemaFile } from './schema/validator';
import { DEFAULT_K8S_VERSION } from './util/version';

/** True when podwright has a schema and rules for this apiVersion and kind at the target minor. */
export function isCheckedKind(apiVersion: string, kind: string, version: string = DEFAULT_K8S_VERSION): boolean {
  return apiVersion !== '' && kind !== '' && rootDefinition(apiVersion, kind, version) !== undefined;
}

/** Every checked kind of a minor, by apiVersion. */
export function checkedKinds(version: string = DEFAULT_K8S_VERSION): Readonly<Record<string, readonly string[]>> {
  const out: Record<string, string[]> = {};
  for (const [apiVersion, kinds] of Object.entries(schemaFile(version).roots)) out[apiVersion] = Object.keys(kinds).sort();
  return out;
}

/**
 * The cluster-scoped built-in kinds of Kubernetes 1.28 to 1.33 (every other built-in kind
 * is namespaced), as `kubectl api-resources --namespaced=false` lists them; the scope of
 * each comes from the kind's REST storage (`NamespaceScoped()` of its strategy in
 * pkg/registry/<group>/<resource>/strategy.go).
 */
const CLUSTER_SCOPED: ReadonlySet<string> = new Set([
  'APIService', 'CertificateSigningRequest', 'ClusterCIDR', 'ClusterRole', 'ClusterRoleBinding',
  'ClusterTrustBundle', 'ComponentStatus', 'CSIDriver', 'CSINode', 'CustomResourceDefinition',
  'DeviceClass', 'DeviceTaintRule', 'FlowSchema', 'IngressClass', 'IPAddress',
  'MutatingAdmissionPolicy', 'MutatingAdmissionPolicyBinding', 'MutatingWebhookConfiguration',
  'Namespace', 'Node', 'PersistentVolume', 'PriorityClass', 'PriorityLevelConfiguration',
  'ResourceClass', 'ResourceSlice', 'RuntimeClass', 'SelfSubjectAccessReview', 'SelfSubjectReview',
  'SelfSubjectRulesReview', 'ServiceCIDR', 'StorageClass', 'StorageVersion', 'StorageVersionMigration',
  'SubjectAccessReview', 'TokenReview', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding',
  'ValidatingWebhookConfiguration', 'VolumeAttachment', 'VolumeAttributesClass',
]);

/** True when a built-in kind is cluster-scoped (has no namespace). Kind names are unique across built-in groups. */
export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED.has(kind);
}
