import { k8s } from 'cdk8s-plus-28';
import { formatIntOrPercent, intOrPercentNumber, intOrPercentProblem, IntOrPercent, intOrString, isOver100Percent, scaled } from './int-or-percent';

/** A PodDisruptionBudget for the app's pods; set at most one of minAvailable and maxUnavailable. */
export interface DisruptionBudgetOptions {
  /** Pods that must stay available during a voluntary disruption (a percentage rounds up). @default - unset */
  readonly minAvailable?: IntOrPercent;
  /** Pods that may be unavailable during a voluntary disruption. @default 1 (when minAvailable is unset) */
  readonly maxUnavailable?: IntOrPercent;
  /**
   * Whether running but not-ready pods may be evicted even when the budget is used up.
   * `AlwaysAllow` lets a node drain proceed past a crash-looping app, which is what the
   * Kubernetes maintainers recommend for most apps; the field is beta and on by default
   * since 1.27 (KEP-3017, GA in 1.31). `IfHealthyBudget` is the API's behaviour when unset.
   * @default 'AlwaysAllow'
   */
  readonly unhealthyPodEvictionPolicy?: 'AlwaysAllow' | 'IfHealthyBudget';
}

/**
 * The budget to render for `replicas` pods, with its defaults filled in, or undefined
 * for none. Throws (through `fail`) on a budget the API server refuses or one that
 * never allows an eviction.
 */
export function resolveDisruptionBudget(
  option: boolean | DisruptionBudgetOptions | undefined, replicas: number, fail: (message: string) => Error,
): DisruptionBudgetOptions | undefined {
  if (option === false || (option === undefined && replicas < 2)) return undefined;
  const o = option === true || option === undefined ? {} : option;
  if (o.minAvailable !== undefined && o.maxUnavailable !== undefined) {
    throw fail('disruptionBudget sets both minAvailable and maxUnavailable, but a PodDisruptionBudget takes only one; keep one of them');
  }
  for (const key of ['minAvailable', 'maxUnavailable'] as const) {
    const v = o[key];
    if (v === undefined) continue;
    const problem = intOrPercentProblem(v);
    if (problem) throw fail(`disruptionBudget.${key} is ${formatIntOrPercent(v)}, which ${problem}; use an integer or a percentage such as '50%'`);
    if (isOver100Percent(v)) throw fail(`disruptionBudget.${key} is ${formatIntOrPercent(v)}, which must not be greater than 100%; use at most '100%'`);
  }
  const resolved: DisruptionBudgetOptions = {
    minAvailable: o.minAvailable,
    maxUnavailable: o.minAvailable === undefined ? o.maxUnavailable ?? 1 : undefined,
    unhealthyPodEvictionPolicy: o.unhealthyPodEvictionPolicy ?? 'AlwaysAllow',
  };
  const never = 'so the budget never allows an eviction and node drains hang';
  if (resolved.maxUnavailable !== undefined && intOrPercentNumber(resolved.maxUnavailable) === 0) {
    throw fail(`disruptionBudget.maxUnavailable is ${formatIntOrPercent(resolved.maxUnavailable)}, ${never}; allow at least 1, or set disruptionBudget: false`);
  }
  if (resolved.minAvailable !== undefined && replicas >= 1 && scaled(resolved.minAvailable, replicas, true) >= replicas) {
    throw fail(`disruptionBudget.minAvailable is ${formatIntOrPercent(resolved.minAvailable)} with replicas ${replicas}, ${never}; keep minAvailable below replicas (e.g. ${replicas - 1}), or use maxUnavailable: 1`);
  }
  return resolved;
}

/** The PodDisruptionBudget spec of a resolved budget over the pods `selector` selects. */
export function disruptionBudgetSpec(budget: DisruptionBudgetOptions, selector: Readonly<Record<string, string>>): k8s.PodDisruptionBudgetSpec {
  return {
    selector: { matchLabels: { ...selector } },
    minAvailable: budget.minAvailable !== undefined ? intOrString(budget.minAvailable) : undefined,
    maxUnavailable: budget.maxUnavailable !== undefined ? intOrString(budget.maxUnavailable) : undefined,
    unhealthyPodEvictionPolicy: budget.unhealthyPodEvictionPolicy,
  };
}
