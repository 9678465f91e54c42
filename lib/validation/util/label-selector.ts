/**
 * Label selector checks of ValidateLabelSelector and ValidateLabelSelectorRequirement
 * (staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go, v1.28),
 * shared by the pod-spec rules (topology spread, affinity) and workload selectors.
 */
import { Path } from '../types';
import { fieldForbidden, fieldInvalid, fieldRequired, isQualifiedName, isValidLabelValue } from './k8s-names';
import { SpecError } from './pod-validation';
import { asArray, asObject, asString, field, isObject } from './values';

/** Errors of one label selector at `at` (relative to whatever the caller reports against). */
export function labelSelectorErrors(selector: unknown, at: Path): SpecError[] {
  if (!isObject(selector)) return [];
  const errs: SpecError[] = [];
  const matchLabels = asObject(field(selector, 'matchLabels'));
  if (matchLabels) {
    for (const [k, v] of Object.entries(matchLabels)) {
      for (const m of isQualifiedName(k)) errs.push({ path: [...at, 'matchLabels'], message: fieldInvalid(k, m) });
      if (typeof v === 'string') for (const m of isValidLabelValue(v)) errs.push({ path: [...at, 'matchLabels'], message: fieldInvalid(v, m) });
    }
  }
  asArray(field(selector, 'matchExpressions')).forEach((r, i) => {
    if (!isObject(r)) return;
    const p = [...at, 'matchExpressions', i];
    const operator = asString(field(r, 'operator')) ?? '';
    const values = asArray(field(r, 'values'));
    if (operator === 'In' || operator === 'NotIn') {
      if (values.length === 0) errs.push({ path: [...p, 'values'], message: fieldRequired("must be specified when `operator` is 'In' or 'NotIn'") });
    } else if (operator === 'Exists' || operator === 'DoesNotExist') {
      if (values.length > 0) errs.push({ path: [...p, 'values'], message: fieldForbidden("may not be specified when `operator` is 'Exists' or 'DoesNotExist'") });
    } else {
      errs.push({ path: [...p, 'operator'], message: fieldInvalid(operator, 'not a valid selector operator') });
    }
    const key = asString(field(r, 'key')) ?? '';
    for (const m of isQualifiedName(key)) errs.push({ path: [...p, 'key'], message: fieldInvalid(key, m) });
    values.forEach((v, j) => {
      if (typeof v === 'string') for (const m of isValidLabelValue(v)) errs.push({ path: [...p, 'values', j], message: fieldInvalid(v, m) });
    });
  });
  return errs;
}
