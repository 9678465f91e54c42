import { podRule } from '../util/define-rule';
import { objectFieldSelector, resourceFieldSelector, SelectorReport } from '../util/field-selectors';
import { containersOf } from '../util/containers';
import {
  fieldInvalid, fieldRequired, isConfigMapKey, isDNS1123Subdomain, isEnvVarName,
} from '../util/k8s-names';
import { Path } from '../types';
import { asArray, asString, field, isObject } from '../util/values';
import { atLeast } from '../util/version';

/** validEnvDownwardAPIFieldPathExpressions (v1.28), sorted as the server lists them. */
const ENV_FIELD_PATHS = [
  'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName',
  'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs',
];

/** validateConfigMapKeySelector / validateSecretKeySelector. */
function keySelector(ref: unknown, at: Path, report: SelectorReport): void {
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
  const report: SelectorReport = (path, message) => ctx.report({ path, message });
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
      if (isObject(field(from, 'fieldRef'))) { sources++; objectFieldSelector(field(from, 'fieldRef'), [...fromPath, 'fieldRef'], ENV_FIELD_PATHS, report); }
      if (isObject(field(from, 'resourceFieldRef'))) { sources++; resourceFieldSelector(field(from, 'resourceFieldRef'), [...fromPath, 'resourceFieldRef'], false, report); }
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
