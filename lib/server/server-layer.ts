import { declaredLevel, Exemption, exemptionsOf, NamespaceSettings, ResolvedConfig } from '../validation/config';
import { namespacePolicyOf, policyOfLabels } from '../validation/engine';
import { serverRuleMeta } from '../validation/server-rules';
import { Finding, KubeObject, ObjectInput, Path, PodSecurityLevel, RuleSetting } from '../validation/types';
import { formatPath } from '../validation/util/path';
import { DocumentResult, FindingList, objectRefOf, RunResult } from '../validation/yaml/validate-files';
import { podSitesOf } from '../validation/util/pod-sites';
import { asObject, asString, field, isObject } from '../validation/util/values';
import { DEFAULT_K8S_VERSION } from '../validation/util/version';
import { DryRunTarget, ServerVerdict } from './api-server';
import { CreatedVerdict, EffectiveVerdict, effectiveVerdict } from './effective';
import { parseFieldPath } from './field-path';

/**
 * The rule ids of the server layer, with their fixes. They are not offline rules (nothing in
 * lib/validation/rules checks them): each names what the real server said. Their metadata
 * (description, default severity, which are refusals) is lib/validation/server-rules.ts,
 * where the configuration, `podwright rules` and SARIF read it.
 */
export const SERVER_RULES = {
  refused: ruleOf('server-refused'),
  createdRefused: ruleOf('server-created-refused'),
  podSecurity: ruleOf('server-pod-security'),
  warning: ruleOf('server-warning'),
} as const;

function ruleOf<I extends string>(id: I): { readonly id: I; readonly fix: string } {
  const meta = serverRuleMeta(id);
  if (!meta) throw new Error(`server layer: no rule ${id} in server-rules.ts`);
  return { id, fix: meta.fix };
}

/**
 * What the configuration says about the server layer's findings: its `rules` settings and its
 * `exemptions` (the fields of ResolvedConfig, plain data: they cross to the synth gate's child process).
 */
export interface ServerFindingSettings {
  /** Rule id to `off` or a severity (the configuration's `rules`). @default {} */
  readonly rules?: Readonly<Record<string, RuleSetting>>;
  /** The configuration's `exemptions` (the object's `ignore-check.podwright.io/<id>` annotations count too). @default [] */
  readonly exemptions?: readonly Exemption[];
}

/**
 * The severity a server finding of `ruleId` is reported at, or `off`. A refusal stays an
 * error whatever it is given (resolveConfig refuses other settings; this holds for
 * configurations built by hand too): the object would not apply.
 */
function settingOf(ruleId: string, rules: Readonly<Record<string, RuleSetting>> | undefined): RuleSetting {
  const meta = serverRuleMeta(ruleId);
  if (!meta) throw new Error(`server layer: unknown rule ${ruleId}`);
  return meta.refusal ? 'error' : rules?.[ruleId] ?? meta.severity;
}

/**
 * The Pod Security level each object is checked at, in the order the offline engine judges it
 * (Engine.policyFor in lib/validation/engine.ts): the object's podwright.io/pod-security
 * annotation; the `pod-security.kubernetes.io/enforce` label of its Namespace, when the input
 * holds that Namespace (wherever it is) or the configuration gives its labels; the
 * configuration's `namespaces.<name>.podSecurity`; the configured default. The level alone: the
 * harness's namespaces enforce the v1.28 policy (an `enforce-version` label is not followed).
 */
function levelsOf(inputs: readonly ObjectInput[], options: ServerCheckOptions): (object: KubeObject) => PodSecurityLevel {
  const enforced = new Map<string, PodSecurityLevel>();
  for (const [name, ns] of Object.entries(options.namespaces ?? {})) {
    const policy = ns.labels ? policyOfLabels(ns.labels, DEFAULT_K8S_VERSION) : undefined;
    if (policy) enforced.set(name, policy.level);
  }
  for (const input of inputs) {
    const declared = namespacePolicyOf(input.object, DEFAULT_K8S_VERSION);
    if (declared) enforced.set(declared.name, declared.policy.level);
  }
  return (object) => {
    const metadata = field(object, 'metadata');
    const declared = declaredLevel(metadata);
    if (declared) return declared;
    const namespace = field(metadata, 'namespace');
    if (typeof namespace !== 'string') return options.podSecurity;
    return enforced.get(namespace) ?? options.namespaces?.[namespace]?.podSecurity ?? options.podSecurity;
  };
}

const NAME_FIELDS = new Set(['metadata.name', 'metadata.generateName', 'spec.hostname']);

/**
 * Where, in the checked object, a cause reported on a created object belongs: the created
 * object's root stands for `templatePath`; names, hostnames and the labels the controller
 * derived from the name belong to the workload's metadata.name.
 */
function createdCausePath(c: CreatedVerdict, causeField: string, causeMessage: string): Path {
  if (NAME_FIELDS.has(causeField)) return ['metadata', 'name'];
  if (causeField === 'metadata.labels') {
    // `metadata.labels: Invalid value: "<value>"`: a label the controller derived from the name?
    const value = /^Invalid value: "((?:[^"\\]|\\.)*)"/.exec(causeMessage)?.[1];
    const labels = asObject(field(field(c.object, 'metadata'), 'labels')) ?? {};
    if (value !== undefined && c.addedLabels.some((k) => labels[k] === value)) return ['metadata', 'name'];
  }
  return [...c.templatePath, ...parseFieldPath(causeField)];
}

/**
 * Turns one object's effective verdict into findings located in its source, at the severity
 * the configuration gives each rule; none for a rule that is `off` or from which the object is
 * exempted (by annotation or by the configuration's `exemptions`), as the engine does for
 * offline rules.
 */
export function findingsOf(input: ObjectInput, effective: EffectiveVerdict, settings: ServerFindingSettings = {}): Finding[] {
  const object = input.object as KubeObject;
  const ref = objectRefOf(object);
  const exempted = exemptionsOf(asObject(field(field(object, 'metadata'), 'annotations')), ref, settings.exemptions ?? []);
  const out: Finding[] = [];
  const seen = new Set<string>();
  const add = ({ id: ruleId, fix }: { readonly id: string; readonly fix: string }, path: Path, message: string) => {
    const severity = settingOf(ruleId, settings.rules);
    if (severity === 'off' || exempted?.has(ruleId)) return;
    const key = `${ruleId}\u0000${formatPath(path)}\u0000${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    const f: { -readonly [K in keyof Finding]: Finding[K] } = { ruleId, layer: 'server', severity, message, fix, object: ref, path: formatPath(path) };
    const location = input.locate?.(path);
    if (location) f.location = location;
    if (input.constructPath) f.constructPath = input.constructPath;
    out.push(f);
  };
  const podSpecPath = (): Path => podSitesOf(ref.kind ?? '', object)[0]?.specPath ?? [];
  const v = effective.verdict;
  if (!v.accepted) {
    const psa = isPodSecurityRefusal(v);
    const rule = psa ? SERVER_RULES.podSecurity : SERVER_RULES.refused;
    if (v.causes.length === 0 || psa) add(rule, psa ? podSpecPath() : [], v.message ?? `HTTP ${v.status}`);
    else for (const c of v.causes) add(rule, parseFieldPath(c.field), c.message);
  }
  for (const w of v.warnings) {
    if (w.startsWith('would violate PodSecurity')) add(SERVER_RULES.podSecurity, podSpecPath(), w);
    else add(SERVER_RULES.warning, warningPath(object, w), w);
  }
  for (const c of effective.created) {
    if (c.verdict.accepted) continue;
    const psa = isPodSecurityRefusal(c.verdict);
    // The workload's own Pod Security warning already says what the Pod refusal says.
    if (psa && effective.podSecurityWarnings.length > 0) continue;
    const rule = psa ? SERVER_RULES.podSecurity : SERVER_RULES.createdRefused;
    const lead = `${c.createdBy} would create ${c.kind} "${c.name}", which the API server refuses:`;
    if (c.verdict.causes.length === 0 || psa) {
      add(rule, [...c.templatePath, ...(c.kind === 'Pod' ? ['spec'] : [])], `${lead} ${c.verdict.message ?? `HTTP ${c.verdict.status}`}`);
    } else {
      for (const cause of c.verdict.causes) {
        const detail = cause.field === '' ? cause.message : `${cause.field}: ${cause.message}`;
        add(rule, createdCausePath(c, cause.field, cause.message), `${lead} ${detail}`);
      }
    }
  }
  return out;
}

/**
 * Where a warning belongs: most of the server's warnings on objects start with the field they
 * are about, as field.Path prints it (`spec.template.spec.nodeSelector[beta.kubernetes.io/arch]:
 * deprecated since v1.14; ...`, from pkg/api/pod/warnings.go); when that field is in the object,
 * the finding sits there (and at its line). Otherwise the object's root.
 */
function warningPath(object: KubeObject, warning: string): Path {
  const named = /^((?:metadata|spec)(?:\.[A-Za-z0-9_-]+|\[[^\]]*\])*): /.exec(warning)?.[1];
  if (named === undefined) return [];
  const path = parseFieldPath(named);
  let at: unknown = object;
  for (const segment of path) {
    const key = typeof segment === 'object' ? segment.mapKey : segment;
    if (typeof key === 'number' ? !Array.isArray(at) || key >= at.length : !isObject(at) || !Object.prototype.hasOwnProperty.call(at, key)) return [];
    at = (at as Record<string | number, unknown>)[key];
  }
  return path;
}

function isPodSecurityRefusal(v: ServerVerdict): boolean {
  return v.status === 403 && /violates PodSecurity/.test(v.message ?? '');
}

/** Options for checking inputs against a server. */
export interface ServerCheckOptions extends ServerFindingSettings {
  /** The level for objects that neither promise one (podwright.io/pod-security) nor run in a namespace whose level is known (see `namespaces`). */
  readonly podSecurity: PodSecurityLevel;
  /**
   * The configuration's `namespaces`: the levels (or labels) of namespaces the input does not
   * hold, read as the offline engine reads them. @default {}
   */
  readonly namespaces?: Readonly<Record<string, NamespaceSettings>>;
  /** How many objects are in flight at once. @default 8 */
  readonly concurrency?: number;
}

/** What a resolved configuration says to the server layer (plain data: it crosses to the synth gate's child process). */
export function serverCheckOptionsOf(config: Pick<ResolvedConfig, 'settings' | 'namespaces' | 'rules' | 'exemptions'>): ServerCheckOptions {
  return { podSecurity: config.settings.podSecurity, namespaces: config.namespaces, rules: config.rules, exemptions: config.exemptions };
}

/**
 * Checks each input against the server (its effective verdict, at the level it promises)
 * and returns the findings per input, in input order. Inputs that are not objects, and
 * kinds the server does not serve (custom resources without their CRD), get none.
 */
export async function checkInputs(server: DryRunTarget, inputs: readonly ObjectInput[], options: ServerCheckOptions): Promise<Finding[][]> {
  const results: Finding[][] = inputs.map(() => []);
  const levelOf = levelsOf(inputs, options);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < inputs.length; i = next++) {
      const input = inputs[i]!;
      if (!isObject(input.object) || input.staticPod) continue;
      const object = input.object;
      const apiVersion = asString(field(object, 'apiVersion'));
      const kind = asString(field(object, 'kind'));
      if (!apiVersion || !kind || !(await server.resourceFor(apiVersion, kind))) continue;
      const effective = await effectiveVerdict(server, object, { level: levelOf(object) });
      results[i] = findingsOf(input, effective, options);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 8) }, worker));
  return results;
}

/**
 * Adds server findings to an offline run. `inputs[i]` is the i-th document read and
 * `perInput[i]` its server findings; `run.documents` must hold every document (the run was
 * made with `keepAllDocuments`). Documents without findings are dropped again unless
 * `keepAllDocuments` (JUnit reports every object).
 */
export function withServerFindings(run: RunResult, perInput: readonly (readonly Finding[])[], keepAllDocuments: boolean): RunResult {
  if (run.documents.length !== perInput.length) throw new Error(`server layer: ${perInput.length} inputs for ${run.documents.length} documents`);
  const documents: DocumentResult[] = [];
  const added: Finding[] = [];
  let i = 0;
  for (const doc of run.documents) {
    const extra = withoutRepeats(perInput[i++] ?? [], doc.findings);
    added.push(...extra);
    const merged = extra.length > 0 ? { ...doc, findings: [...doc.findings, ...extra] } : doc;
    if (keepAllDocuments || merged.findings.length > 0) documents.push(merged);
  }
  // The server's findings belong to documents: the run's unattached findings stay as they are (the summary is counted again).
  const findings: FindingList = Object.assign([...run.report.findings, ...added], { unattached: run.report.findings.unattached });
  return { ...run, documents, report: { ...run.report, findings } };
}

/**
 * The server's refusals the offline engine already reported as errors, at the same field in
 * the same words (the api-server layer ports the server's messages), are not repeated: one
 * mistake, one finding. A refusal the offline engine missed, or reported in other words, or
 * graded below error (a configured severity cannot overrule the server), stays.
 */
function withoutRepeats(server: readonly Finding[], offline: Iterable<Finding>): readonly Finding[] {
  if (server.length === 0) return server;
  const reported = new Set<string>();
  for (const f of offline) if (f.severity === 'error') reported.add(`${f.path}\u0000${f.message}`);
  if (reported.size === 0) return server;
  return server.filter((f) => f.ruleId !== SERVER_RULES.refused.id || !reported.has(`${f.path}\u0000${f.message}`));
}
