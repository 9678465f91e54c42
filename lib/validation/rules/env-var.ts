import { podRule } from '../util/define-rule';
import { containersOf } from '../util/containers';
import {
  fieldInvalid, fieldNotSupported, fieldRequired, isConfigMapKey, isDNS1123Subdomain, isEnvVarName, isQualifiedName,
} from '../util/k8s-names';
import { Path } from '../types';
import { asArray, asString, field, isObject } from '../util/values';
import { atLeast } from '../util/version';

/** validEnvDownwardAPIFieldPathExpressions (v1.28), sorted as the server lists them. */
const ENV_FIELD_PATHS = [
  'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName',
  'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs',
];
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

type Report = (path: Path, message: string) => void;

/** validateObjectFieldSelector with the env var field paths. */
function fieldRef(ref: unknown, at: Path, report: Report): void {
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
  if (!ENV_FIELD_PATHS.includes(internal)) report([...at, 'fieldPath'], fieldNotSupported(internal, ENV_FIELD_PATHS));
}

/** validateContainerResourceFieldSelector for env vars (no containerName needed). */
function resourceFieldRef(ref: unknown, at: Path, report: Report): void {
  if (!isObject(ref)) return;
  const resource = asString(field(ref, 'resource')) ?? '';
  if (resource === '') return report([...at, 'resource'], fieldRequired());
  if (!RESOURCE_FIELDS.includes(resource) && !RESOURCE_PREFIXES.some((p) => resource.startsWith(p))) {
    report([...at, 'resource'], fieldNotSupported(resource, RESOURCE_FIELDS));
  }
}

/** validateConfigMapKeySelector / validateSecretKeySelector. */
function keySelector(ref: unknown, at: Path, report: Report): void {
  if (!isObject(ref)) return;
  const name = asString(field(ref, 'name')) ?? '';
  for (const m of isDNS1123Subdomain(name)) report([...at, 'name'], fieldInvalid(name, m));
  const key = asString(field(ref, 'key')) ?? '';
  if (key === '') report([...at, 'key'], fieldRequired());
  else for (const m of isConfigMapKey(key)) report([...at, 'key'], fieldInvalid(key, m));
}

/**
 * Environment variables: a valid name (v1.28's strict rule), and a valueFrom with
 * exactly one source and no `value` beside it, whose fieldRef, resourceFieldRef,
 * configMapKeyRef or secretKeyRef is well formed. Follows ValidateEnv and
 * validateEnvVarValueFrom (v1.28).
 */
export default podRule({
  id: 'env-var',
  layer: 'api-server',
  severity: 'error',
  description: 'Environment variables need a valid name and at most one well-formed value source.',
  fix: 'Name variables with letters, digits, \'_\', \'-\' or \'.\' (not starting with a digit), and set either value or valueFrom with exactly one of fieldRef, resourceFieldRef, configMapKeyRef or secretKeyRef.',
  source: 'ValidateEnv and validateEnvVarValueFrom in pkg/apis/core/validation/validation.go (v1.28; relaxed names from v1.32, RelaxedEnvironmentVariableValidation on by default)',
  docsUrl: 'https://kubernetes.io/docs/tasks/inject-data-application/define-environment-variable-container/',
}, (ctx) => {
  const report: Report = (path, message) => ctx.report({ path, message });
  const relaxed = atLeast(ctx.settings.k8sVersion, '1.32');
  for (const c of containersOf(ctx.pod.spec)) {
    asArray(field(c.container, 'env')).forEach((ev, i) => {
      if (!isObject(ev)) return;
      const at = [...c.path, 'env', i];
      const name = asString(field(ev, 'name')) ?? '';
      if (name === '') report([...at, 'name'], fieldRequired());
      else for (const m of isEnvVarName(name, relaxed)) report([...at, 'name'], fieldInvalid(name, m));
      const from = field(ev, 'valueFrom');
      if (!isObject(from)) return;
      const fromPath = [...at, 'valueFrom'];
      let sources = 0;
      if (isObject(field(from, 'fieldRef'))) { sources++; fieldRef(field(from, 'fieldRef'), [...fromPath, 'fieldRef'], report); }
      if (isObject(field(from, 'resourceFieldRef'))) { sources++; resourceFieldRef(field(from, 'resourceFieldRef'), [...fromPath, 'resourceFieldRef'], report); }
      if (isObject(field(from, 'configMapKeyRef'))) { sources++; keySelector(field(from, 'configMapKeyRef'), [...fromPath, 'configMapKeyRef'], report); }
      if (isObject(field(from, 'secretKeyRef'))) { sources++; keySelector(field(from, 'secretKeyRef'), [...fromPath, 'secretKeyRef'], report); }
      const value = field(ev, 'value');
      if (sources === 0) {
        report(fromPath, fieldInvalid('', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
      } else if (typeof value === 'string' && value !== '') {
        report(fromPath, fieldInvalid('', 'may not be specified when `value` is not empty'));
      } else if (sources > 1) {
        report(fromPath, fieldInvalid('', 'may not have more than one field specified at a time'));
      }
    });
  }
});
