import { Path } from '../types';
import { podRule } from '../util/define-rule';
import { fieldForbidden, fieldInvalid, fieldRequired, isDNS1123Label, isDNS1123Subdomain, isQualifiedName } from '../util/k8s-names';
import { labelSelectorErrors } from '../util/label-selector';
import { SpecError } from '../util/pod-validation';
import { asArray, asObject, asString, field, isObject } from '../util/values';

/** ValidateNodeSelectorRequirement (v1.28). */
function nodeRequirementErrors(rq: unknown, at: Path): SpecError[] {
  if (!isObject(rq)) return [];
  const errs: SpecError[] = [];
  const operator = asString(field(rq, 'operator')) ?? '';
  const values = asArray(field(rq, 'values'));
  if (operator === 'In' || operator === 'NotIn') {
    if (values.length === 0) errs.push({ path: [...at, 'values'], message: fieldRequired("must be specified when `operator` is 'In' or 'NotIn'") });
  } else if (operator === 'Exists' || operator === 'DoesNotExist') {
    if (values.length > 0) errs.push({ path: [...at, 'values'], message: fieldForbidden("may not be specified when `operator` is 'Exists' or 'DoesNotExist'") });
  } else if (operator === 'Gt' || operator === 'Lt') {
    if (values.length !== 1) errs.push({ path: [...at, 'values'], message: fieldRequired("must be specified single value when `operator` is 'Lt' or 'Gt'") });
  } else {
    errs.push({ path: [...at, 'operator'], message: fieldInvalid(operator, 'not a valid selector operator') });
  }
  const key = asString(field(rq, 'key')) ?? '';
  for (const m of isQualifiedName(key)) errs.push({ path: [...at, 'key'], message: fieldInvalid(key, m) });
  return errs;
}

/** ValidateNodeFieldSelectorRequirement (v1.28): only `metadata.name`, with In or NotIn and one value. */
function nodeFieldRequirementErrors(rq: unknown, at: Path): SpecError[] {
  if (!isObject(rq)) return [];
  const errs: SpecError[] = [];
  const operator = asString(field(rq, 'operator')) ?? '';
  const values = asArray(field(rq, 'values'));
  if (operator === 'In' || operator === 'NotIn') {
    if (values.length !== 1) {
      errs.push({ path: [...at, 'values'], message: fieldRequired("must be only one value when `operator` is 'In' or 'NotIn' for node field selector") });
    }
  } else {
    errs.push({ path: [...at, 'operator'], message: fieldInvalid(operator, 'not a valid selector operator') });
  }
  const key = asString(field(rq, 'key')) ?? '';
  if (key !== 'metadata.name') {
    errs.push({ path: [...at, 'key'], message: fieldInvalid(key, 'not a valid field selector key') });
  } else {
    values.forEach((v, i) => {
      if (typeof v === 'string') for (const m of isDNS1123Subdomain(v)) errs.push({ path: [...at, 'values', i], message: fieldInvalid(v, m) });
    });
  }
  return errs;
}

/** ValidateNodeSelectorTerm (v1.28). */
function nodeTermErrors(term: unknown, at: Path): SpecError[] {
  const errs: SpecError[] = [];
  asArray(field(term, 'matchExpressions')).forEach((rq, j) => errs.push(...nodeRequirementErrors(rq, [...at, 'matchExpressions', j])));
  asArray(field(term, 'matchFields')).forEach((rq, j) => errs.push(...nodeFieldRequirementErrors(rq, [...at, 'matchFields', j])));
  return errs;
}

function weightErrors(weight: unknown, at: Path): SpecError[] {
  return typeof weight === 'number' && (weight <= 0 || weight > 100)
    ? [{ path: at, message: fieldInvalid(weight, 'must be in the range 1-100') }]
    : [];
}

/** validatePodAffinityTerm (v1.28). The server reports bad namespaces at `namespace`, singular. */
function podTermErrors(term: unknown, at: Path): SpecError[] {
  if (!isObject(term)) return [];
  const errs: SpecError[] = [
    ...labelSelectorErrors(field(term, 'labelSelector'), [...at, 'labelSelector']),
    ...labelSelectorErrors(field(term, 'namespaceSelector'), [...at, 'namespaceSelector']),
  ];
  for (const ns of asArray(field(term, 'namespaces'))) {
    if (typeof ns === 'string') for (const m of isDNS1123Label(ns)) errs.push({ path: [...at, 'namespace'], message: fieldInvalid(ns, m) });
  }
  const key = asString(field(term, 'topologyKey')) ?? '';
  if (key === '') errs.push({ path: [...at, 'topologyKey'], message: fieldRequired('can not be empty') });
  for (const m of isQualifiedName(key)) errs.push({ path: [...at, 'topologyKey'], message: fieldInvalid(key, m) });
  return errs;
}

function podAffinityErrors(affinity: unknown, at: Path): SpecError[] {
  if (!isObject(affinity)) return [];
  const errs: SpecError[] = [];
  const required = [...at, 'requiredDuringSchedulingIgnoredDuringExecution'];
  asArray(field(affinity, 'requiredDuringSchedulingIgnoredDuringExecution')).forEach((t, i) => errs.push(...podTermErrors(t, [...required, i])));
  const preferred = [...at, 'preferredDuringSchedulingIgnoredDuringExecution'];
  asArray(field(affinity, 'preferredDuringSchedulingIgnoredDuringExecution')).forEach((w, j) => {
    errs.push(...weightErrors(field(w, 'weight'), [...preferred, j, 'weight']));
    errs.push(...podTermErrors(field(w, 'podAffinityTerm'), [...preferred, j, 'podAffinityTerm']));
  });
  return errs;
}

/**
 * Node affinity, pod affinity and pod anti-affinity terms: operators and their values,
 * label keys, weights 1-100, topology keys. Follows validateAffinity and what it calls
 * (validateNodeAffinity, ValidateNodeSelector, ValidateNodeSelectorRequirement,
 * ValidateNodeFieldSelectorRequirement, ValidatePreferredSchedulingTerms,
 * validatePodAffinity, validatePodAntiAffinity, validatePodAffinityTerm) in
 * pkg/apis/core/validation/validation.go (v1.28).
 */
export default podRule({
  id: 'affinity',
  layer: 'api-server',
  severity: 'error',
  description: 'Node and pod (anti-)affinity terms must use valid operators, values, label keys, weights and topology keys.',
  fix: 'Give In/NotIn at least one value, Exists/DoesNotExist none, Gt/Lt exactly one; weights from 1 to 100; a topologyKey that is a label key.',
  source: 'validateAffinity in pkg/apis/core/validation/validation.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#affinity-and-anti-affinity',
}, (ctx) => {
  const affinity = asObject(field(ctx.pod.spec, 'affinity'));
  if (!affinity) return;
  const errs: SpecError[] = [];
  const node = asObject(field(affinity, 'nodeAffinity'));
  if (node) {
    const at = ['affinity', 'nodeAffinity'];
    const required = asObject(field(node, 'requiredDuringSchedulingIgnoredDuringExecution'));
    if (required) {
      const terms = asArray(field(required, 'nodeSelectorTerms'));
      const termsAt = [...at, 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms'];
      if (terms.length === 0) errs.push({ path: termsAt, message: fieldRequired('must have at least one node selector term') });
      terms.forEach((t, i) => errs.push(...nodeTermErrors(t, [...termsAt, i])));
    }
    asArray(field(node, 'preferredDuringSchedulingIgnoredDuringExecution')).forEach((p, i) => {
      const pAt = [...at, 'preferredDuringSchedulingIgnoredDuringExecution', i];
      errs.push(...weightErrors(field(p, 'weight'), [...pAt, 'weight']));
      errs.push(...nodeTermErrors(field(p, 'preference'), [...pAt, 'preference']));
    });
  }
  errs.push(...podAffinityErrors(field(affinity, 'podAffinity'), ['affinity', 'podAffinity']));
  errs.push(...podAffinityErrors(field(affinity, 'podAntiAffinity'), ['affinity', 'podAntiAffinity']));
  for (const e of errs) ctx.report(e);
});
