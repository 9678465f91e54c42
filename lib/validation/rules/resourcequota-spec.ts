import { objectRule } from '../util/define-rule';
import { fieldInvalid, isQualifiedName } from '../util/k8s-names';
import { mapKey } from '../util/path';
import { parseQuantity, quantityText } from '../util/pod-validation';
import { asArray, asObject, field } from '../util/values';

/** standardQuotaResources (pkg/apis/core/helper/helpers.go, v1.28), plus the hugepages prefixes. */
const QUOTA = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.storage', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods', 'resourcequotas', 'services', 'replicationcontrollers',
  'secrets', 'persistentvolumeclaims', 'configmaps', 'services.nodeports', 'services.loadbalancers',
]);
/** standardResources: the quota names plus `storage`. */
const STANDARD = new Set([...QUOTA, 'storage']);
/** standardIntegerResources: counted objects, whole numbers only. */
const INTEGER = new Set(['pods', 'resourcequotas', 'services', 'replicationcontrollers', 'secrets', 'configmaps', 'persistentvolumeclaims', 'services.nodeports', 'services.loadbalancers']);
const isHugePages = (n: string) => n.startsWith('hugepages-') || n.startsWith('requests.hugepages-');
/** IsExtendedResourceName: a domain-qualified name outside kubernetes.io, not itself `requests.`-prefixed. */
const isExtended = (n: string) => n.includes('/') && !n.includes('kubernetes.io/') && !n.startsWith('requests.') && isQualifiedName(`requests.${n}`).length === 0;
const SCOPES = ['Terminating', 'NotTerminating', 'BestEffort', 'NotBestEffort', 'PriorityClass', 'CrossNamespacePodAffinity'];
const CONFLICTS: readonly [string, string][] = [['Terminating', 'NotTerminating'], ['BestEffort', 'NotBestEffort']];
/** The only resources a BestEffort quota can track (pods count; validateResourceQuotaScopes). */
const BEST_EFFORT_RESOURCES = new Set(['pods', 'count/pods']);

const scopeList = (scopes: readonly unknown[]) => `[]core.ResourceQuotaScope{${scopes.map((s) => JSON.stringify(String(s))).join(', ')}}`;

/**
 * A ResourceQuota's hard limits name standard quota resources or fully qualified ones,
 * with values not below zero (whole numbers for object counts and extended resources);
 * its scopes are known, do not conflict, and BestEffort tracks pods only. Labelled by a
 * v1.28.15 API server; integer errors print the value as written (the server prints a
 * Go struct).
 */
export default objectRule({
  id: 'resourcequota-spec',
  layer: 'api-server',
  severity: 'error',
  description: 'ResourceQuota hard limits use quota resource names with non-negative values; scopes are known and do not conflict.',
  fix: 'Use quota names such as requests.cpu, limits.memory, pods or count/deployments.apps with values of 0 or more (whole numbers for counts), and scopes that do not contradict each other.',
  source: 'ValidateResourceQuota, ValidateResourceQuotaSpec, validateResourceQuotaResourceName, ValidateResourceQuantityValue and validateResourceQuotaScopes in pkg/apis/core/validation/validation.go; helpers in pkg/apis/core/helper/helpers.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/concepts/policy/resource-quotas/',
  kinds: ['ResourceQuota'],
}, (ctx) => {
  const spec = asObject(field(ctx.target.object, 'spec'));
  if (!spec) return;
  const hard = asObject(field(spec, 'hard')) ?? {};
  for (const [name, value] of Object.entries(hard)) {
    const at = ['spec', 'hard', mapKey(name)];
    const nameErrs = isQualifiedName(name);
    for (const msg of nameErrs) ctx.report({ path: at, message: fieldInvalid(name, msg) });
    if (!name.includes('/')) {
      if (nameErrs.length === 0 && !STANDARD.has(name) && !isHugePages(name)) ctx.report({ path: at, message: fieldInvalid(name, 'must be a standard resource type or fully qualified') });
      if (!QUOTA.has(name) && !isHugePages(name)) ctx.report({ path: at, message: fieldInvalid(name, 'must be a standard resource for quota') });
    }
    const q = parseQuantity(value);
    if (q === undefined) continue;
    if (q < 0) ctx.report({ path: at, message: fieldInvalid(quantityText(value), 'must be greater than or equal to 0') });
    else if ((INTEGER.has(name) || isExtended(name)) && !Number.isInteger(q)) ctx.report({ path: at, message: fieldInvalid(quantityText(value), 'must be an integer') });
  }
  const scopes = asArray(field(spec, 'scopes'));
  if (scopes.length === 0) return;
  if (scopes.some((s) => typeof s !== 'string' || !SCOPES.includes(s))) {
    ctx.report({ path: ['spec', 'scopes'], message: `Invalid value: ${scopeList(scopes)}: unsupported scope` });
    return;
  }
  if (scopes.includes('BestEffort') && Object.keys(hard).some((k) => !BEST_EFFORT_RESOURCES.has(k))) {
    ctx.report({ path: ['spec', 'scopes'], message: `Invalid value: ${scopeList(scopes)}: unsupported scope applied to resource` });
  }
  if (CONFLICTS.some(([a, b]) => scopes.includes(a) && scopes.includes(b))) {
    ctx.report({ path: ['spec', 'scopes'], message: `Invalid value: ${scopeList(scopes)}: conflicting scopes` });
  }
});
