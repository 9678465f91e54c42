/**
 * Shared pieces of the Pod Security Standards rules (rules/pss-*.ts). They port
 * the facts of kubernetes/pod-security-admission `policy/` (helpers.go,
 * visitor.go, checks.go) as of v1.28, not its code.
 */
import { KubeObject, Path, PodRuleContext } from '../types';
import { ContainerSite, containersOf, PSA_ORDER } from './containers';
import { asObject, field } from './values';
import { atLeast } from './version';

/**
 * Every container of the pod in PSA's order: `visitContainers` in
 * policy/visitor.go walks initContainers, then containers, then ephemeralContainers.
 * The order matters: it is the order of container names in PSA's messages.
 */
export function pssContainers(spec: KubeObject): readonly ContainerSite[] {
  return containersOf(spec, PSA_ORDER);
}

/** `securityContext` of a container or pod spec, when it is a mapping. */
export function securityContextOf(obj: unknown): KubeObject | undefined {
  return asObject(field(obj, 'securityContext'));
}

/** `joinQuote` in policy/helpers.go: `"a", "b"`. */
export function joinQuote(items: readonly string[]): string {
  return items.length === 0 ? '' : `"${items.join('", "')}"`;
}

/** `pluralize` in policy/helpers.go. */
export function pluralize(singular: string, plural: string, count: number): string {
  return count === 1 ? singular : plural;
}

/** `sets.NewString(...).List()`: unique and sorted (byte order for the ASCII values PSA sees). */
export function sortedSet(items: Iterable<string>): string[] {
  return [...new Set(items)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** `container "a"` / `containers "a", "b"`. */
export function containersPhrase(names: readonly string[]): string {
  return `${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`;
}

/** Go's `%q` for the strings PSA quotes (close to JSON for printable text). */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}

/** True for `spec.os.name: windows` (the 1.25+ restricted checks skip such pods). */
export function isWindowsPod(spec: KubeObject): boolean {
  return field(field(spec, 'os'), 'name') === 'windows';
}

/** True when PSA runs the restricted check that overrides a baseline check (checks.go `OverrideCheckIDs`). */
export function overriddenAtRestricted(ctx: PodRuleContext, sinceVersion: string): boolean {
  return ctx.settings.podSecurity === 'restricted' && atLeast(ctx.settings.k8sVersion, sinceVersion);
}

/**
 * Reports one failed PSA control: one finding per control per pod, worded as PSA's
 * `forbidden reason (detail)`. `paths` are relative to the pod spec unless
 * `absolute` is set; when exactly one field is at fault the finding points at it,
 * otherwise at the pod spec.
 */
export function reportControl(
  ctx: PodRuleContext,
  reason: string,
  detail: string,
  offenders: readonly { path: Path; absolute?: boolean }[],
): void {
  const message = detail === '' ? reason : `${reason} (${detail})`;
  const only = offenders.length === 1 ? offenders[0] : undefined;
  if (only) {
    ctx.report(only.absolute ? { path: only.path, absolute: true, message } : { path: only.path, message });
  } else {
    ctx.report({ path: [], message });
  }
}

export const PSS_DOCS = 'https://kubernetes.io/docs/concepts/security/pod-security-standards/';
