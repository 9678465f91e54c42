import { objectRule } from '../util/define-rule';
import { fieldInvalid, fieldRequired, isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isValidPathSegmentName } from '../util/k8s-names';
import { dig } from '../util/object-checks';

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

function nameErrors(kind: string, name: string, prefix: boolean): readonly string[] {
  if (PATH_SEGMENT.has(kind)) return isValidPathSegmentName(name, prefix);
  // NameIsDNS*(name, prefix=true) masks one trailing dash, so `web-` is a valid generateName.
  const value = prefix && name.endsWith('-') ? `${name.slice(0, -1)}a` : name;
  if (LABEL_1035.has(kind)) return isDNS1035Label(value);
  if (LABEL_1123.has(kind)) return isDNS1123Label(value);
  return isDNS1123Subdomain(value);
}

/** ValidateCronJobCreate: the controller appends an 11-character suffix to make Job names (63 - 11). */
const CRONJOB_NAME_MAX = 52;

export default objectRule({
  id: 'metadata-name',
  layer: 'api-server',
  severity: 'error',
  description: 'metadata.name (or generateName) must be present and a valid name for the kind.',
  fix: 'Set metadata.name to lower-case letters, digits and \'-\' (a DNS-1035 label for Services, a DNS-1123 label for Namespaces and StatefulSets, a DNS-1123 subdomain otherwise; RBAC objects only may not contain \'/\' or \'%\').',
  source: 'ValidateObjectMetaAccessor in staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go; name functions in pkg/apis/core/validation, pkg/apis/apps/validation and pkg/apis/rbac/validation (ValidateRBACName); ValidateCronJobCreate in pkg/apis/batch/validation (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/names/',
  customResources: true,
}, (ctx) => {
  const { object } = ctx.target;
  // Custom resources: always a DNS-1123 subdomain (apiextensions-apiserver customresource validator), whatever the kind's name.
  const kind = ctx.target.customResource ? '' : ctx.target.kind;
  const name = dig(object, ['metadata', 'name']);
  const generateName = dig(object, ['metadata', 'generateName']);
  const hasName = typeof name === 'string' && name !== '';
  const hasGenerate = typeof generateName === 'string' && generateName !== '';
  if (hasGenerate) {
    for (const msg of nameErrors(kind, generateName, true)) {
      ctx.report({ path: ['metadata', 'generateName'], message: fieldInvalid(generateName, msg) });
    }
  }
  if (!hasName) {
    if (!hasGenerate) ctx.report({ path: ['metadata', 'name'], message: fieldRequired('name or generateName is required') });
    return;
  }
  for (const msg of nameErrors(kind, name, false)) {
    ctx.report({ path: ['metadata', 'name'], message: fieldInvalid(name, msg) });
  }
  if (kind === 'CronJob' && Buffer.byteLength(name, 'utf8') > CRONJOB_NAME_MAX) {
    ctx.report({ path: ['metadata', 'name'], message: fieldInvalid(name, `must be no more than ${CRONJOB_NAME_MAX} characters`) });
  }
});
