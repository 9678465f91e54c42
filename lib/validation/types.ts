import type { OutputRunTables } from './util/define-rule';

/**
 * The engine's data model. Plain data in, plain data out: nothing here imports
 * cdk8s, so the CLI starts fast and checks YAML that podwright never wrote.
 */

/** How bad a finding is. `error` fails synth and (by default) the CLI. */
export type Severity = 'error' | 'warning' | 'info';

/** The layers of checks, in the order they run; `server` is the optional real API server (lib/server). */
export type Layer = 'schema' | 'api-server' | 'pod-security' | 'practice' | 'server';

/** Pod Security Standards levels (https://kubernetes.io/docs/concepts/security/pod-security-standards/). */
export type PodSecurityLevel = 'privileged' | 'baseline' | 'restricted';

/** One step of a field path: an object key or an array index. */
export type PathSegment = string | number | MapKey;

/**
 * A key of a map field (labels, data, resources.limits, ...). The API server prints
 * map keys in brackets (`field.Path.Key`): `resources.limits[cpu]`, `data[username]`.
 */
export interface MapKey {
  readonly mapKey: string;
}

/** A field path from the root of an object, e.g. `['spec', 'containers', 0, 'ports', 1]`. */
export type Path = readonly PathSegment[];

/** A Kubernetes object as plain JSON data (what `chart.toJson()` or a YAML parser returns). */
export interface KubeObject {
  readonly [key: string]: unknown;
}

/** Where something sits in a source file; line and column are 1-based. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/**
 * One object handed to the engine, with what is known about where it came from.
 */
export interface ObjectInput {
  /** The parsed object. May be anything a YAML document can hold; the engine checks it is a mapping. */
  readonly object: unknown;
  /** The file the object was read from, if any. */
  readonly file?: string;
  /** 0-based index of the YAML document inside `file`. */
  readonly documentIndex?: number;
  /**
   * Returns the location of a field inside the source file, or of the nearest
   * ancestor that exists there. Absent for objects built in memory.
   */
  readonly locate?: (path: Path) => SourceLocation | undefined;
  /** The cdk8s construct path that produced the object, for objects built by a chart. */
  readonly constructPath?: string;
  /**
   * True when the object is a static Pod manifest for the kubelet (read from a
   * kubelet manifest folder, or marked so explicitly).
   */
  readonly staticPod?: boolean;
  /**
   * Problems found while reading the document (YAML syntax, duplicate keys,
   * alias limits, ...). Each is reported under its `ruleId`, which must be a
   * registered rule, so configuration can re-grade it like any other.
   */
  readonly problems?: readonly InputProblem[];
  /**
   * Where the object sits inside its document, for an item of a `kind: List` document
   * (`['items', 2]`): finding paths are reported from the document's root.
   */
  readonly pathPrefix?: Path;
}

/** A problem met while reading a document, before any rule ran. */
export interface InputProblem {
  readonly ruleId: string;
  readonly message: string;
  readonly fix?: string;
  readonly location?: SourceLocation;
  /** Field path, when the problem belongs to a field (a duplicate key, for example). */
  readonly path?: Path;
}

/** The object a finding is about. */
export interface ObjectRef {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly namespace?: string;
  readonly name?: string;
}

/** One thing the engine found. Carries everything every surface renders, so no surface loses detail. */
export interface Finding {
  /** The rule's id, equal to its file name under lib/validation/rules/. */
  readonly ruleId: string;
  readonly layer: Layer;
  readonly severity: Severity;
  /** What is wrong, in one sentence; for API-server and PSA rules, the server's own wording. */
  readonly message: string;
  /** How to fix it, one sentence ending with a period. */
  readonly fix: string;
  readonly object: ObjectRef;
  /** The field path, formatted as `spec.template.spec.containers[1].ports[0]`; empty for the whole object. */
  readonly path: string;
  /** Where the field sits in its file, for objects read from files. */
  readonly location?: SourceLocation;
  /** The cdk8s construct path, for objects built by a chart. */
  readonly constructPath?: string;
}

/** An object the engine did not check (a custom resource without a CRD schema). */
export interface SkippedObject {
  readonly object: ObjectRef;
  readonly reason: string;
  readonly location?: SourceLocation;
  readonly constructPath?: string;
}

/** What one engine run returns. */
export interface Report {
  readonly findings: readonly Finding[];
  /** Objects reported as "not checked". */
  readonly skipped: readonly SkippedObject[];
  /** How many objects were checked. */
  readonly objectCount: number;
  readonly settings: EngineSettings;
  /**
   * How many objects with pods were judged at each Pod Security level (their own
   * annotation, their Namespace's enforce label, the configuration, or the default).
   */
  readonly podSecurityLevels?: Readonly<Record<PodSecurityLevel, number>>;
}

/** The resolved settings one engine run uses. */
export interface EngineSettings {
  /** The target Kubernetes minor version as `1.NN`. @default '1.28' */
  readonly k8sVersion: string;
  /** The Pod Security level to enforce. @default 'restricted' */
  readonly podSecurity: PodSecurityLevel;
}

/** A user's choice for one rule in configuration. */
export type RuleSetting = 'off' | Severity;

// ---------------------------------------------------------------------------
// Rules

/** What a rule is run on. */
export type RuleScope =
  /** Once per input document, before it is known to be an object (YAML problems, non-mapping documents). */
  | 'input'
  /** Once per object. */
  | 'object'
  /** Once per pod spec: a Pod's spec, or a workload's pod template spec (CronJob, Job, Deployment, ...). */
  | 'pod'
  /** Once per engine run, with every object (cross-object checks). */
  | 'output';

/** A rule's description of itself (see lib/validation/rules/README in the docs). */
export interface RuleMeta {
  /** Equal to the rule's file name without `.ts`. */
  readonly id: string;
  readonly layer: Layer;
  /** The default severity; configuration can change it. */
  readonly severity: Severity;
  /** One line: what the rule checks. */
  readonly description: string;
  /** How to fix a violation, ending with a period. */
  readonly fix: string;
  readonly scope: RuleScope;
  /**
   * Kinds the rule applies to (for scope `object`), e.g. `['Deployment', 'StatefulSet']`.
   * `undefined` means every kind the engine knows.
   */
  readonly kinds?: readonly string[];
  /** For pod-security rules: the lowest level that includes the control. */
  readonly podSecurityLevel?: 'baseline' | 'restricted';
  /**
   * Where the rule's fact comes from: the Kubernetes function it follows
   * (`validatePodSpec` in pkg/apis/core/validation/validation.go), the PSA
   * check, or a peer linter's check.
   */
  readonly source?: string;
  /** A documentation link for people (shown in SARIF help and text output). */
  readonly docsUrl?: string;
  /** Minimum target version (inclusive) the rule applies to, as `1.NN`. */
  readonly minVersion?: string;
  /** Maximum target version (inclusive) the rule applies to, as `1.NN`. */
  readonly maxVersion?: string;
  /** Only for static Pod manifests (kubelet folder); skipped otherwise. */
  readonly staticPodOnly?: boolean;
  /** Also runs on custom resources whose CRD the run knows (object scope). */
  readonly customResources?: boolean;
}

/** What a rule passes to `report()`. */
export interface Violation {
  /** Path relative to the object root (for `object` and `output` scopes) or to the pod spec (for `pod` scope). */
  readonly path: Path;
  readonly message: string;
  /** Overrides the rule's generic fix for this finding. */
  readonly fix?: string;
  /** For `pod` scope: set to true when `path` is relative to the object root, not the pod spec. */
  readonly absolute?: boolean;
  /**
   * Overrides the location found from `path`: for input problems that sit at a
   * position in the file (a YAML syntax error) rather than at a field.
   */
  readonly location?: SourceLocation;
  /**
   * The field the finding is about, when `path` is the API server's name for it rather
   * than where it is (the server names a gcePersistentDisk's fields `persistentDisk`, a
   * downwardAPI item's fields by the volume's path): the finding is located at this field
   * and compared with other rules' findings as if it sat there. Relative like `path`.
   */
  readonly field?: Path;
}

/** An object as the engine hands it to rules. */
export interface CheckedObject {
  readonly object: KubeObject;
  readonly apiVersion: string;
  readonly kind: string;
  readonly name?: string;
  readonly namespace?: string;
  readonly input: ObjectInput;
  /** The pod specs inside this object (empty for kinds without pods). */
  readonly pods: readonly PodSite[];
  /** For a custom resource whose CRD the run knows: its compiled schema. */
  readonly customResource?: CustomResourceSchema;
}

/** The compiled schema of one served CRD version (lib/validation/schema/crd-schema.ts). */
export interface CustomResourceSchema {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespaced: boolean;
  /** Every problem of one custom resource, as the API server finds them. */
  validate(object: unknown): readonly CustomResourceProblem[];
}

/** One problem of a custom resource; `type` says which rule reports it. */
export interface CustomResourceProblem {
  readonly type: 'unknown-field' | 'schema' | 'cel' | 'not-evaluated';
  readonly path: Path;
  readonly message: string;
  readonly fix?: string;
}

/** Where a pod spec sits inside an object. */
export interface PodSite {
  /** The pod spec mapping (`spec` of a Pod, `spec.template.spec` of a Deployment, ...). */
  readonly spec: KubeObject;
  /** Path from the object root to the pod spec. */
  readonly specPath: Path;
  /** The pod's metadata (the Pod's own, or the template's); `{}` when absent. */
  readonly metadata: KubeObject;
  /** Path from the object root to that metadata. */
  readonly metadataPath: Path;
  /** True for a pod template inside a workload; false for a Pod. */
  readonly template: boolean;
}

export interface RuleContextBase {
  readonly settings: EngineSettings;
  report(violation: Violation): void;
}

export interface InputRuleContext extends RuleContextBase {
  readonly input: ObjectInput;
}

export interface ObjectRuleContext extends RuleContextBase {
  readonly target: CheckedObject;
}

export interface PodRuleContext extends RuleContextBase {
  readonly target: CheckedObject;
  readonly pod: PodSite;
}

/**
 * Output rules see every object but must not keep them: the CLI streams
 * 20,000-document files. `visit` is called once per object; keep small facts
 * and `anchor()` the fields you may report on later; `finish` reports.
 */
export interface OutputRuleSession {
  visit(target: CheckedObject, anchor: (path: Path) => Anchor): void;
  finish(ctx: OutputFinishContext): void;
  /** For rules with `steps` (see OutputRuleSteps): takes a record collected where the object was checked. */
  add?(record: OutputRecord): void;
}

/**
 * What a cross-object rule keeps of one object: plain data (strings, numbers, arrays,
 * plain objects, Maps; no functions, no class instances), so that it can be collected in
 * a worker thread and handed to the main thread. A field the rule may report on goes in
 * `anchor`: the engine moves its location when the object was read from part of a file.
 */
export interface OutputRecord {
  readonly anchor?: Anchor;
}

/**
 * A cross-object rule in two steps, so that objects can be checked in worker threads
 * (lib/validation/parallel): `collect` runs once per object where the object is checked
 * and emits records; `create` makes the one session of a run, in the main thread, which
 * takes every record in document order (`add`) and then reports (`finish`). The findings
 * must not depend on where `collect` ran.
 */
export interface OutputRuleSteps<R extends OutputRecord> {
  collect(target: CheckedObject, anchor: (path: Path) => Anchor, emit: (record: R) => void): void;
  /**
   * @param tables storage the cross-object rules of one run share (util/define-rule.ts: one
   *   copy of each string, label pair and anchor across rules) @default - tables of its own
   */
  create(settings: EngineSettings, tables: OutputRunTables): { add(record: R): void; finish(ctx: OutputFinishContext): void };
}

/** A cheap, detached reference to one field of one object, for reporting after the object is gone. */
export interface Anchor {
  readonly object: ObjectRef;
  readonly path: string;
  readonly location?: SourceLocation;
  readonly constructPath?: string;
  /** Exemption annotations of the object (rule id to reason). */
  readonly exemptions: ReadonlyMap<string, string>;
}

export interface OutputFinishContext {
  readonly settings: EngineSettings;
  report(anchor: Anchor, message: string, fix?: string): void;
}

/** One rule: a description and a check. Model: eslint's rule modules (meta + create). */
export type Rule =
  | { readonly meta: RuleMeta & { readonly scope: 'input' }; check(ctx: InputRuleContext): void }
  | { readonly meta: RuleMeta & { readonly scope: 'object' }; check(ctx: ObjectRuleContext): void }
  | { readonly meta: RuleMeta & { readonly scope: 'pod' }; check(ctx: PodRuleContext): void }
  | {
    readonly meta: RuleMeta & { readonly scope: 'output' };
    /** @param tables see OutputRuleSteps.create */
    create(settings: EngineSettings, tables?: OutputRunTables): OutputRuleSession;
    /** The rule in two steps (see OutputRuleSteps); rules without them keep a run in one thread. */
    readonly steps?: OutputRuleSteps<OutputRecord>;
  };
