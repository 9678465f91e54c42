/**
 * Rules from outside podwright: the rule module API (`defineRule`), rule packages
 * (`definePlugin`) and the one loader every surface uses (through the configuration's
 * `plugins` key: the synth gate, the cdk8s plugin, the CLI and the jest matchers all
 * resolve their configuration with `resolveConfig`, which loads the packages named there).
 *
 * A rule from outside carries the same metadata as podwright's own rules (see
 * `RuleMeta`) and a namespaced id, `<plugin>/<rule>` (`acme/team-label`), so it can never
 * take the id of a built-in rule, and is configured, exempted and reported like one.
 *
 * This module throws plain `Error`s; `resolveConfig` wraps them in a ConfigError that
 * names the configuration file and the `plugins` entry.
 */
import { createRequire } from 'module';
import * as path from 'path';
import {
  EngineSettings, InputRuleContext, Layer, ObjectRuleContext, OutputRuleSession, PodRuleContext, Rule, RuleMeta, RuleScope, Severity,
} from './types';

/** The metadata of a rule from outside: podwright's own, with the scope given beside the check. */
export type RuleDefinitionMeta = Omit<RuleMeta, 'scope'>;

/** What `defineRule` takes: the rule's metadata, its scope and its check (or, for scope `output`, its session factory). */
export type RuleDefinition =
  | (RuleDefinitionMeta & { readonly scope: 'input'; check(ctx: InputRuleContext): void })
  | (RuleDefinitionMeta & { readonly scope: 'object'; check(ctx: ObjectRuleContext): void })
  | (RuleDefinitionMeta & { readonly scope: 'pod'; check(ctx: PodRuleContext): void })
  | (RuleDefinitionMeta & { readonly scope: 'output'; create(settings: EngineSettings): OutputRuleSession });

/** A rule package: a name (the namespace of its rule ids) and its rules. */
export interface RulePlugin {
  /** Lower-case letters, digits and dashes; every rule id starts with `<name>/`. */
  readonly name: string;
  readonly rules: readonly Rule[];
}

/** One part of a namespaced id: a DNS label (lower-case letters, digits, inner dashes). */
const PART = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LAYERS: readonly Layer[] = ['schema', 'api-server', 'pod-security', 'practice'];
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
const SCOPES: readonly RuleScope[] = ['input', 'object', 'pod', 'output'];
const VERSION = /^1\.\d+$/;
/**
 * An exemption annotation's name part (after `ignore-check.podwright.io/`) is at most 63
 * characters and may not hold a `/` (apimachinery's IsQualifiedName), so a plugin rule
 * is exempted as `ignore-check.podwright.io/<plugin>.<rule>`: the id with `.` for `/`.
 */
const MAX_ANNOTATION_NAME = 63;

/**
 * Checks a rule's metadata and returns its problems (empty when it is sound): what
 * `defineRule` and the plugin loader enforce, and what podwright's own rules are
 * held to by test/validation/rules-meta.test.ts.
 */
function metaProblems(meta: Partial<Record<keyof RuleMeta, unknown>>, namespaced: boolean): string[] {
  const problems: string[] = [];
  const id = meta.id;
  if (typeof id !== 'string') return ['id must be a string such as "acme/team-label".'];
  const parts = id.split('/');
  if (namespaced) {
    if (parts.length !== 2 || !PART.test(parts[0]!) || !PART.test(parts[1]!)) {
      problems.push(`id "${id}" must be "<plugin>/<rule>", each part lower-case letters, digits and dashes (e.g. "acme/team-label").`);
    } else if (id.length > MAX_ANNOTATION_NAME) {
      problems.push(`id "${id}" is longer than ${MAX_ANNOTATION_NAME} characters, too long for its exemption annotation.`);
    }
  }
  if (typeof meta.layer !== 'string' || !LAYERS.includes(meta.layer as Layer)) problems.push(`layer must be one of ${LAYERS.join(', ')}, not ${JSON.stringify(meta.layer)}.`);
  if (typeof meta.severity !== 'string' || !SEVERITIES.includes(meta.severity as Severity)) problems.push(`severity must be one of ${SEVERITIES.join(', ')}, not ${JSON.stringify(meta.severity)}.`);
  if (typeof meta.scope !== 'string' || !SCOPES.includes(meta.scope as RuleScope)) problems.push(`scope must be one of ${SCOPES.join(', ')}, not ${JSON.stringify(meta.scope)}.`);
  if (typeof meta.description !== 'string' || meta.description.trim() === '') problems.push('description must say in one line what the rule checks.');
  if (typeof meta.fix !== 'string' || !/\.$/.test(meta.fix)) problems.push('fix must say how to fix a violation and end with a period.');
  if (meta.kinds !== undefined && (!Array.isArray(meta.kinds) || meta.kinds.some((k) => typeof k !== 'string'))) problems.push('kinds must be a list of kind names such as ["Deployment"].');
  if (meta.podSecurityLevel !== undefined && meta.podSecurityLevel !== 'baseline' && meta.podSecurityLevel !== 'restricted') problems.push('podSecurityLevel must be "baseline" or "restricted".');
  for (const key of ['minVersion', 'maxVersion'] as const) {
    if (meta[key] !== undefined && (typeof meta[key] !== 'string' || !VERSION.test(meta[key] as string))) problems.push(`${key} must be a version such as "1.28".`);
  }
  for (const key of ['source', 'docsUrl'] as const) {
    if (meta[key] !== undefined && typeof meta[key] !== 'string') problems.push(`${key} must be a string.`);
  }
  return problems;
}

/** Checks already wrapped to name their rule when they throw (defineRule's, met again in definePlugin). */
const GUARDED = new WeakSet<object>();

/** Checks a value that claims to be a rule; returns it frozen, or throws naming `where`. */
function asRule(value: unknown, where: string, namespaced: boolean): Rule {
  const rule = value as { meta?: Record<string, unknown>; check?: unknown; create?: unknown } | undefined;
  if (typeof rule !== 'object' || rule === null || typeof rule.meta !== 'object' || rule.meta === null) {
    throw new Error(`${where} is not a rule: expected { meta, check } as defineRule returns.`);
  }
  const problems = metaProblems(rule.meta, namespaced);
  const scope = rule.meta.scope;
  if (scope === 'output' ? typeof rule.create !== 'function' : typeof rule.check !== 'function') {
    problems.push(scope === 'output' ? 'a rule of scope "output" needs create(settings).' : 'the rule needs a check(ctx) function.');
  }
  if (problems.length > 0) throw new Error(`${where}${typeof rule.meta.id === 'string' ? ` ("${rule.meta.id}")` : ''}: ${problems.join(' ')}`);
  const meta = Object.freeze({ ...rule.meta, ...(Array.isArray(rule.meta.kinds) ? { kinds: Object.freeze([...rule.meta.kinds]) } : {}) }) as unknown as RuleMeta;
  // A rule from outside that throws is named in the error, with the object it was checking.
  const check = rule.check as ((ctx: unknown) => void) | undefined;
  const guarded = check && (GUARDED.has(check) ? check : (ctx: { target?: { kind?: string; name?: string } }) => {
    try {
      check(ctx);
    } catch (e) {
      const on = ctx.target ? ` on ${ctx.target.kind || '(no kind)'} ${ctx.target.name ?? '(no name)'}` : '';
      throw new Error(`rule ${meta.id} threw${on}: ${(e as Error)?.message ?? String(e)}`, { cause: e });
    }
  });
  if (guarded) GUARDED.add(guarded);
  return Object.freeze(scope === 'output' ? { meta, create: rule.create } : { meta, check: guarded }) as Rule;
}

/**
 * Defines a rule for a rule package, with the metadata podwright's own rules carry.
 * Throws when the metadata is incomplete (a namespaced id, a layer, a severity, a
 * description, a fix ending with a period, ...).
 *
 * ```ts
 * export const teamLabel = defineRule({
 *   id: 'acme/team-label', layer: 'practice', severity: 'error', scope: 'object',
 *   description: 'Every object carries the acme.com/team label.',
 *   fix: 'Add the label acme.com/team with the owning team.',
 *   check(ctx) {
 *     const labels = (ctx.target.object.metadata as { labels?: Record<string, string> } | undefined)?.labels;
 *     if (!labels?.['acme.com/team']) ctx.report({ path: ['metadata', 'labels'], message: 'the acme.com/team label is missing' });
 *   },
 * });
 * ```
 */
export function defineRule(definition: RuleDefinition): Rule {
  const { check, create, ...meta } = definition as RuleDefinitionMeta & { scope: RuleScope; check?: unknown; create?: unknown };
  return asRule({ meta, check, create }, 'defineRule', true);
}

/**
 * Defines a rule package: its name and its rules, each with an id `<name>/<rule>`.
 * A package's main module exports this (as `module.exports` or `export default`), so
 * `podwright.config.json` can name it: `"plugins": ["@acme/k8s-rules"]`.
 */
export function definePlugin(plugin: RulePlugin): RulePlugin {
  return asPlugin(plugin, 'definePlugin');
}

/** Checks a value that claims to be a rule package; returns it frozen, or throws naming `where`. */
export function asPlugin(value: unknown, where: string): RulePlugin {
  const plugin = value as { name?: unknown; rules?: unknown } | undefined;
  if (typeof plugin !== 'object' || plugin === null || !Array.isArray(plugin.rules)) {
    throw new Error(`${where} is not a rule package: expected { name, rules } as definePlugin returns.`);
  }
  if (typeof plugin.name !== 'string' || !PART.test(plugin.name)) {
    throw new Error(`${where}: the package name ${JSON.stringify(plugin.name)} must be lower-case letters, digits and dashes (the namespace of its rule ids, e.g. "acme").`);
  }
  const name = plugin.name;
  const seen = new Set<string>();
  const rules = plugin.rules.map((r, i) => {
    const rule = asRule(r, `${where}: rules[${i}]`, true);
    if (!rule.meta.id.startsWith(`${name}/`)) throw new Error(`${where}: rules[${i}] has id "${rule.meta.id}"; the rules of package "${name}" are named "${name}/<rule>".`);
    if (seen.has(rule.meta.id)) throw new Error(`${where}: two rules have the id "${rule.meta.id}".`);
    seen.add(rule.meta.id);
    return rule;
  });
  return Object.freeze({ name, rules: Object.freeze(rules) });
}

/**
 * Loads a rule package named in a configuration: a package name (`@acme/k8s-rules`) or
 * a path (`./rules/index.js`), resolved the way Node resolves `require` from `baseDir`
 * (the configuration file's folder), so the package is installed beside the config.
 */
export function loadPlugin(spec: string, baseDir: string, where: string): RulePlugin {
  const from = path.join(baseDir, 'podwright.config.json');
  let resolved: string;
  try {
    resolved = createRequire(from).resolve(spec);
  } catch {
    throw new Error(`${where} "${spec}" cannot be found from ${baseDir}; install it there (npm install ${spec}) or give a path such as "./rules/index.js".`);
  }
  let mod: unknown;
  try {
    mod = createRequire(from)(resolved);
  } catch (e) {
    throw new Error(`${where} "${spec}" failed to load: ${(e as Error).message}`);
  }
  const exported = (mod as { default?: unknown } | undefined)?.default ?? mod;
  return asPlugin(exported, `${where} "${spec}"`);
}
