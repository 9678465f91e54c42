/**
 * The downward API selectors shared by env vars and downwardAPI volume files:
 * validateObjectFieldSelector, validateContainerResourceFieldSelector and
 * validateContainerResourceDivisor in pkg/apis/core/validation/validation.go (v1.28).
 */
import { Path } from '../types';
import { fieldInvalid, fieldNotSupported, fieldRequired, isQualifiedName } from './k8s-names';
import { asString, field, isObject } from './values';

export type SelectorReport = (path: Path, message: string) => void;

/** Paths ConvertDownwardAPIFieldLabel accepts (pkg/apis/core/pods/helpers.go, v1.28). */
const CONVERTIBLE = new Set([
  'metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName',
  'spec.restartPolicy', 'spec.serviceAccountName', 'spec.schedulerName', 'status.phase', 'status.hostIP',
  'status.hostIPs', 'status.podIP', 'status.podIPs', 'spec.host',
]);
/** validContainerResourceFieldPathExpressions and the hugepages prefixes (v1.28). */
const RESOURCE_FIELDS = ['limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory'];
const RESOURCE_PREFIXES = ['limits.hugepages-', 'requests.hugepages-'];
const SUBSCRIPTED = /^(.+)\['(.*)'\]$/;
const BINARY_AND_DECIMAL = ['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei'];

/** validateObjectFieldSelector: `expressions` are the paths this place allows (env vars and volumes differ). */
export function objectFieldSelector(ref: unknown, at: Path, expressions: readonly string[], report: SelectorReport): void {
  if (!isObject(ref)) return;
  // apiVersion defaults to v1 (SetDefaults_ObjectFieldSelector), so only a wrong one is an error.
  const apiVersion = field(ref, 'apiVersion');
  const fieldPath = asString(field(ref, 'fieldPath')) ?? '';
  if (fieldPath === '') return report([...at, 'fieldPath'], fieldRequired());
  if (apiVersion !== undefined && apiVersion !== '' && apiVersion !== 'v1') {
    return report([...at, 'fieldPath'], fieldInvalid(fieldPath, `error converting fieldPath: unsupported pod version: ${String(apiVersion)}`));
  }
  const sub = SUBSCRIPTED.exec(fieldPath);
  if (sub) {
    const [, base, key] = sub as unknown as [string, string, string];
    if (base === 'metadata.annotations') {
      for (const m of isQualifiedName(key.toLowerCase())) report(at, fieldInvalid(key.toLowerCase(), m));
    } else if (base === 'metadata.labels') {
      for (const m of isQualifiedName(key)) report(at, fieldInvalid(key, m));
    } else {
      report([...at, 'fieldPath'], fieldInvalid(fieldPath, `error converting fieldPath: field label does not support subscript: ${fieldPath}`));
    }
    return;
  }
  if (!CONVERTIBLE.has(fieldPath)) {
    return report([...at, 'fieldPath'], fieldInvalid(fieldPath, `error converting fieldPath: field label not supported: ${fieldPath}`));
  }
  const internal = fieldPath === 'spec.host' ? 'spec.nodeName' : fieldPath;
  if (!expressions.includes(internal)) report([...at, 'fieldPath'], fieldNotSupported(internal, expressions));
}

/** validateContainerResourceFieldSelector (a volume file must name its container) and validateContainerResourceDivisor. */
export function resourceFieldSelector(ref: unknown, at: Path, volume: boolean, report: SelectorReport): void {
  if (!isObject(ref)) return;
  const resource = asString(field(ref, 'resource')) ?? '';
  // One of these, in this order (an else-if chain upstream): a volume file's missing
  // container, a missing resource, an unknown one.
  if (volume && (asString(field(ref, 'containerName')) ?? '') === '') report([...at, 'containerName'], fieldRequired());
  else if (resource === '') report([...at, 'resource'], fieldRequired());
  else if (!RESOURCE_FIELDS.includes(resource) && !RESOURCE_PREFIXES.some((p) => resource.startsWith(p))) {
    report([...at, 'resource'], fieldNotSupported(resource, RESOURCE_FIELDS));
  }
  // validateContainerResourceDivisor runs whatever came before. The divisor is compared in
  // its canonical form; podwright compares the text as written (a divisor of 0 is "unset").
  const raw = field(ref, 'divisor');
  if (raw === undefined || raw === null || raw === 0 || raw === '0') return;
  const divisor = String(raw);
  const [allowed, what] = resource === 'limits.cpu' || resource === 'requests.cpu' ? [['1m', '1'], 'cpu']
    : resource === 'limits.memory' || resource === 'requests.memory' ? [BINARY_AND_DECIMAL, 'memory']
      : resource === 'limits.ephemeral-storage' || resource === 'requests.ephemeral-storage' ? [BINARY_AND_DECIMAL, 'local ephemeral storage']
        : RESOURCE_PREFIXES.some((p) => resource.startsWith(p)) ? [BINARY_AND_DECIMAL, 'hugepages'] : [undefined, ''];
  if (allowed && !allowed.includes(divisor)) {
    const list = allowed.length === 2 ? '1m and 1' : allowed.join(', ');
    report([...at, 'divisor'], fieldInvalid(resource, `only divisor's values ${list} are supported with the ${what} resource`));
  }
}
