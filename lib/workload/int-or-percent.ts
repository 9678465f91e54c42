import { k8s } from 'cdk8s-plus-28';
import { isValidPercent } from '../validation/util/k8s-names';

/**
 * A count or a percentage of the replicas: `1`, `'25%'`. Used by maxSurge,
 * maxUnavailable and a PodDisruptionBudget's minAvailable / maxUnavailable.
 */
export type IntOrPercent = number | string;

/**
 * Why the value is not a valid IntOrPercent (ValidatePositiveIntOrPercent and
 * IsValidPercent in the Kubernetes API server: a non-negative integer, or digits
 * followed by '%'), or undefined when it is valid.
 */
export function intOrPercentProblem(value: IntOrPercent): string | undefined {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return 'must be an integer or a percentage such as \'25%\'';
    return value < 0 ? 'must be greater than or equal to 0' : undefined;
  }
  return isValidPercent(value).length > 0 ? "must be a non-negative integer or a percentage such as '25%' (digits followed by '%')" : undefined;
}

/** The integer, or the number before '%'. Call only on valid values. */
export function intOrPercentNumber(value: IntOrPercent): number {
  return typeof value === 'number' ? value : Number(value.slice(0, -1));
}

/** True for a percentage above 100%. */
export function isOver100Percent(value: IntOrPercent): boolean {
  return typeof value === 'string' && intOrPercentNumber(value) > 100;
}

/**
 * The value scaled to `total` (intstr.GetScaledValueFromIntOrPercent): an integer
 * as is, a percentage of `total` rounded up or down.
 */
export function scaled(value: IntOrPercent, total: number, roundUp: boolean): number {
  if (typeof value === 'number') return value;
  const exact = (intOrPercentNumber(value) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** The IntOrString rendering of a value. */
export function formatIntOrPercent(value: IntOrPercent): string {
  return typeof value === 'number' ? String(value) : `'${value}'`;
}

/** The L1 IntOrString of a value. */
export function intOrString(value: IntOrPercent): k8s.IntOrString {
  return typeof value === 'number' ? k8s.IntOrString.fromNumber(value) : k8s.IntOrString.fromString(value);
}
