import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { POD_SECURITY_ANNOTATION } from '../validation/config';
import { PodSecurityLevel } from '../validation/types';
import { holdsPods } from '../validation/util/pod-sites';

const LEVELS: readonly PodSecurityLevel[] = ['restricted', 'baseline', 'privileged'];

/** Where a scope keeps its level (Symbol.for, so that two copies of podwright agree). */
const SCOPE_LEVEL = Symbol.for('podwright.scopePodSecurityLevel');

type Marked = IConstruct & { [SCOPE_LEVEL]?: PodSecurityLevel };

/**
 * Gives every object that holds pods under `scope` (cdk8s-plus workloads, L1 objects,
 * objects added later) the Pod Security level `level`, unless the object states its own
 * in the `podwright.io/pod-security` annotation (podwright's constructs always do). The
 * level is written as that annotation, so the synth gate, `podwright validate dist/`,
 * the cdk8s plugin and the jest matchers all hold the object to the same level. The
 * nearest scope wins when scopes are nested.
 *
 * The annotation is added when the tree is validated (cdk8s validates before it renders,
 * in `App.synth()` and in `chart.toJson()`), so objects created after this call are covered.
 */
export function setScopeLevel(scope: IConstruct, level: PodSecurityLevel): void {
  if (!LEVELS.includes(level)) {
    throw new Error(`PodwrightApp.setLevel: level ${JSON.stringify(level)} for '${scope.node.path}' is not a Pod Security level; use 'restricted', 'baseline' or 'privileged'.`);
  }
  const marked = scope as Marked;
  const first = marked[SCOPE_LEVEL] === undefined;
  Object.defineProperty(marked, SCOPE_LEVEL, { value: level, configurable: true, enumerable: false });
  // Not a check: the hook annotates, then reports nothing.
  if (first) scope.node.addValidation({ validate: () => { applyScopeLevels(scope); return []; } });
}

/** The level set on the nearest enclosing scope (the construct itself included), if any. */
export function scopeLevelOf(construct: IConstruct): PodSecurityLevel | undefined {
  for (let s: IConstruct | undefined = construct; s !== undefined; s = s.node.scope) {
    const level = (s as Marked)[SCOPE_LEVEL];
    if (level !== undefined) return level;
  }
  return undefined;
}

/** Annotates the pod-holding objects under `scope` that state no level with their scope's level. */
export function applyScopeLevels(scope: IConstruct): void {
  for (const c of scope.node.findAll()) {
    if (!ApiObject.isApiObject(c) || !holdsPods(c.kind)) continue;
    const level = scopeLevelOf(c);
    if (level === undefined) continue;
    const annotations = (c.metadata.toJson() as { annotations?: Record<string, string> }).annotations ?? {};
    if (annotations[POD_SECURITY_ANNOTATION] === undefined) c.metadata.addAnnotation(POD_SECURITY_ANNOTATION, level);
  }
}
