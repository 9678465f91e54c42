import { EXEMPT_ANNOTATION_PREFIX, exemptedRuleId, POD_SECURITY_ANNOTATION, ResolvedConfig, resolveConfig } from './config';
import { isCheckedKind } from './kinds';
import { CrdRegistry, isCrdObject } from './schema/crd-registry';
import { hasCrdSchema } from './schema/validator';
import { RULES } from './rules';
import { rulesOf } from './rule-set';
import {
  Anchor, CheckedObject, CustomResourceSchema, EngineSettings, Finding, InputRuleContext, KubeObject, ObjectInput, ObjectRef, ObjectRuleContext,
  OutputRuleSession, Path, PodRuleContext, PodSecurityLevel, PodSite, Report, Rule, RuleMeta, Severity, SkippedObject, Violation,
} from './types';
import { Interner } from './util/interner';
import { formatPath } from './util/path';
import { podSitesOf } from './util/pod-sites';
import { asObject, field, isObject } from './util/values';
import { atLeast, compareVersions } from './util/version';

type ScopedRule<S extends Rule['meta']['scope']> = Extract<Rule, { readonly meta: { readonly scope: S } }>;
const is = <S extends Rule['meta']['scope']>(rule: Rule, scope: S): rule is ScopedRule<S> => rule.meta.scope === scope;

/** A rule with the context object it is always called with. */
interface Runner {
  readonly rule: Rule;
  readonly severity: Severity;
  /** Path prefix of the current call's violations (the pod spec, for pod rules). */
  base: Path;
  readonly ctx: {
    settings: EngineSettings;
    input?: ObjectInput;
    target?: CheckedObject;
    pod?: PodSite;
    report(v: Violation): void;
  };
}

/** The empty path, shared. */
const ROOT: Path = Object.freeze([]);

const NO_EXEMPTIONS: ReadonlyMap<string, string> = new Map();

const LEVEL_ORDER: Record<PodSecurityLevel, number> = { privileged: 0, baseline: 1, restricted: 2 };

/**
 * How many objects of unknown kinds a run keeps waiting for a CRD that may come later
 * in the input; past that, they are reported as not checked at once (memory stays flat).
 */
export const MAX_PENDING_CUSTOM_RESOURCES = 10_000;

/** An object of a kind no CRD was known for yet when it was read. */
interface Pending {
  readonly input: ObjectInput;
  readonly root: KubeObject;
  readonly out: Finding[];
  readonly apiVersion: string;
  readonly kind: string;
}

/**
 * The validation engine. Feed it objects one at a time with `check()` (the CLI
 * streams large files this way), then call `finish()` for cross-object rules and
 * the report. For a list already in memory, use `validate()`.
 */
export class Engine {
  readonly config: ResolvedConfig;
  private readonly active: { rule: Rule; severity: Severity }[];
  /** One reusable context per rule and scope: no closures are made per object (20,000-document files). */
  private readonly inputRunners: Runner[] = [];
  private readonly objectRunners: Runner[] = [];
  private readonly podRunners: Runner[] = [];
  private readonly levelSettings: Partial<Record<PodSecurityLevel, EngineSettings>> = {};
  /** By kind, then by (known, level, static Pod): see runnersFor. */
  private readonly runnerCache = new Map<string, ({ objectRunners: Runner[]; podRunners: Runner[] } | undefined)[]>();
  private readonly sessions: { rule: Rule; severity: Severity; session: OutputRuleSession }[];
  private readonly findings: Finding[] = [];
  private readonly skipped: SkippedObject[] = [];
  private objectCount = 0;
  /** The CRDs this run knows: the configured ones plus those found in the input. */
  private readonly crds: CrdRegistry;
  private readonly pending: Pending[] = [];
  /** Finding lists of pending objects: they may still grow at finish(). */
  private readonly pendingOut = new WeakSet<Finding[]>();
  /** What the object being checked needs for reporting. */
  private current: { out: Finding[]; exemptions: ReadonlyMap<string, string>; anchor: (path: Path) => Anchor } | undefined;

  /**
   * @param config the resolved configuration
   * @param rules the rules to run @default - podwright's rules and those of the configuration's plugins
   */
  constructor(config: ResolvedConfig = resolveConfig({}, RULES.map((r) => r.meta.id)), rules: readonly Rule[] = rulesOf(config)) {
    this.config = config;
    this.crds = new CrdRegistry(config.crdRegistry);
    this.active = [];
    for (const rule of rules) {
      const setting = config.rules[rule.meta.id] ?? rule.meta.severity;
      // The Pod Security level is checked per object (see levelFor), not here.
      if (setting === 'off' || !appliesToSettings(rule.meta, { ...config.settings, podSecurity: 'restricted' })) continue;
      this.active.push({ rule, severity: setting });
    }
    this.sessions = [];
    for (const { rule, severity } of this.active) {
      if (is(rule, 'output')) {
        this.sessions.push({ rule, severity, session: rule.create(config.settings) });
        continue;
      }
      const runner: Runner = {
        rule, severity, base: [],
        ctx: { settings: config.settings, input: undefined, target: undefined, pod: undefined, report: (v: Violation) => this.emit(runner, v) },
      };
      (is(rule, 'input') ? this.inputRunners : is(rule, 'object') ? this.objectRunners : this.podRunners).push(runner);
    }
  }

  /** Checks one object (or one unreadable document) and returns the findings for it. */
  check(input: ObjectInput): Finding[] {
    return this.run(input, true);
  }

  /**
   * Checks one object and returns its findings without adding them to the report,
   * counting the object, or showing it to cross-object rules: for constructs that check
   * each part as it is added.
   */
  inspect(input: ObjectInput): Finding[] {
    return this.run(input, false);
  }

  /**
   * True when `findings` (what check() returned) belong to an object of a kind whose CRD
   * may still come later in the input: finish() then checks it and adds to that list.
   */
  mayGrow(findings: readonly Finding[]): boolean {
    return this.pendingOut.has(findings as Finding[]);
  }

  private run(input: ObjectInput, record: boolean): Finding[] {
    const out: Finding[] = [];
    const root = isObject(input.object) ? input.object : undefined;
    const level = root ? levelFor(root, this.config.settings.podSecurity) : this.config.settings.podSecurity;
    const settings = this.settingsAt(level);
    const ref = root ? objectRefOf(root) : {};
    const exemptions = root ? this.exemptionsFor(root, ref) : NO_EXEMPTIONS;
    const anchor = (path: Path): Anchor => ({
      object: ref,
      path: formatPath(path),
      location: input.locate?.(path),
      constructPath: input.constructPath,
      exemptions,
    });
    this.current = { out, exemptions, anchor };

    for (const r of this.inputRunners) {
      r.ctx.settings = settings;
      r.ctx.input = input;
      r.base = ROOT;
      (r.rule as ScopedRule<'input'>).check(r.ctx as InputRuleContext);
    }
    if (!root) {
      if (record) this.findings.push(...out);
      return out;
    }
    if (record) this.objectCount++;
    const apiVersion = typeof root.apiVersion === 'string' ? root.apiVersion : '';
    const kind = typeof root.kind === 'string' ? root.kind : '';
    const known = isCheckedKind(apiVersion, kind);
    if (record && isCrdObject(root)) this.crds.addCrd(root, input.file ?? input.constructPath);
    const customResource = known ? undefined : this.crds.lookup(apiVersion, kind);
    if (record && !known && !customResource && apiVersion !== '' && kind !== '' && !hasCrdSchema(apiVersion, kind)) {
      if (this.pending.length < MAX_PENDING_CUSTOM_RESOURCES) {
        // Its CRD may come later in the input: finish() checks it then, or says it was not checked.
        this.pending.push({ input, root, out, apiVersion, kind });
        this.pendingOut.add(out);
      } else {
        this.skipped.push(notChecked(ref, input, apiVersion, kind));
      }
    }
    const target: CheckedObject = {
      object: root,
      apiVersion,
      kind,
      name: ref.name,
      namespace: ref.namespace,
      input,
      pods: known ? podSitesOf(kind, root) : [],
      customResource,
    };
    const { objectRunners, podRunners } = this.runnersFor(kind, known ? 1 : customResource ? 2 : 0, level, input.staticPod === true);
    for (const r of objectRunners) {
      r.ctx.settings = settings;
      r.ctx.target = target;
      r.base = ROOT;
      (r.rule as ScopedRule<'object'>).check(r.ctx as ObjectRuleContext);
    }
    if (target.pods.length > 0) {
      for (const r of podRunners) {
        r.ctx.settings = settings;
        r.ctx.target = target;
        for (const pod of target.pods) {
          r.ctx.pod = pod;
          r.base = pod.specPath;
          (r.rule as ScopedRule<'pod'>).check(r.ctx as PodRuleContext);
        }
      }
    }
    if (known && record) {
      for (const { session } of this.sessions) session.visit(target, anchor);
    }
    this.current = undefined;
    if (record) this.findings.push(...out);
    return out;
  }

  /** The settings with the Pod Security level an object is held to (one object per level). */
  private settingsAt(level: PodSecurityLevel): EngineSettings {
    if (level === this.config.settings.podSecurity) return this.config.settings;
    return (this.levelSettings[level] ??= { ...this.config.settings, podSecurity: level });
  }

  /**
   * The object and pod rules that apply to objects of one kind, level and static-Pod
   * setting, in rule order; computed once per combination (a 20,000-document file has a
   * handful), not per object.
   */
  private runnersFor(kind: string, kindClass: 0 | 1 | 2, level: PodSecurityLevel, staticPod: boolean): { objectRunners: Runner[]; podRunners: Runner[] } {
    let slots = this.runnerCache.get(kind);
    if (!slots) {
      if (this.runnerCache.size >= 1024) this.runnerCache.clear(); // a file of made-up kinds
      slots = [];
      this.runnerCache.set(kind, slots);
    }
    // kindClass: 0 unknown kind, 1 built-in kind, 2 custom resource of a known CRD.
    const known = kindClass === 1;
    const slot = (kindClass * 3 + LEVEL_ORDER[level]) * 2 + (staticPod ? 1 : 0);
    let found = slots[slot];
    if (!found) {
      const applies = (meta: RuleMeta) => !(meta.staticPodOnly && !staticPod)
        && !(meta.podSecurityLevel && LEVEL_ORDER[level] < LEVEL_ORDER[meta.podSecurityLevel])
        && !(meta.kinds && !meta.kinds.includes(kind));
      found = {
        // Schema rules also run on objects that lack apiVersion/kind, to say so.
        objectRunners: this.objectRunners.filter((r) => (known || r.rule.meta.layer === 'schema' || (kindClass === 2 && r.rule.meta.customResources === true)) && applies(r.rule.meta)),
        podRunners: this.podRunners.filter((r) => applies(r.rule.meta)),
      };
      slots[slot] = found;
    }
    return found;
  }

  /** Records one violation of the object being checked. */
  private emit(r: Runner, v: Violation): void {
    const cur = this.current;
    if (!cur) throw new Error(`rule ${r.rule.meta.id} reported outside check()`);
    if (cur.exemptions.has(r.rule.meta.id)) return;
    const a = cur.anchor(v.absolute ? v.path : [...r.base, ...v.path]);
    cur.out.push(toFinding(r.rule.meta, r.severity, v.message, v.fix, v.location ? { ...a, location: v.location } : a));
  }

  /** Runs cross-object rules and returns the whole report. Call once, after the last `check()`. */
  finish(): Report {
    this.checkPending();
    for (const { rule, severity, session } of this.sessions) {
      session.finish({
        settings: this.config.settings,
        report: (a, message, fix) => {
          if (!a.exemptions.has(rule.meta.id)) this.findings.push(toFinding(rule.meta, severity, message, fix, a));
        },
      });
    }
    return {
      findings: this.findings,
      skipped: this.skipped,
      objectCount: this.objectCount,
      settings: this.config.settings,
    };
  }

  /**
   * Objects read before their CRD: checked now against it with the rules that run on
   * custom resources, their findings added to the lists check() returned (the schema
   * layer's other rules ran when they were read); the others are reported as not checked.
   */
  private checkPending(): void {
    const pending = this.pending.splice(0);
    let runners: Runner[] | undefined;
    for (const p of pending) {
      this.pendingOut.delete(p.out);
      const ref = objectRefOf(p.root);
      const customResource: CustomResourceSchema | undefined = this.crds.lookup(p.apiVersion, p.kind);
      if (!customResource) {
        this.skipped.push(notChecked(ref, p.input, p.apiVersion, p.kind));
        continue;
      }
      runners ??= this.objectRunners.filter((r) => r.rule.meta.customResources === true);
      const settings = this.settingsAt(levelFor(p.root, this.config.settings.podSecurity));
      const exemptions = this.exemptionsFor(p.root, ref);
      const anchor = (path: Path): Anchor => ({
        object: ref,
        path: formatPath(path),
        location: p.input.locate?.(path),
        constructPath: p.input.constructPath,
        exemptions,
      });
      const late: Finding[] = [];
      this.current = { out: late, exemptions, anchor };
      const target: CheckedObject = {
        object: p.root, apiVersion: p.apiVersion, kind: p.kind, name: ref.name, namespace: ref.namespace,
        input: p.input, pods: [], customResource,
      };
      for (const r of runners) {
        if (r.rule.meta.kinds && !r.rule.meta.kinds.includes(p.kind)) continue;
        r.ctx.settings = settings;
        r.ctx.target = target;
        r.base = ROOT;
        (r.rule as ScopedRule<'object'>).check(r.ctx as ObjectRuleContext);
      }
      this.current = undefined;
      p.out.push(...late);
      this.findings.push(...late);
    }
  }

  /** Rule id to reason; the shared empty map when the object has no exemption (anchors keep it). */
  private exemptionsFor(root: KubeObject, ref: ObjectRef): ReadonlyMap<string, string> {
    let map: Map<string, string> | undefined;
    const add = (rule: string, reason: string) => (map ??= new Map()).set(rule, reason);
    const annotations = asObject(field(field(root, 'metadata'), 'annotations'));
    if (annotations) {
      for (const [key, value] of Object.entries(annotations)) {
        if (key.startsWith(EXEMPT_ANNOTATION_PREFIX) && typeof value === 'string' && value.trim() !== '') {
          add(exemptedRuleId(key.slice(EXEMPT_ANNOTATION_PREFIX.length)), value);
        }
      }
    }
    for (const e of this.config.exemptions) {
      if ((e.kind === undefined || e.kind === ref.kind)
        && (e.name === undefined || e.name === ref.name)
        && (e.namespace === undefined || e.namespace === ref.namespace)) {
        add(e.rule, e.reason);
      }
    }
    return map ?? NO_EXEMPTIONS;
  }
}

/** Validates objects already in memory and returns one report. */
export function validate(inputs: Iterable<ObjectInput>, config?: ResolvedConfig): Report {
  const engine = new Engine(config);
  for (const input of inputs) engine.check(input);
  return engine.finish();
}

/** True when a rule runs under these settings (version window, Pod Security level). */
function appliesToSettings(meta: RuleMeta, settings: EngineSettings): boolean {
  if (meta.minVersion && !atLeast(settings.k8sVersion, meta.minVersion)) return false;
  if (meta.maxVersion && compareVersions(settings.k8sVersion, meta.maxVersion) > 0) return false;
  if (meta.podSecurityLevel && LEVEL_ORDER[settings.podSecurity] < LEVEL_ORDER[meta.podSecurityLevel]) return false;
  return true;
}

/** The Pod Security level an object is held to: its podwright annotation, else the configured one. */
function levelFor(root: KubeObject, configured: PodSecurityLevel): PodSecurityLevel {
  const declared = field(asObject(field(field(root, 'metadata'), 'annotations')), POD_SECURITY_ANNOTATION);
  return declared === 'restricted' || declared === 'baseline' || declared === 'privileged' ? declared : configured;
}

function notChecked(object: ObjectRef, input: ObjectInput, apiVersion: string, kind: string): SkippedObject {
  return {
    object,
    reason: `${kind} (${apiVersion}) is not a built-in kind podwright knows; not checked`,
    location: input.locate?.([]),
    constructPath: input.constructPath,
  };
}

function objectRefOf(root: KubeObject): ObjectRef {
  const metadata = asObject(field(root, 'metadata'));
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    apiVersion: str(field(root, 'apiVersion')),
    kind: str(field(root, 'kind')),
    namespace: str(field(metadata, 'namespace')),
    name: str(field(metadata, 'name')) ?? str(field(metadata, 'generateName')),
  };
}

/** Findings are kept for the whole run; many repeat a message word for word. */
const messages = new Interner();

function toFinding(meta: RuleMeta, severity: Severity, message: string, fix: string | undefined, a: Anchor): Finding {
  const f: {
    -readonly [K in keyof Finding]: Finding[K];
  } = {
    ruleId: meta.id,
    layer: meta.layer,
    severity,
    message: messages.intern(message),
    fix: fix ?? meta.fix,
    object: a.object,
    path: a.path,
  };
  if (a.location) f.location = a.location;
  if (a.constructPath) f.constructPath = a.constructPath;
  return f;
}
