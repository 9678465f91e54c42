import { asPlugin, loadPlugin, RulePlugin } from './plugins';
import type { CrdRegistry } from './schema/crd-registry';
import { SERVER_RULE_IDS, serverRuleMeta } from './server-rules';
import { EngineSettings, ObjectRef, PodSecurityLevel, RuleSetting, Severity } from './types';
import { asObject, field } from './util/values';
import { DEFAULT_K8S_VERSION, normalizeVersion } from './util/version';

/**
 * podwright's one configuration, read from `podwright.config.json` by the synth
 * gate, the cdk8s plugin, the CLI and the jest matchers alike.
 */
export interface PodwrightConfig {
  /** Target Kubernetes version, `1.NN`, one of 1.28 to 1.33. @default '1.28' */
  readonly k8sVersion?: string;
  /** Pod Security level enforced on every pod. @default 'restricted' */
  readonly podSecurity?: PodSecurityLevel;
  /**
   * Per-rule setting: `off`, or a severity that replaces the rule's default. The server
   * layer's ids are rules here too: `server-warning` takes any setting; the refusals
   * (`server-refused`, `server-created-refused`, `server-pod-security`) only `error`, since
   * the object would not apply (exempt one object instead).
   */
  readonly rules?: Readonly<Record<string, RuleSetting>>;
  /** Objects exempted from rules (the server layer's ids included), each with the reason. */
  readonly exemptions?: readonly Exemption[];
  /** Folders (relative to the config file or cwd) whose YAML files are static Pod manifests. @default ['static-pods'] */
  readonly staticPodDirs?: readonly string[];
  /** The lowest severity that fails the CLI and the synth gate. @default 'error' */
  readonly failOn?: Exclude<Severity, 'info'>;
  /**
   * CRD files or folders (relative to the config file) whose served versions' schemas and
   * CEL rules check custom resources of those kinds. @default [] (CRDs in the input and
   * the local files under `imports:` of the app's cdk8s.yaml are used anyway)
   */
  readonly crds?: readonly string[];
  /**
   * Rule packages whose rules run beside podwright's own, on every surface: package
   * names or paths (resolved from the configuration file's folder, like `require`), or,
   * in an inline configuration, packages made with `definePlugin`. Their rules are
   * configured and exempted under their namespaced ids (`acme/team-label`).
   * @default []
   */
  readonly plugins?: readonly (string | RulePlugin)[];
  /**
   * Namespaces the input does not hold but its objects run in: their Pod Security level
   * (`podSecurity`), or their labels as they are in the cluster (`labels`, of which
   * `pod-security.kubernetes.io/enforce` and `enforce-version` are read, as Pod Security
   * Admission reads them; they come before `podSecurity`). @default {}
   */
  readonly namespaces?: Readonly<Record<string, NamespaceSettings>>;
}

/** One namespace in the configuration. */
export interface NamespaceSettings {
  /** The level objects in the namespace are held to, when `labels` does not say. @default - the configured podSecurity */
  readonly podSecurity?: PodSecurityLevel;
  /** The namespace's labels in the cluster. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
}

/** Exempts matching objects from one rule. Unset selectors match anything. */
export interface Exemption {
  readonly rule: string;
  readonly kind?: string;
  readonly namespace?: string;
  readonly name?: string;
  /** Why the exemption is safe; required. */
  readonly reason: string;
}

/** Configuration with every default applied. */
export interface ResolvedConfig {
  readonly settings: EngineSettings;
  readonly rules: Readonly<Record<string, RuleSetting>>;
  readonly exemptions: readonly Exemption[];
  readonly staticPodDirs: readonly string[];
  readonly failOn: Exclude<Severity, 'info'>;
  /** `crds` as written (loadConfigFile resolves and reads them into `crdRegistry`). */
  readonly crds: readonly string[];
  /** The CRDs every run with this configuration starts from (each run adds those in its input). */
  readonly crdRegistry?: CrdRegistry;
  /** The rule packages loaded from `plugins`, in order. */
  readonly plugins: readonly RulePlugin[];
  /** Namespaces named in the configuration. @default {} */
  readonly namespaces?: Readonly<Record<string, NamespaceSettings>>;
}

/** The file name podwright looks for. */
export const CONFIG_FILE_NAME = 'podwright.config.json';

/**
 * The annotation prefix that exempts one object from one rule: `ignore-check.podwright.io/<rule-id>: "<reason>"`.
 * A plugin rule's id holds a `/`, which an annotation name may not: write it with a `.`
 * (`ignore-check.podwright.io/acme.team-label` exempts `acme/team-label`); see `exemptionAnnotation`.
 */
export const EXEMPT_ANNOTATION_PREFIX = 'ignore-check.podwright.io/';

/** The annotation key that exempts an object from `ruleId` (`acme/team-label` becomes `ignore-check.podwright.io/acme.team-label`). */
export function exemptionAnnotation(ruleId: string): string {
  return `${EXEMPT_ANNOTATION_PREFIX}${ruleId.replace('/', '.')}`;
}

/** The rule id an exemption annotation's name part stands for (the inverse of `exemptionAnnotation`). */
export function exemptedRuleId(annotationName: string): string {
  return annotationName.replace('.', '/');
}

/**
 * The exemptions of one object, rule id to reason: its `ignore-check.podwright.io/<rule-id>`
 * annotations that give a reason, then the configuration's `exemptions` whose kind,
 * namespace and name (unset: any) match it. Undefined when there is none. The engine and
 * the server layer both ask here, so an object is exempted the same way from every rule.
 */
export function exemptionsOf(
  annotations: Readonly<Record<string, unknown>> | undefined, ref: Pick<ObjectRef, 'kind' | 'namespace' | 'name'>, exemptions: readonly Exemption[],
): Map<string, string> | undefined {
  let map: Map<string, string> | undefined;
  const add = (rule: string, reason: string) => (map ??= new Map()).set(rule, reason);
  if (annotations) {
    for (const key of Object.keys(annotations)) {
      if (!key.startsWith(EXEMPT_ANNOTATION_PREFIX)) continue;
      const value = annotations[key];
      if (typeof value === 'string' && value.trim() !== '') add(exemptedRuleId(key.slice(EXEMPT_ANNOTATION_PREFIX.length)), value);
    }
  }
  for (const e of exemptions) {
    if ((e.kind === undefined || e.kind === ref.kind)
      && (e.name === undefined || e.name === ref.name)
      && (e.namespace === undefined || e.namespace === ref.namespace)) {
      add(e.rule, e.reason);
    }
  }
  return map;
}

/**
 * The annotation a podwright construct puts on each object it renders to record the
 * Pod Security level it promises (`restricted`, `baseline` or `privileged`). The engine
 * checks that object's pods at that level instead of the configured default, so a pod
 * built at `baseline` on purpose is held to baseline. The namespace it runs in must
 * enforce that level or a looser one.
 */
export const POD_SECURITY_ANNOTATION = 'podwright.io/pod-security';

/** The level an object promises by its `podwright.io/pod-security` annotation (given its metadata), if any. */
export function declaredLevel(metadata: unknown): PodSecurityLevel | undefined {
  const declared = field(asObject(field(metadata, 'annotations')), POD_SECURITY_ANNOTATION);
  return declared === 'restricted' || declared === 'baseline' || declared === 'privileged' ? declared : undefined;
}

const LEVELS: readonly PodSecurityLevel[] = ['privileged', 'baseline', 'restricted'];
const SETTINGS: readonly RuleSetting[] = ['off', 'error', 'warning', 'info'];
const TOP_KEYS = ['$schema', 'k8sVersion', 'podSecurity', 'rules', 'exemptions', 'staticPodDirs', 'failOn', 'crds', 'plugins', 'namespaces'];
const NAMESPACE_KEYS = ['podSecurity', 'labels'];
const EXEMPTION_KEYS = ['rule', 'kind', 'namespace', 'name', 'reason'];

/** Thrown for a configuration that cannot be used; the message names the key and the fix. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const dp = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) dp[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0]!;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j]!;
      dp[j] = Math.min(dp[j]! + 1, dp[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length]!;
}

/** The closest candidate to `word`, when it is close enough to be a likely typo. */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const lower = word.toLowerCase();
  for (const c of candidates) {
    const d = editDistance(lower, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function unknownKey(where: string, key: string, known: readonly string[]): ConfigError {
  const hint = suggest(key, known);
  return new ConfigError(`${where}: unknown key "${key}"${hint ? `; did you mean "${hint}"?` : `; known keys: ${known.join(', ')}.`}`);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Checks a parsed configuration and applies defaults.
 * @param raw the parsed JSON (or `{}`)
 * @param builtInIds the ids of podwright's rules (the server layer's and plugin rules are added), to catch typos in `rules` and `exemptions`
 * @param source where the configuration came from, for error messages
 * @param baseDir the folder `plugins` are resolved from (the configuration file's folder)
 */
export function resolveConfig(raw: unknown, builtInIds: readonly string[], source = CONFIG_FILE_NAME, baseDir = process.cwd()): ResolvedConfig {
  if (raw === undefined || raw === null) raw = {};
  if (!isPlainObject(raw)) throw new ConfigError(`${source}: the configuration must be a JSON object, not ${Array.isArray(raw) ? 'an array' : typeof raw}.`);
  for (const key of Object.keys(raw)) {
    if (!TOP_KEYS.includes(key)) throw unknownKey(source, key, TOP_KEYS);
  }
  // The server layer's ids (server-rules.ts) are configured and exempted like rules; no package may take them.
  const ownIds = [...builtInIds, ...SERVER_RULE_IDS.filter((id) => !builtInIds.includes(id))];
  const plugins = resolvePlugins(raw.plugins, ownIds, source, baseDir);
  const ruleIds = plugins.length === 0 ? ownIds : [...ownIds, ...plugins.flatMap((p) => p.rules.map((r) => r.meta.id))];
  const k8sVersion = raw.k8sVersion === undefined ? DEFAULT_K8S_VERSION : checkVersion(raw.k8sVersion, source);
  const podSecurity = raw.podSecurity === undefined ? 'restricted' : checkLevel(raw.podSecurity, `${source}: podSecurity`);
  const rules: Record<string, RuleSetting> = {};
  if (raw.rules !== undefined) {
    if (!isPlainObject(raw.rules)) throw new ConfigError(`${source}: "rules" must be an object of rule id to one of ${SETTINGS.join(', ')}.`);
    for (const [id, setting] of Object.entries(raw.rules)) {
      if (!ruleIds.includes(id)) {
        const hint = suggest(id, ruleIds);
        throw new ConfigError(`${source}: rules."${id}" is not a podwright rule${id.includes('/') ? ' or a rule of a loaded plugin' : ''}${hint ? `; did you mean "${hint}"?` : '; run `podwright rules` for the list.'}`);
      }
      if (typeof setting !== 'string' || !SETTINGS.includes(setting as RuleSetting)) {
        throw new ConfigError(`${source}: rules."${id}" is ${JSON.stringify(setting)}; use one of ${SETTINGS.map((s) => `"${s}"`).join(', ')}.`);
      }
      if (setting !== 'error' && serverRuleMeta(id)?.refusal) throw refusalSetting(source, id, setting);
      rules[id] = setting as RuleSetting;
    }
  }
  const exemptions: Exemption[] = [];
  if (raw.exemptions !== undefined) {
    if (!Array.isArray(raw.exemptions)) throw new ConfigError(`${source}: "exemptions" must be an array of { rule, kind?, namespace?, name?, reason }.`);
    raw.exemptions.forEach((e, i) => {
      const where = `${source}: exemptions[${i}]`;
      if (!isPlainObject(e)) throw new ConfigError(`${where} must be an object { rule, kind?, namespace?, name?, reason }.`);
      for (const key of Object.keys(e)) if (!EXEMPTION_KEYS.includes(key)) throw unknownKey(where, key, EXEMPTION_KEYS);
      for (const key of EXEMPTION_KEYS) {
        if (e[key] !== undefined && typeof e[key] !== 'string') throw new ConfigError(`${where}.${key} must be a string.`);
      }
      if (typeof e.rule !== 'string' || !ruleIds.includes(e.rule)) {
        const hint = typeof e.rule === 'string' ? suggest(e.rule, ruleIds) : undefined;
        throw new ConfigError(`${where}.rule ${JSON.stringify(e.rule)} is not a podwright rule${hint ? `; did you mean "${hint}"?` : '.'}`);
      }
      if (typeof e.reason !== 'string' || e.reason.trim() === '') throw new ConfigError(`${where}.reason is required: say why the exemption is safe.`);
      exemptions.push(e as unknown as Exemption);
    });
  }
  let staticPodDirs: string[] = ['static-pods'];
  if (raw.staticPodDirs !== undefined) {
    if (!Array.isArray(raw.staticPodDirs) || raw.staticPodDirs.some((d) => typeof d !== 'string')) {
      throw new ConfigError(`${source}: "staticPodDirs" must be an array of folder names.`);
    }
    staticPodDirs = raw.staticPodDirs as string[];
  }
  let failOn: 'error' | 'warning' = 'error';
  if (raw.failOn !== undefined) {
    if (raw.failOn !== 'error' && raw.failOn !== 'warning') throw new ConfigError(`${source}: "failOn" is ${JSON.stringify(raw.failOn)}; use "error" or "warning".`);
    failOn = raw.failOn;
  }
  let crds: string[] = [];
  if (raw.crds !== undefined) {
    if (!Array.isArray(raw.crds) || raw.crds.some((d) => typeof d !== 'string' || d === '')) {
      throw new ConfigError(`${source}: "crds" must be an array of CRD files or folders, e.g. ["crds/"].`);
    }
    crds = raw.crds as string[];
  }
  const namespaces: Record<string, NamespaceSettings> = {};
  if (raw.namespaces !== undefined) {
    if (!isPlainObject(raw.namespaces)) throw new ConfigError(`${source}: "namespaces" must be an object of namespace name to { podSecurity?, labels? }.`);
    for (const [name, ns] of Object.entries(raw.namespaces)) {
      const where = `${source}: namespaces."${name}"`;
      if (!isPlainObject(ns)) throw new ConfigError(`${where} must be an object { podSecurity?, labels? }.`);
      for (const key of Object.keys(ns)) if (!NAMESPACE_KEYS.includes(key)) throw unknownKey(where, key, NAMESPACE_KEYS);
      const level = ns.podSecurity === undefined ? undefined : checkLevel(ns.podSecurity, `${where}.podSecurity`);
      let labels: Record<string, string> | undefined;
      if (ns.labels !== undefined) {
        if (!isPlainObject(ns.labels) || Object.values(ns.labels).some((v) => typeof v !== 'string')) {
          throw new ConfigError(`${where}.labels must be an object of label key to string value.`);
        }
        labels = ns.labels as Record<string, string>;
      }
      namespaces[name] = { ...(level ? { podSecurity: level } : {}), ...(labels ? { labels } : {}) };
    }
  }
  return { settings: { k8sVersion, podSecurity }, rules, exemptions, staticPodDirs, failOn, crds, plugins, namespaces };
}

/**
 * A server refusal set to `off`, `warning` or `info`. The server layer already holds that a
 * configured severity cannot overrule the server (an offline rule turned off or graded down
 * leaves the server's own refusal in the report, see withoutRepeats in
 * lib/server/server-layer.ts); a server rule has no layer behind it to report the refusal, so
 * it stays an error, and one object is exempted (with the reason) instead.
 */
function refusalSetting(source: string, id: string, setting: string): ConfigError {
  return new ConfigError(`${source}: rules."${id}" is ${JSON.stringify(setting)}; a refusal by the API server stays an error (the object would not apply), so only "error" is allowed. `
    + `To accept one object the server refuses for a reason of its own (a PriorityClass or admission webhook your cluster has), exempt it with the reason: `
    + `"exemptions": [{ "rule": "${id}", "kind": "...", "name": "...", "reason": "..." }], or the annotation ${EXEMPT_ANNOTATION_PREFIX}${id}: "<reason>".`);
}

/** Loads the `plugins` entries; a rule id may be defined once across podwright and every package. */
function resolvePlugins(raw: unknown, builtInIds: readonly string[], source: string, baseDir: string): readonly RulePlugin[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new ConfigError(`${source}: "plugins" must be an array of rule package names, such as ["@acme/k8s-rules"].`);
  const owner = new Map<string, string>(builtInIds.map((id) => [id, 'podwright']));
  return raw.map((entry, i) => {
    const where = `${source}: plugins[${i}]`;
    let plugin: RulePlugin;
    try {
      if (typeof entry === 'string') plugin = loadPlugin(entry, baseDir, where);
      else plugin = asPlugin(entry, where);
    } catch (e) {
      throw new ConfigError((e as Error).message);
    }
    for (const rule of plugin.rules) {
      const other = owner.get(rule.meta.id);
      if (other !== undefined) throw new ConfigError(`${where}: rule "${rule.meta.id}" of package "${plugin.name}" is already defined by ${other === 'podwright' ? 'podwright' : `package "${other}"`}; load each package once.`);
      owner.set(rule.meta.id, plugin.name);
    }
    return plugin;
  });
}

function checkVersion(v: unknown, source: string): string {
  if (typeof v !== 'string') throw new ConfigError(`${source}: "k8sVersion" must be a string such as "1.28".`);
  try {
    return normalizeVersion(v, `${source}: k8sVersion`);
  } catch (e) {
    throw new ConfigError((e as Error).message);
  }
}

/** Checks a Pod Security level name. */
export function checkLevel(v: unknown, where: string): PodSecurityLevel {
  if (typeof v !== 'string' || !LEVELS.includes(v as PodSecurityLevel)) {
    throw new ConfigError(`${where} is ${JSON.stringify(v)}; use one of "restricted", "baseline", "privileged".`);
  }
  return v as PodSecurityLevel;
}
