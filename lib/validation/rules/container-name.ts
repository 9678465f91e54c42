import { podRule } from '../util/define-rule';
import { containersOf } from '../util/containers';
import { fieldDuplicate, fieldInvalid, fieldRequired, isDNS1123Label } from '../util/k8s-names';
import { asArray, field } from '../util/values';

/**
 * Container names: a pod needs at least one container; every container needs a
 * DNS-1123 label name, unique across containers, initContainers and
 * ephemeralContainers. Follows validateContainers, validateInitContainers,
 * validateEphemeralContainers and validateContainerCommon (v1.28).
 */
export default podRule({
  id: 'container-name',
  layer: 'api-server',
  severity: 'error',
  description: 'A pod needs containers, and each container a DNS-1123 label name unique across all container lists.',
  fix: 'Give every container a unique lowercase name of letters, digits and \'-\' (at most 63 characters).',
  source: 'validateContainers, validateInitContainers, validateEphemeralContainers and validateContainerCommon in pkg/apis/core/validation/validation.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#dns-label-names',
}, (ctx) => {
  const spec = ctx.pod.spec;
  if (asArray(field(spec, 'containers')).length === 0) {
    ctx.report({ path: ['containers'], message: fieldRequired() });
  }
  // Names seen so far: regular containers first (validateContainers), then init
  // containers check against regular + earlier init, ephemeral against all.
  const seen = new Set<string>();
  const regularNames = new Set(containersOf(spec, ['containers']).map((c) => c.name));
  for (const c of containersOf(spec)) {
    const namePath = [...c.path, 'name'];
    const raw = field(c.container, 'name');
    if (c.name === '') {
      if (raw === undefined || raw === '' || raw === null) ctx.report({ path: namePath, message: fieldRequired() });
    } else {
      for (const msg of isDNS1123Label(c.name)) ctx.report({ path: namePath, message: fieldInvalid(c.name, msg) });
    }
    if (c.kind === 'containers') {
      if (seen.has(c.name)) ctx.report({ path: namePath, message: fieldDuplicate(c.name) });
      seen.add(c.name);
    } else if (c.kind === 'initContainers') {
      // validateInitContainers starts from the regular names and adds non-empty init names.
      if (seen.has(c.name) || regularNames.has(c.name)) ctx.report({ path: namePath, message: fieldDuplicate(c.name) });
      else if (c.name !== '') seen.add(c.name);
    } else {
      if (seen.has(c.name)) ctx.report({ path: namePath, message: fieldDuplicate(c.name) });
      else seen.add(c.name);
    }
  }
});
