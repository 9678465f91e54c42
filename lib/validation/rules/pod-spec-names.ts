import { podRule } from '../util/define-rule';
import { fieldInvalid, isDNS1123Label, isDNS1123Subdomain } from '../util/k8s-names';
import { Path } from '../types';
import { field } from '../util/values';

const CHECKS: readonly (readonly [string, (v: string) => readonly string[]])[] = [
  ['hostname', isDNS1123Label],
  ['subdomain', isDNS1123Label],
  ['serviceAccountName', isDNS1123Subdomain],
  ['nodeName', isDNS1123Subdomain],
  ['priorityClassName', isDNS1123Subdomain],
  ['runtimeClassName', isDNS1123Subdomain],
];

/**
 * Names inside the pod spec: hostname and subdomain are DNS-1123 labels;
 * serviceAccountName, nodeName, priorityClassName and runtimeClassName are
 * DNS-1123 subdomains. Follows ValidatePodSpec and ValidateRuntimeClassName
 * (v1.28); runtimeClassName is a pointer there, so an empty one is checked too. imagePullSecrets names are not checked by the
 * 1.28 server (validateImagePullSecrets only forbids fields other than name).
 */
export default podRule({
  id: 'pod-spec-names',
  layer: 'api-server',
  severity: 'error',
  description: 'hostname and subdomain must be DNS-1123 labels; serviceAccountName, nodeName, priorityClassName and runtimeClassName DNS-1123 subdomains.',
  fix: 'Use lowercase letters, digits and \'-\' (and \'.\' for subdomains), starting and ending with a letter or digit.',
  source: 'ValidatePodSpec and ValidateRuntimeClassName in pkg/apis/core/validation/validation.go (v1.28)',
}, (ctx) => {
  for (const [key, check] of CHECKS) {
    // The deprecated serviceAccount is copied into an unset serviceAccountName before validation.
    const v = key === 'serviceAccountName' ? field(ctx.pod.spec, key) || field(ctx.pod.spec, 'serviceAccount') : field(ctx.pod.spec, key);
    if (typeof v !== 'string' || (v === '' && key !== 'runtimeClassName')) continue;
    const path: Path = [key];
    for (const m of check(v)) ctx.report({ path, message: fieldInvalid(v, m) });
  }
});
