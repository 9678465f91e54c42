/**
 * The names the API server accepts for an object of each kind (ValidateObjectMeta's name
 * validator per kind, and the CronJob's own limit), shared by metadata-name, which reports
 * them, and controller-created-objects, which says nothing of a workload the server refuses
 * by its name (its controller then creates nothing).
 */
import { isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isValidPathSegmentName } from './k8s-names';

/**
 * The name validator each kind passes to ValidateObjectMeta (v1.28):
 * Service uses NameIsDNS1035Label (ValidateServiceName), Namespace NameIsDNSLabel
 * (ValidateNamespaceName), StatefulSet NameIsDNSLabel (ValidateStatefulSetName,
 * pkg/apis/apps/validation), the four RBAC kinds path.IsValidPathSegmentName
 * (ValidateRBACName, pkg/apis/rbac/validation), every other built-in kind
 * NameIsDNSSubdomain. Labelled by a v1.28.15 API server: `Upper_Case` is a valid
 * Role name and an invalid ServiceAccount, PersistentVolume, StorageClass, Lease,
 * webhook configuration, FlowSchema ... name (test/validation/rules/metadata-name.test.ts).
 */
const LABEL_1035 = new Set(['Service']);
const LABEL_1123 = new Set(['Namespace', 'StatefulSet']);
const PATH_SEGMENT = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);

/** The messages of the kind's name validator for `name` (`prefix`: it is a generateName). */
export function nameErrors(kind: string, name: string, prefix: boolean): readonly string[] {
  if (PATH_SEGMENT.has(kind)) return isValidPathSegmentName(name, prefix);
  // NameIsDNS*(name, prefix=true) masks one trailing dash, so `web-` is a valid generateName.
  const value = prefix && name.endsWith('-') ? `${name.slice(0, -1)}a` : name;
  if (LABEL_1035.has(kind)) return isDNS1035Label(value);
  if (LABEL_1123.has(kind)) return isDNS1123Label(value);
  return isDNS1123Subdomain(value);
}

/** ValidateCronJobCreate: the controller appends an 11-character suffix to make Job names (63 - 11). */
export const CRONJOB_NAME_MAX = 52;

/** True when the API server accepts `name` as the name of a built-in object of `kind`. */
export function isValidObjectName(kind: string, name: string): boolean {
  return nameErrors(kind, name, false).length === 0 && !(kind === 'CronJob' && Buffer.byteLength(name, 'utf8') > CRONJOB_NAME_MAX);
}
