import { EXEMPT_ANNOTATION_PREFIX, POD_SECURITY_ANNOTATION, ResolvedConfig, resolveConfig } from './config';
import { isCheckedKind } from './kinds';
import { hasCrdSchema } from './schema/validator';
import { RULES } from './rules';
import {
  Anchor, CheckedObject, EngineSettings, Finding, KubeObject, ObjectInput, ObjectRef, OutputRuleSession,
  Path, PodSecurityLevel, Report, Rule, RuleMeta, Severity, SkippedObject, Violation,
} from './types';


import { formatPath } from './util/path';
import { podSitesOf } from './util/pod-sites';
import { asObject, field, isObject } from './util/values';
import { atLeast, compareVersions } from './util/version';

type ScopedRule<S extends Rule['meta']['scope']> = Extract<Rule, { readonly meta: { readonly scope: S } }>;
const is = <S extends Rule['meta']['scope']>(rule: Rule, scope: S): rule is ScopedRule<S> => rule.meta.scope === scope;

const LEVEL_ORDER: Record<PodSecurityLevel, number> = { privileged: 0, baseline: 1, restricted: 2 };

/**
 * The validation engine. Feed it objects one at a time with `check()` (the CLI
 * streams large files this way), then call `finish()` for cross-object rules and
 * the report. For a list already in memory, use `validate()`.
 */
export class Engine {
  readonly config: ResolvedConfig;
  private readonly active: { rule: Rule; severity: Severity }[];
  private readonly sessions: { rule: Rule; severity: Severity; session: OutputRuleSession }[];
  private readonly findings: Finding[] = [];
  private readonly skipped: SkippedObject[] = [];
  private objectCount = 0;

  constructor(config: ResolvedConfig = resolveConfig({}, RULES.map((r) => r.meta.id)), rules: readonly Rule[] = RULES) {
    this.config = config;
    this.active = [];
    for (const rule of rules) {
      const setting = config.rules[rule.meta.id] ?? rule.meta.severity;
      // The Pod Security level is checked per object (see levelFor), not here.
      if (setting === 'off' || !appliesToSettings(rule.meta, { ...config.settings, podSecurity: 'restricted' })) continue;
      this.active.push({ rule, severity: setting });
    }
    this.sessions = [];
    for (const { rule, severity } of this.active) {
      if (is(rule, 'output')) this.sessions.push({ rule, severity, session: rule.create(config.settings) });
    }
  }

  /** Checks one object (or one unreadable document) and returns the findings for it. */
  check(input: ObjectInput): Finding[] {
    const out: Finding[] = [];
    const root = isObject(input.object) ? input.object : undefined;
    const level = root ? levelFor(root, this.config.settings.podSecurity) : this.config.settings.podSecurity;
    const settings = level === this.config.settings.podSecurity ? this.config.settings : { ...this.config.settings, podSecurity: level };
    const ref = root ? objectRefOf(root) : {};
    const exemptions = root ? this.exemptionsFor(root, ref) : new Map<string, string>();
    const anchor = (path: Path): Anchor => ({
      object: ref,
      path: formatPath(path),
      location: input.locate?.(path),
      constructPath: input.constructPath,
      exemptions,
    });
    const emit = (rule: Rule, severity: Severity, v: Violation, base: Path) => {
      if (exemptions.has(rule.meta.id)) return;
      const path = v.absolute ? v.path : [...base, ...v.path];
      const a = anchor(path);
      out.push(toFinding(rule.meta, severity, v.message, v.fix, v.location ? { ...a, location: v.location } : a));
    };

    for (const { rule, severity } of this.active) {
      if (is(rule, 'input')) rule.check({ settings, input, report: (v) => emit(rule, severity, v, []) });
    }
    if (!root) {
      this.findings.push(...out);
      return out;
    }
    this.objectCount++;
    const apiVersion = typeof root.apiVersion === 'string' ? root.apiVersion : '';
    const kind = typeof root.kind === 'string' ? root.kind : '';
    const known = isCheckedKind(apiVersion, kind);
    if (!known && apiVersion !== '' && kind !== '' && !hasCrdSchema(apiVersion, kind)) {
      this.skipped.push({
        object: ref,
        reason: `${kind} (${apiVersion}) is not a built-in kind podwright knows; not checked`,
        location: input.locate?.([]),
        constructPath: input.constructPath,
      });
    }
    const target: CheckedObject = {
      object: root,
      apiVersion,
      kind,
      name: ref.name,
      namespace: ref.namespace,
      input,
      pods: known ? podSitesOf(kind, root) : [],
    };
    for (const { rule, severity } of this.active) {
      const meta = rule.meta;
      if (meta.staticPodOnly && !input.staticPod) continue;
      if (meta.podSecurityLevel && LEVEL_ORDER[level] < LEVEL_ORDER[meta.podSecurityLevel]) continue;
      if (is(rule, 'object')) {
        // Schema rules also run on objects that lack apiVersion/kind, to say so.
        if (!known && meta.layer !== 'schema') continue;
        if (meta.kinds && !meta.kinds.includes(kind)) continue;
        rule.check({ settings, target, report: (v) => emit(rule, severity, v, []) });
      } else if (is(rule, 'pod')) {
        if (meta.kinds && !meta.kinds.includes(kind)) continue;
        for (const pod of target.pods) {
          rule.check({ settings, target, pod, report: (v) => emit(rule, severity, v, pod.specPath) });
        }
      }
    }
    if (known) {
      for (const { session } of this.sessions) session.visit(target, anchor);
    }
    this.findings.push(...out);
    return out;
  }

  /** Runs cross-object rules and returns the whole report. Call once, after the last `check()`. */
  finish(): Report {
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

  private exemptionsFor(root: KubeObject, ref: ObjectRef): Map<string, string> {
    const map = new Map<string, string>();
    const annotations = asObject(field(field(root, 'metadata'), 'annotations'));
    if (annotations) {
      for (const [key, value] of Object.entries(annotations)) {
        if (key.startsWith(EXEMPT_ANNOTATION_PREFIX) && typeof value === 'string' && value.trim() !== '') {
          map.set(key.slice(EXEMPT_ANNOTATION_PREFIX.length), value);
        }
      }
    }
    for (const e of this.config.exemptions) {
      if ((e.kind === undefined || e.kind === ref.kind)
        && (e.name === undefined || e.name === ref.name)
        && (e.namespace === undefined || e.namespace === ref.namespace)) {
        map.set(e.rule, e.reason);
      }
    }
    return map;
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

function toFinding(meta: RuleMeta, severity: Severity, message: string, fix: string | undefined, a: Anchor): Finding {
  const f: {
    -readonly [K in keyof Finding]: Finding[K];
  } = {
    ruleId: meta.id,
    layer: meta.layer,
    severity,
    message,
    fix: fix ?? meta.fix,
    object: a.object,
    path: a.path,
  };
  if (a.location) f.location = a.location;
  if (a.constructPath) f.constructPath = a.constructPath;
  return f;
}
