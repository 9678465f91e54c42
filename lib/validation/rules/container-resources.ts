import { Path } from '../types';
import { podRule } from '../util/define-rule';
import { containersOf } from '../util/containers';
import { fieldForbidden, fieldInvalid, fieldRequired, isQualifiedName } from '../util/k8s-names';
import { parseQuantity, quantityText, REFUSED_PODS } from '../util/pod-validation';
import { asObject, field, ownString } from '../util/values';
import { mapKey } from '../util/path';

const STANDARD = ['cpu', 'memory', 'ephemeral-storage'];
const isHugePages = (n: string) => n.startsWith('hugepages-');
/** helper.IsNativeResource: no domain, or a kubernetes.io domain. */
const isNative = (n: string) => !n.includes('/') || n.includes('kubernetes.io/');
/** helper.IsOvercommitAllowed: native and not hugepages; others need requests == limits. */
const overcommit = (n: string) => isNative(n) && !isHugePages(n);

/** validateContainerResourceName, remembered: a few names (cpu, memory) recur in every container. */
function nameErrors(name: string): readonly string[] {
  let errs = nameAnswers.get(name);
  if (errs === undefined) {
    errs = Object.freeze(resourceNameErrors(name));
    if (nameAnswers.size >= 1024) nameAnswers.clear();
    nameAnswers.set(ownString(name), errs); // a copy: a cut of a document's text would keep the text alive
  }
  return errs;
}

const nameAnswers = new Map<string, readonly string[]>();

/** validateContainerResourceName (with validateResourceName). */
function resourceNameErrors(name: string): string[] {
  const errs = isQualifiedName(name).map((m) => fieldInvalid(name, m));
  if (!name.includes('/')) {
    if (!STANDARD.includes(name) && !isHugePages(name)) errs.push(fieldInvalid(name, 'must be a standard resource for containers'));
  } else if (!isNative(name) && isQualifiedName(`requests.${name}`).length > 0) {
    errs.push(fieldInvalid(name, "doesn't follow extended resource name standard"));
  }
  return errs;
}

/**
 * Container resources: known resource names, non-negative quantities, requests
 * no greater than limits, and requests equal to limits (with a limit) for
 * extended resources and hugepages, which cannot be overcommitted; hugepages need
 * cpu or memory too. Follows ValidateResourceRequirements (v1.28). The server
 * prints quantities in canonical form (`1000m` as `1`); here they are printed as
 * written.
 */
export default podRule({
  id: 'container-resources',
  layer: 'api-server',
  severity: 'error',
  description: 'Container requests may not exceed limits, quantities may not be negative, and resource names must be known.',
  fix: 'Keep each request at or below its limit (equal for extended resources and hugepages) and use resource names such as cpu, memory, ephemeral-storage, hugepages-2Mi or example.com/gpu.',
  source: 'ValidateResourceRequirements and validateOverhead in pkg/apis/core/validation/validation.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
}, (ctx) => {
  for (const c of containersOf(ctx.pod.spec, ['containers', 'initContainers'])) {
    const resources = asObject(field(c.container, 'resources'));
    if (!resources) continue;
    const at = [...c.path, 'resources'];
    const limits = asObject(field(resources, 'limits')) ?? {};
    const requests = asObject(field(resources, 'requests')) ?? {};
    let cpuOrMemory = false;
    let hugePages = false;
    for (const [list, values] of [['limits', limits], ['requests', requests]] as const) {
      for (const [name, raw] of Object.entries(values)) {
        const p = [...at, list, mapKey(name)];
        for (const m of nameErrors(name)) ctx.report({ path: p, message: m });
        const q = parseQuantity(raw);
        if (q !== undefined && q < 0) ctx.report({ path: p, message: fieldInvalid(quantityText(raw), 'must be greater than or equal to 0') });
        if (q !== undefined && !isNative(name) && !Number.isInteger(q)) ctx.report({ path: p, message: fieldInvalid(quantityText(raw), 'must be an integer') });
        if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
        if (isHugePages(name)) hugePages = true;
      }
    }
    for (const [name, raw] of Object.entries(requests)) {
      const q = parseQuantity(raw);
      if (!Object.prototype.hasOwnProperty.call(limits, name)) {
        if (!overcommit(name)) ctx.report({ path: [...at, 'limits'], message: fieldRequired('Limit must be set for non overcommitable resources') });
        continue;
      }
      const limitRaw = limits[name];
      const l = parseQuantity(limitRaw);
      if (q === undefined || l === undefined) continue;
      if (q !== l && !overcommit(name)) {
        ctx.report({ path: [...at, 'requests'], message: fieldInvalid(quantityText(raw), `must be equal to ${name} limit of ${quantityText(limitRaw)}`) });
      } else if (q > l) {
        ctx.report({ path: [...at, 'requests'], message: fieldInvalid(quantityText(raw), `must be less than or equal to ${name} limit of ${quantityText(limitRaw)}`) });
      }
    }
    if (hugePages && !cpuOrMemory) ctx.report({ path: at, message: fieldForbidden('HugePages require cpu or memory') });
  }
  // validateOverhead checks the pod's overhead as the limits of one more container.
  const overhead = asObject(field(ctx.pod.spec, 'overhead')) ?? {};
  const overheadErrors: { path: Path; message: string }[] = [];
  for (const [name, raw] of Object.entries(overhead)) {
    const p = ['overhead', 'limits', mapKey(name)];
    for (const m of nameErrors(name)) overheadErrors.push({ path: p, message: m });
    const q = parseQuantity(raw);
    if (q !== undefined && q < 0) overheadErrors.push({ path: p, message: fieldInvalid(quantityText(raw), 'must be greater than or equal to 0') });
  }
  // The RuntimeClass admission plugin refuses a Pod whose overhead does not come from its
  // RuntimeClass (validateOverhead in plugin/pkg/admission/runtimeclass, v1.28); without a
  // class it cannot. That is validating admission, after the object's own validation: an
  // overhead the validation refuses is reported alone, as the server does.
  if (Object.keys(overhead).length > 0 && !field(ctx.pod.spec, 'runtimeClassName') && overheadErrors.length === 0) {
    const message = 'pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead';
    ctx.report({ path: ['overhead'], message: ctx.pod.template ? REFUSED_PODS + message : message });
  }
  for (const e of overheadErrors) ctx.report(e);
});
