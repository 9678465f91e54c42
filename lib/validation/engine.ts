import { declaredLevel, exemptionsOf, ResolvedConfig, resolveConfig } from './config';
import { isCheckedKind } from './kinds';
import { notServed } from './removed-versions';
import { CrdRegistry, isCrdObject } from './schema/crd-registry';
import { hasCrdSchema } from './schema/validator';
import { RULES } from './rules';
import { rulesOf } from './rule-set';
import {
  Anchor, CheckedObject, CustomResourceSchema, EngineSettings, Finding, InputRuleContext, KubeObject, Layer, ObjectInput, ObjectRef, ObjectRuleContext,
  OutputRecord, OutputRuleSession, Path, PodRuleContext, PodSecurityLevel, PodSite, Report, Rule, RuleMeta, Severity, SkippedObject, SourceLocation, Violation,
} from './types';
import { OutputRunTables } from './util/define-rule';
import { Interner } from './util/interner';
import { formatPath, formatPathFrom } from './util/path';
import { podSitesOf } from './util/pod-sites';
import { asObject, field, isObject } from './util/values';
import { atLeast, compareVersions, parseMinor } from './util/version';

type ScopedRule<S extends Rule['meta']['scope']> = Extract<Rule, { readonly meta: { readonly scope: S } }>;
const is = <S extends Rule['meta']['scope']>(rule: Rule, scope: S): rule is ScopedRule<S> => rule.meta.scope === scope;

/** A rule with the context object it is always called with. */
interface Runner {
  readonly rule: Rule;
  readonly severity: Severity;
  /** The rule is of the pod-security layer (judged at the object's Pod Security level). */
  readonly podSecurity: boolean;
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
  /** Settings by Pod Security level and policy version (`restricted@1.28`): a handful per run. */
  private readonly levelSettings = new Map<string, EngineSettings>();
  /** Namespace name to the Pod Security policy its enforce label sets (from the input or the configuration). */
  private readonly namespacePolicies = new Map<string, NamespacePolicy>();
  private readonly levelCounts: Record<PodSecurityLevel, number> = { privileged: 0, baseline: 0, restricted: 0 };
  private readonly targetPolicies: Partial<Record<PodSecurityLevel, NamespacePolicy>> = {};
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
  /** Objects of unknown kinds adopted from other engines (see adopt), reported as not checked at finish(). */
  private readonly adoptedPending: SkippedObject[] = [];
  /** Where finish() sends cross-object findings (see sendCrossObjectFindingsTo); undefined: into the report. */
  private crossObjectSink: ((finding: Finding) => void) | undefined;
  /** The object being checked, for reporting its violations (see emit). */
  private current: Current | undefined;
  /** Pod spec paths (podSitesOf shares one array per kind), formatted once each. */
  private readonly formattedBases = new Map<Path, string>();
  /** The fields of the current object's findings reported under the server's other name for them (Violation.field). */
  private fieldPaths: Map<Finding, string> | undefined;

  /**
   * @param config the resolved configuration
   * @param rules the rules to run @default - podwright's rules and those of the configuration's plugins
   */
  /** Every finding of every rule, without the precedence between rules (see oneFindingPerMistake). */
  private readonly allFindings: boolean;

  /**
   * @param options.allFindings keep every rule's findings, even when a more specific rule
   *   reports the same defect: for comparing each rule with the API server's full list of
   *   causes. @default false
   */
  constructor(config: ResolvedConfig = resolveConfig({}, RULES.map((r) => r.meta.id)), rules: readonly Rule[] = rulesOf(config), options: { readonly allFindings?: boolean } = {}) {
    this.config = config;
    this.allFindings = options.allFindings === true;
    this.crds = new CrdRegistry(config.crdRegistry);
    for (const [name, ns] of Object.entries(config.namespaces ?? {})) {
      const policy = ns.labels ? policyOfLabels(ns.labels, config.settings.k8sVersion) : undefined;
      if (policy) this.namespacePolicies.set(name, policy);
    }
    this.active = [];
    for (const rule of rules) {
      const setting = config.rules[rule.meta.id] ?? rule.meta.severity;
      // The Pod Security level is checked per object (see policyFor), not here.
      if (setting === 'off' || !appliesToSettings(rule.meta, { ...config.settings, podSecurity: 'restricted' })) continue;
      this.active.push({ rule, severity: setting });
    }
    this.sessions = [];
    const tables = new OutputRunTables();
    for (const { rule, severity } of this.active) {
      if (is(rule, 'output')) {
        this.sessions.push({ rule, severity, session: rule.create(config.settings, tables) });
        continue;
      }
      const runner: Runner = {
        rule, severity, podSecurity: rule.meta.layer === 'pod-security', base: [],
        ctx: { settings: config.settings, input: undefined, target: undefined, pod: undefined, report: (v: Violation) => this.emit(runner, v) },
      };
      (is(rule, 'input') ? this.inputRunners : is(rule, 'object') ? this.objectRunners : this.podRunners).push(runner);
    }
  }

  /** Checks one object (or one unreadable document) and returns the findings for it. */
  check(input: ObjectInput): Finding[] {
    const items = listItems(input.object);
    if (!items) return this.run(input, true);
    // A List (what `kubectl get -o yaml` prints, and kubectl apply takes): each item is
    // an object of its own, located and reported under `items[i]` of the document. The
    // document's reading problems are reported once, with the first item.
    const out: Finding[] = [];
    items.forEach((object, i) => {
      const prefix: Path = [...(input.pathPrefix ?? []), 'items', i];
      const locate = input.locate;
      out.push(...this.run({
        ...input,
        object,
        pathPrefix: prefix,
        locate: locate && ((path: Path) => locate(['items', i, ...path])),
        problems: i === 0 ? input.problems : undefined,
      }, true));
    });
    return out;
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

  /**
   * Forgets the findings check() has recorded so far (check() returned them): for a caller
   * that keeps each object's findings itself (the CLI's result store, which spills them to
   * disk), so that they are not held twice. finish()'s report then lists only what was
   * recorded after the last call: when called after every check(), what finish() adds.
   */
  releaseFindings(): void {
    this.findings.length = 0;
  }

  private run(input: ObjectInput, record: boolean): Finding[] {
    const out: Finding[] = [];
    const root = isObject(input.object) ? input.object : undefined;
    if (root) this.declareNamespace(root);
    const policy = root ? this.policyFor(root) : this.policyAtTarget(this.config.settings.podSecurity);
    const level = policy.level;
    const settings = this.config.settings;
    // Pod Security rules judge at the object's level and its Namespace's policy version.
    const podSecuritySettings = this.settingsAt(level, policy.version);
    const ref = root ? objectRefOf(root) : {};
    const exemptions = root ? this.exemptionsFor(root, ref) : NO_EXEMPTIONS;
    this.current = { out, exemptions, ref, input };

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
    const known = isCheckedKind(apiVersion, kind, this.config.settings.k8sVersion);
    if (record && isCrdObject(root)) this.crds.addCrd(root, input.file ?? input.constructPath);
    const customResource = known ? undefined : this.crds.lookup(apiVersion, kind);
    // A built-in kind at an apiVersion the target does not serve is checked: schema-api-version-kind reports it.
    if (record && !known && !customResource && apiVersion !== '' && kind !== '' && !hasCrdSchema(apiVersion, kind) && !notServed(apiVersion, kind, this.config.settings.k8sVersion)) {
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
    if (record && target.pods.length > 0) this.levelCounts[level]++;
    for (const r of objectRunners) {
      r.ctx.settings = r.podSecurity ? podSecuritySettings : settings;
      r.ctx.target = target;
      r.base = ROOT;
      (r.rule as ScopedRule<'object'>).check(r.ctx as ObjectRuleContext);
    }
    if (target.pods.length > 0) {
      for (const r of podRunners) {
        r.ctx.settings = r.podSecurity ? podSecuritySettings : settings;
        r.ctx.target = target;
        for (const pod of target.pods) {
          r.ctx.pod = pod;
          r.base = pod.specPath;
          (r.rule as ScopedRule<'pod'>).check(r.ctx as PodRuleContext);
        }
      }
    }
    if (known && record && this.sessions.length > 0) {
      const anchor = anchorOf(ref, input, exemptions);
      for (const { session } of this.sessions) session.visit(target, anchor);
    }
    this.current = undefined;
    if (out.length > 1 && !this.allFindings) oneFindingPerMistake(out, target.pods, !known, this.fieldPaths, target.kind);
    this.fieldPaths?.clear();
    if (record) this.findings.push(...out);
    return out;
  }

  /** The settings for Pod Security rules at one level and policy version (one object per pair). */
  private settingsAt(level: PodSecurityLevel, version: string): EngineSettings {
    const base = this.config.settings;
    if (level === base.podSecurity && version === base.k8sVersion) return base;
    const key = `${level}@${version}`;
    let found = this.levelSettings.get(key);
    if (!found) this.levelSettings.set(key, (found = { ...base, podSecurity: level, k8sVersion: version }));
    return found;
  }

  /**
   * Records a Namespace's Pod Security policy (its `pod-security.kubernetes.io/enforce`
   * and `enforce-version` labels) for the objects in it. `check()` does this for each
   * Namespace it sees; call it first for every Namespace of the input when objects may
   * come before their Namespace (validate() and the CLI do). Anything else is ignored.
   */
  declareNamespace(object: unknown): void {
    const declared = namespacePolicyOf(object, this.config.settings.k8sVersion);
    if (declared) this.namespacePolicies.set(declared.name, declared.policy);
  }

  /**
   * The Pod Security policy an object is judged by, in this order:
   * 1. its own `podwright.io/pod-security` annotation (a construct's promise);
   * 2. the enforce label of its Namespace, when the input holds that Namespace or the
   *    configuration gives its labels (as Pod Security Admission reads it);
   * 3. the configuration's level for its namespace (`namespaces.<name>.podSecurity`);
   * 4. the configured default (`podSecurity`).
   * An object without metadata.namespace is judged by 1 and 4: the namespace it lands in
   * is chosen when it is applied.
   */
  private policyFor(root: KubeObject): NamespacePolicy {
    const metadata = asObject(field(root, 'metadata'));
    const version = this.config.settings.k8sVersion;
    const declared = declaredLevel(metadata);
    const namespace = field(metadata, 'namespace');
    const fromNamespace = typeof namespace === 'string' ? this.namespacePolicies.get(namespace) : undefined;
    if (declared) {
      return fromNamespace && fromNamespace.version !== version ? { level: declared, version: fromNamespace.version } : this.policyAtTarget(declared);
    }
    if (fromNamespace) return fromNamespace;
    const configured = typeof namespace === 'string' ? this.config.namespaces?.[namespace]?.podSecurity : undefined;
    return this.policyAtTarget(configured ?? this.config.settings.podSecurity);
  }

  /** A level at the target version's policy: one object per level, not one per object checked. */
  private policyAtTarget(level: PodSecurityLevel): NamespacePolicy {
    return (this.targetPolicies[level] ??= { level, version: this.config.settings.k8sVersion });
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

  /**
   * Records one violation of the object being checked. This runs for every finding of a
   * large file: the pod spec's path is formatted once (formattedBase), not per finding.
   */
  private emit(r: Runner, v: Violation): void {
    const cur = this.current;
    const meta = r.rule.meta;
    if (!cur) throw new Error(`rule ${meta.id} reported outside check()`);
    if (cur.exemptions.has(meta.id)) return;
    const relative = !v.absolute && r.base.length > 0;
    const path = relative ? r.base.concat(v.path) : v.path;
    const prefix = cur.input.pathPrefix;
    const shown = prefix ? formatPath(prefix.concat(path)) : relative ? formatPathFrom(this.formattedBase(r.base), v.path) : formatPath(path);
    let located = path;
    if (v.field) {
      located = relative ? r.base.concat(v.field) : v.field;
      if (!this.fieldPaths) this.fieldPaths = new Map();
    }
    const location = v.location ?? cur.input.locate?.(located);
    const finding = newFinding(meta, r.severity, messages.intern(v.message), v.fix, cur.ref, shown, location, cur.input.constructPath);
    if (v.field) this.fieldPaths!.set(finding, prefix ? formatPath(prefix.concat(located)) : formatPath(located));
    cur.out.push(finding);
  }

  private formattedBase(base: Path): string {
    let shown = this.formattedBases.get(base);
    if (shown === undefined) {
      if (this.formattedBases.size >= 64) this.formattedBases.clear(); // pod spec paths not from podSitesOf
      shown = formatPath(base);
      this.formattedBases.set(base, shown);
    }
    return shown;
  }

  /**
   * Sends the findings of cross-object rules, as finish() finds them and in its order, to
   * `sink` instead of the report (which then lists only the late findings of objects read
   * before their CRD, see mayGrow): for a caller that stores them itself (the CLI's result
   * store, which spills them to disk), so that they are never all held in memory.
   */
  sendCrossObjectFindingsTo(sink: (finding: Finding) => void): void {
    this.crossObjectSink = sink;
  }

  /** Runs cross-object rules and returns the whole report. Call once, after the last `check()`. */
  finish(): Report {
    this.checkPending();
    this.skipped.push(...this.adoptedPending.splice(0));
    const take = this.crossObjectSink ?? ((f: Finding) => this.findings.push(f));
    for (const { rule, severity, session } of this.sessions) {
      session.finish({
        settings: this.config.settings,
        report: (a, message, fix) => {
          if (!a.exemptions.has(rule.meta.id)) take(toFinding(rule.meta, severity, message, fix, a, this.crossObjectSink === undefined));
        },
      });
    }
    return {
      findings: this.findings,
      skipped: this.skipped,
      objectCount: this.objectCount,
      settings: this.config.settings,
      podSecurityLevels: { ...this.levelCounts },
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
      const settings = this.settingsAt(this.policyFor(p.root).level, this.config.settings.k8sVersion);
      const exemptions = this.exemptionsFor(p.root, ref);
      const late: Finding[] = [];
      this.current = { out: late, exemptions, ref, input: p.input };
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
    return exemptionsOf(asObject(field(field(root, 'metadata'), 'annotations')), ref, this.config.exemptions) ?? NO_EXEMPTIONS;
  }

  // -------------------------------------------------------------------------
  // Runs split across worker threads (lib/validation/parallel): each worker checks part
  // of the input with an engine of its own; this engine takes their results in document
  // order and finishes the run. Nothing above depends on these methods.

  /** The Pod Security policy of every Namespace known so far (configuration and input), as plain data. */
  namespacePolicyEntries(): [string, NamespacePolicy][] {
    return [...this.namespacePolicies];
  }

  /** Replaces the Namespace policies known so far with `entries` (what another engine's `namespacePolicyEntries()` gave). */
  useNamespacePolicies(entries: readonly (readonly [string, NamespacePolicy])[]): void {
    this.namespacePolicies.clear();
    for (const [name, policy] of entries) this.namespacePolicies.set(name, policy);
  }

  /**
   * Adds what another engine checked, as if this engine had checked those documents:
   * their findings (in document order), object and level counts, the records of
   * cross-object rules with steps, and the objects of kinds no CRD was known for, in
   * document order (not checked: the caller makes sure the input holds no CRD that
   * could still come). Call finish() after the last part.
   */
  adopt(part: AdoptedPart): void {
    for (const f of part.findings) this.findings.push(f);
    this.objectCount += part.objectCount;
    for (const level of ['privileged', 'baseline', 'restricted'] as const) this.levelCounts[level] += part.levelCounts[level];
    for (const [ruleId, record] of part.records) {
      const session = this.sessions.find((s) => s.rule.meta.id === ruleId)?.session;
      if (!session?.add) throw new Error(`rule ${ruleId} has no steps; it cannot take records from another engine`);
      session.add(record);
    }
    // As run() does: the first MAX_PENDING_CUSTOM_RESOURCES wait for finish(), the rest are reported at once.
    for (const s of part.notChecked) {
      if (this.pending.length + this.adoptedPending.length < MAX_PENDING_CUSTOM_RESOURCES) this.adoptedPending.push(s);
      else this.skipped.push(s);
    }
  }

  /** True when every cross-object rule this engine runs has steps, so that other engines can collect for it. */
  get outputRulesHaveSteps(): boolean {
    return this.sessions.every((s) => (s.rule as ScopedRule<'output'>).steps !== undefined);
  }
}

/** What one worker's engine found in part of the input (see Engine.adopt). */
export interface AdoptedPart {
  readonly findings: readonly Finding[];
  readonly objectCount: number;
  readonly levelCounts: Readonly<Record<PodSecurityLevel, number>>;
  /** [rule id, record] in document order. */
  readonly records: readonly (readonly [string, OutputRecord])[];
  /** Objects of kinds no CRD is known for, in document order. */
  readonly notChecked: readonly SkippedObject[];
}

// ---------------------------------------------------------------------------
// One finding per mistake: the precedence between rules, defined here and only here.

/**
 * Rank of a layer when two findings are about one defect: the API server's own checks
 * first (a rule that knows the field before the generic schema rule that says the same),
 * then Pod Security (the server validates an object before admission sees it), then
 * practice.
 */
const LAYER_RANK: Record<Layer, number> = { server: 5, 'api-server': 4, schema: 3, 'pod-security': 2, practice: 1 };

/** Rules whose findings are values the server cannot decode, or fields strict decoding refuses (see oneFindingPerMistake). */
const DECODE_RULES: ReadonlySet<string> = new Set(['schema-type', 'schema-unknown-field', 'schema-quantity']);

/** A finding never gives way to a milder one (a rule re-graded to warning keeps the error beside it). */
const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/**
 * Drops, in place, every finding that another finding of the same object already
 * reports (the more specific one stays). F gives way to G when
 * 1. both sit at the same path and G's layer ranks higher (schema-enum and
 *    container-ports on one protocol: container-ports stays);
 * 2. G is a server check (schema or api-server) on a field that encloses F's path and
 *    F's layer ranks lower: the server refuses the enclosing field before anything inside
 *    it is judged (an invalid securityContext hides the Pod Security findings inside it);
 * 3. F is a server check on a field enclosing G's path, G another rule's server check of
 *    a layer ranking as high: G is the more specific report of the same refusal
 *    (ephemeral-container-fields on one field of an ephemeral container that
 *    ephemeral-containers-on-create forbids; an HPA metric's name, required, under the
 *    schema's required metric).
 * A rule's own findings all stay: each rule reports what the server lists, once.
 * Before these: a value the server cannot decode leaves only the decode errors,
 * podwright's own errors (practice layer) give way to any error of the server's checks,
 * schema-required's findings on a built-in object to an error of the api-server layer in the
 * same top-level field, and a refused StatefulSet's findings about the Pods and claims its
 * controller would create to the errors that refuse it.
 * "Encloses" never counts for the object root, a pod spec or the fields above a pod
 * spec: a finding there is about the whole pod, not one field.
 * Findings of the same layer at the same path are separate checks, and all stay, but for
 * repeats: a finding with the severity, path and message of an earlier one goes.
 */
function oneFindingPerMistake(out: Finding[], pods: readonly PodSite[], notBuiltIn: boolean, fieldPaths?: ReadonlyMap<Finding, string>, kind?: string): void {
  // The server decodes a built-in object into its Go types before it validates anything:
  // a value it cannot decode ("cannot unmarshal string into Go struct field ...", a
  // quantity it cannot parse, an unknown field under strict field validation, kubectl's
  // default) refuses the object with that message alone, so nothing else about the object
  // is reported. Not when such a rule is graded below error: the configuration says it
  // does not refuse the object. (A custom resource is validated against its OpenAPI
  // schema, every cause listed.)
  const decodes = (f: Finding) => DECODE_RULES.has(f.ruleId) && f.severity === 'error';
  if (!notBuiltIn && out.some(decodes)) {
    const decode = out.filter(decodes);
    out.length = 0;
    out.push(...decode);
    return;
  }
  // podwright's own errors (an image the kubelet cannot parse, a probe on a port that does
  // not exist) are about a pod the server admitted; while the server refuses the object,
  // its refusal is the finding.
  const refused = out.some((f) => f.severity === 'error' && (f.layer === 'schema' || f.layer === 'api-server'));
  // Where each finding is: its path, or the field it is about when the path is the server's other name for it.
  const at = fieldPaths && fieldPaths.size > 0 ? (f: Finding) => fieldPaths.get(f) ?? f.path : (f: Finding) => f.path;
  // A built-in object's fields are required by the server's own checks (the api-server layer
  // ports them), not by its OpenAPI schema: those checks stop early or word a missing field
  // otherwise (a missing DaemonSet selector is reported as not matching the template's
  // labels; an Ingress path without pathType ends the path's checks before its backend).
  // While the api-server layer reports an error in the same top-level field (spec, rules ...),
  // schema-required's guess there gives way to it; elsewhere (a Role's missing verbs beside
  // its bad name) both stay.
  let apiErrorsIn: Set<string> | undefined;
  const apiErrorIn = (field: string): boolean => {
    apiErrorsIn ??= new Set(out.filter((f) => f.severity === 'error' && f.layer === 'api-server').map((f) => topField(at(f))));
    return apiErrorsIn.has(field);
  };
  let broad: Set<string> | undefined;
  const isBroad = (p: string): boolean => {
    if (p === '') return true;
    if (!broad) {
      broad = new Set();
      for (const pod of pods) for (let i = 1; i <= pod.specPath.length; i++) broad.add(formatPath(pod.specPath.slice(0, i)));
    }
    return broad.has(p);
  };
  const server = (f: Finding) => f.layer === 'schema' || f.layer === 'api-server';
  const gone = (f: Finding): boolean => {
    if (refused && f.layer === 'practice' && f.severity === 'error') return true;
    const fp = at(f);
    if (f.ruleId === 'schema-required' && !notBuiltIn && apiErrorIn(topField(fp))) return true;
    const rf = LAYER_RANK[f.layer];
    for (const g of out) {
      if (g === f || SEVERITY_RANK[g.severity] < SEVERITY_RANK[f.severity]) continue;
      // Every case below needs G's layer to rank at least as high, and all but the first a
      // server check: the cheap tests first (a pod's findings are often many of one layer).
      const rg = LAYER_RANK[g.layer];
      if (rg < rf) continue;
      const gp = at(g);
      if (gp === fp) {
        if (rg > rf) return true;
      } else if (server(g)) {
        if (encloses(gp, fp)) {
          if (rg > rf && !isBroad(gp)) return true;
        } else if (server(f) && g.ruleId !== f.ruleId && encloses(fp, gp) && !isBroad(fp)) {
          return true;
        }
      }
    }
    return false;
  };
  // A StatefulSet: the server checks its own fields and a few of its template's
  // (statefulset-spec), not the pod spec in the template (ValidatePodTemplateSpecForStatefulSet
  // leaves ValidatePodTemplateSpec out) nor its claim templates; what podwright finds there is
  // what the Pods and claims its controller creates are refused for. While the StatefulSet
  // itself is refused, its controller creates nothing: those findings give way.
  const created = !notBuiltIn && kind === 'StatefulSet' && pods.length > 0 ? createdObjectFindings(out, formatPath(pods[0]!.specPath), at) : undefined;
  // The server words a refusal from its error list with duplicates dropped (ErrorList.ToAggregate
  // in apimachinery's field/errors.go): a finding with the severity, path and message of an
  // earlier one goes.
  const keep: Finding[] = [];
  const repeated = (f: Finding): boolean => keep.some((g) => g.path === f.path && g.message === f.message && g.severity === f.severity);
  for (const f of out) if (!created?.has(f) && !gone(f) && !repeated(f)) keep.push(f);
  if (keep.length === out.length) return;
  out.length = 0;
  out.push(...keep);
}

/** Rules that report on a StatefulSet what its controller's Pods and claims are refused for, not the StatefulSet. */
const CREATED_OBJECT_RULES: ReadonlySet<string> = new Set(['controller-created-objects', 'statefulset-volume-claim-templates']);

/**
 * A StatefulSet's errors about what its controller creates (in the pod spec of its template,
 * bar statefulset-spec's own checks there, and those of CREATED_OBJECT_RULES), when another
 * error refuses the StatefulSet itself; else none.
 */
function createdObjectFindings(out: readonly Finding[], podSpec: string, at: (f: Finding) => string): ReadonlySet<Finding> | undefined {
  const server = (f: Finding) => f.severity === 'error' && (f.layer === 'schema' || f.layer === 'api-server');
  const aboutCreated = (f: Finding) => server(f) && f.ruleId !== 'statefulset-spec'
    && (CREATED_OBJECT_RULES.has(f.ruleId) || at(f) === podSpec || encloses(podSpec, at(f)));
  const createdOnes = out.filter(aboutCreated);
  if (createdOnes.length === 0 || !out.some((f) => server(f) && !aboutCreated(f))) return undefined;
  return new Set(createdOnes);
}

/** The first field of a formatted path (`spec` of `spec.rules[0]`, `rules` of `rules[0].verbs`). */
function topField(path: string): string {
  const end = path.search(/[.[]/);
  return end === -1 ? path : path.slice(0, end);
}

/** True when `outer` is a proper ancestor of `inner` (`a.b` of `a.b.c` and `a.b[0]`). */
function encloses(outer: string, inner: string): boolean {
  return inner.length > outer.length && inner.startsWith(outer) && (outer === '' || inner[outer.length] === '.' || inner[outer.length] === '[');
}

/** Validates objects already in memory and returns one report. Namespaces are read first, wherever they are in the list. */
export function validate(inputs: Iterable<ObjectInput>, config?: ResolvedConfig): Report {
  const engine = new Engine(config);
  const list = Array.isArray(inputs) ? inputs as readonly ObjectInput[] : [...inputs];
  for (const input of list) engine.declareNamespace(input.object);
  for (const input of list) engine.check(input);
  return engine.finish();
}

/** A Pod Security level and the policy version it is judged at (`1.NN`). */
export interface NamespacePolicy {
  readonly level: PodSecurityLevel;
  readonly version: string;
}

/** The Namespace label Pod Security Admission enforces, and the policy version it enforces. */
export const PSA_ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';
export const PSA_ENFORCE_VERSION_LABEL = 'pod-security.kubernetes.io/enforce-version';

/** A Namespace object's name and the policy its enforce label sets; undefined for other objects and unlabelled Namespaces. */
export function namespacePolicyOf(object: unknown, target: string): { readonly name: string; readonly policy: NamespacePolicy } | undefined {
  if (!isObject(object) || object.kind !== 'Namespace' || object.apiVersion !== 'v1') return undefined;
  const metadata = asObject(field(object, 'metadata'));
  const name = field(metadata, 'name');
  const labels = asObject(field(metadata, 'labels'));
  if (typeof name !== 'string' || !labels) return undefined;
  const policy = policyOfLabels(labels, target);
  return policy ? { name, policy } : undefined;
}

/**
 * The policy a Namespace's labels enforce, as Pod Security Admission reads them
 * (PolicyToEvaluate in staging/src/k8s.io/pod-security-admission/api/helpers.go): no
 * enforce label, no policy (the next source decides); an enforce level it cannot parse
 * is enforced as restricted, as PSA does; the version is `latest` (the target version)
 * unless `enforce-version` names an older `v1.NN`; a newer or unreadable one counts as
 * latest.
 */
export function policyOfLabels(labels: Readonly<Record<string, unknown>>, target: string): NamespacePolicy | undefined {
  const raw = labels[PSA_ENFORCE_LABEL];
  if (raw === undefined) return undefined;
  const level: PodSecurityLevel = raw === 'privileged' || raw === 'baseline' || raw === 'restricted' ? raw : 'restricted';
  const v = labels[PSA_ENFORCE_VERSION_LABEL];
  const minor = typeof v === 'string' && /^v1\.\d+$/.test(v) ? parseMinor(v) : undefined;
  const version = minor !== undefined && compareVersions(`1.${minor}`, target) < 0 ? `1.${minor}` : target;
  return { level, version };
}

/**
 * The items of a List document (`kind: List`, or any `<Kind>List`, with an `items` array:
 * kubectl apply takes each item as an object of its own), else undefined.
 */
export function listItems(object: unknown): unknown[] | undefined {
  if (!isObject(object)) return undefined;
  const kind = field(object, 'kind');
  const items = field(object, 'items');
  if (typeof kind !== 'string' || !kind.endsWith('List') || !Array.isArray(items)) return undefined;
  if (typeof field(object, 'apiVersion') !== 'string') return undefined;
  return items;
}

/** True when a rule runs under these settings (version window, Pod Security level). */
function appliesToSettings(meta: RuleMeta, settings: EngineSettings): boolean {
  if (meta.minVersion && !atLeast(settings.k8sVersion, meta.minVersion)) return false;
  if (meta.maxVersion && compareVersions(settings.k8sVersion, meta.maxVersion) > 0) return false;
  if (meta.podSecurityLevel && LEVEL_ORDER[settings.podSecurity] < LEVEL_ORDER[meta.podSecurityLevel]) return false;
  return true;
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

/**
 * A cross-object rule's finding. Kept by the engine (`keep`), its message is shared as a
 * checked object's are; handed to a sink that stores it at once, it is not: those messages
 * name their objects and seldom repeat, and the interner would only keep them alive.
 */
function toFinding(meta: RuleMeta, severity: Severity, message: string, fix: string | undefined, a: Anchor, keep: boolean): Finding {
  return newFinding(meta, severity, keep ? messages.intern(message) : message, fix, a.object, a.path, a.location, a.constructPath);
}

function newFinding(
  meta: RuleMeta, severity: Severity, message: string, fix: string | undefined,
  object: ObjectRef, path: string, location: SourceLocation | undefined, constructPath: string | undefined,
): Finding {
  // Every finding has the same fields in the same order (absent ones undefined, which
  // JSON leaves out): one shape, so the code that reads findings by the ten thousand
  // (oneFindingPerMistake, the report formats) stays optimized.
  return {
    ruleId: meta.id,
    layer: meta.layer,
    severity,
    message,
    fix: fix ?? meta.fix,
    object,
    path,
    location: location || undefined,
    constructPath: constructPath || undefined,
  };
}

/** The object being checked, as emit() needs it. */
interface Current {
  readonly out: Finding[];
  readonly exemptions: ReadonlyMap<string, string>;
  readonly ref: ObjectRef;
  readonly input: ObjectInput;
}

/** What output rules get to anchor a field of the object being visited (see OutputRuleSession). */
function anchorOf(ref: ObjectRef, input: ObjectInput, exemptions: ReadonlyMap<string, string>): (path: Path) => Anchor {
  const prefix = input.pathPrefix;
  return (path: Path): Anchor => ({
    object: ref,
    path: formatPath(prefix ? prefix.concat(path) : path),
    location: input.locate?.(path),
    constructPath: input.constructPath,
    exemptions,
  });
}
