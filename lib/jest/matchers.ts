import { IConstruct } from 'constructs';
import { POD_SECURITY_ANNOTATION, PodwrightConfig, ResolvedConfig, resolveConfig } from '../validation/config';
import { loadConfig } from '../validation/config-file';
import { Engine } from '../validation/engine';
import { RULES } from '../validation/rules';
import { rulesOf } from '../validation/rule-set';
import { serverRuleMeta } from '../validation/server-rules';
import { Finding, ObjectInput, PodSecurityLevel, Report } from '../validation/types';
import { readYamlString } from '../validation/yaml/read';
import { failsAt } from '../validation/severity';
import { inputsOf } from '../synth/chart-inputs';
import { constructErrors } from '../synth/podwright-app';
import { formatFindingLine } from '../synth/finding-text';

/**
 * What the matchers accept: a cdk8s App, Chart or any construct (its API objects are
 * checked), a list of plain objects (what `Testing.synth(chart)` returns), or YAML text.
 */
export type Checkable = IConstruct | readonly unknown[] | string;

/** Options of `toHaveViolation`. */
export interface ViolationQuery {
  /** The field path, e.g. `spec.containers[0].securityContext.privileged`. */
  readonly path?: string;
  /** A substring or pattern of the message. */
  readonly message?: string | RegExp;
  /** The object's kind. */
  readonly kind?: string;
}

function isConstruct(x: unknown): x is IConstruct {
  return typeof x === 'object' && x !== null && 'node' in x && typeof (x as { node?: { findAll?: unknown } }).node?.findAll === 'function';
}

function inputsFor(subject: Checkable): ObjectInput[] {
  if (typeof subject === 'string') return readYamlString(subject, '<yaml>');
  if (isConstruct(subject)) {
    const errors = constructErrors(subject);
    if (errors.length > 0) throw new Error(`construct validation failed:\n${errors.map((e) => `  [${e.path}] ${e.message}`).join('\n')}`);
    return inputsOf(subject);
  }
  return subject.map((object) => ({ object }));
}

/** Runs the engine with podwright.config.json and its plugins (as the CLI, the synth gate and the plugin do). */
export function check(subject: Checkable, config: ResolvedConfig = loadConfig(undefined, 'podwright/jest').config): Report {
  const engine = new Engine(config);
  const inputs = [...inputsFor(subject)];
  for (const input of inputs) engine.declareNamespace(input.object); // a Namespace may come after its objects
  for (const input of inputs) engine.check(input);
  return engine.finish();
}

const list = (fs: readonly Finding[]) => fs.map((f) => `  ${formatFindingLine(f)}`).join('\n');

type MatcherResult = { pass: boolean; message: () => string };

/** Where the matchers take their configuration from. */
export interface MatcherOptions {
  /**
   * A podwright.config.json path or an inline configuration (its `plugins` included).
   * Read at each assertion, so a test may write the file first.
   * @default - podwright.config.json in the working folder when it exists, else defaults
   */
  readonly config?: string | PodwrightConfig;
}

/**
 * The matchers with a configuration of their own (a rule package's tests, for example):
 *
 * ```ts
 * expect.extend(createPodwrightMatchers({ config: { plugins: [acmeRules] } }));
 * expect(chart).toHaveViolation('acme/team-label');
 * ```
 */
export function createPodwrightMatchers(options: MatcherOptions = {}) {
  const configOf = () => loadConfig(options.config, 'podwright/jest config').config;
  return {
    /** No finding at or above `failOn` (errors by default; pass 'warning' to fail on warnings too). */
    toHaveNoViolations(subject: Checkable, failOn: 'error' | 'warning' = 'error'): MatcherResult {
      const report = check(subject, configOf());
      const bad = report.findings.filter((f) => failsAt(f, failOn));
      return {
        pass: bad.length === 0,
        message: () => (bad.length === 0
          ? `expected violations at or above '${failOn}', found none`
          : `expected no violations at or above '${failOn}', found ${bad.length}:\n${list(bad)}`),
      };
    },

    /** Every pod passes Pod Security Standards at `level` (with PSA's wording on failure). */
    toPassPodSecurity(subject: Checkable, level: PodSecurityLevel): MatcherResult {
      const base = configOf();
      const rules = rulesOf(base).filter((r) => r.meta.layer === 'pod-security');
      const config = resolveConfig({ k8sVersion: base.settings.k8sVersion, podSecurity: level, plugins: base.plugins }, RULES.map((r) => r.meta.id));
      const pss = new Engine(config, rules);
      // Judge at the asked level, not at any level the objects declare for themselves.
      for (const input of inputsFor(subject)) pss.check(stripDeclaredLevel(input));
      const bad = pss.finish().findings;
      return {
        pass: bad.length === 0,
        message: () => (bad.length === 0
          ? `expected Pod Security '${level}' to refuse a pod, but every pod passes`
          : `expected every pod to pass Pod Security '${level}', but:\n${list(bad)}`),
      };
    },

    /** At least one finding of `ruleId` (a podwright rule or a loaded plugin's) matches the query. */
    toHaveViolation(subject: Checkable, ruleId: string, query: ViolationQuery = {}): MatcherResult {
      const config = configOf();
      // Neither pass nor fail: `not.toHaveViolation('server-warning')` must not pass without a server.
      if (serverRuleMeta(ruleId)) throw new Error(`'${ruleId}' is what a real API server says (podwright validate --server, PodwrightApp({ server })); the matchers run the offline rules only`);
      if (!rulesOf(config).some((r) => r.meta.id === ruleId)) {
        return { pass: false, message: () => `'${ruleId}' is not a podwright rule${ruleId.includes('/') ? ' or a rule of a loaded plugin' : ''}; run \`podwright rules\` for the list` };
      }
      const findings = check(subject, config).findings;
      const hits = findings.filter((f) => f.ruleId === ruleId
        && (query.path === undefined || f.path === query.path)
        && (query.kind === undefined || f.object.kind === query.kind)
        && (query.message === undefined || (typeof query.message === 'string' ? f.message.includes(query.message) : query.message.test(f.message))));
      const same = findings.filter((f) => f.ruleId === ruleId);
      return {
        pass: hits.length > 0,
        message: () => (hits.length > 0
          ? `expected no '${ruleId}' violation matching ${JSON.stringify(query)}, found:\n${list(hits)}`
          : `expected a '${ruleId}' violation matching ${JSON.stringify(query)}; ${same.length ? `found only:\n${list(same)}` : `all findings:\n${list(findings) || '  (none)'}`}`),
      };
    },
  };
}

/**
 * Jest matchers for construct-library authors:
 *
 * ```ts
 * import { podwrightMatchers } from 'podwright/jest';
 * expect.extend(podwrightMatchers);
 * expect(chart).toHaveNoViolations();
 * expect(chart).toPassPodSecurity('restricted');
 * expect(chart).toHaveViolation('pss-privileged', { path: 'spec.containers[0].securityContext.privileged' });
 * ```
 *
 * They read podwright.config.json in the working folder, its `plugins` included, as
 * every other surface does; `createPodwrightMatchers` takes another configuration.
 */
export const podwrightMatchers = createPodwrightMatchers();

function stripDeclaredLevel(input: ObjectInput): ObjectInput {
  const obj = input.object as { metadata?: { annotations?: Record<string, unknown> } } | undefined;
  const annotations = obj?.metadata?.annotations;
  if (!annotations || !(POD_SECURITY_ANNOTATION in annotations)) return input;
  const { [POD_SECURITY_ANNOTATION]: _dropped, ...rest } = annotations;
  return { ...input, object: { ...obj, metadata: { ...obj.metadata, annotations: rest } } };
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      toHaveNoViolations(failOn?: 'error' | 'warning'): R;
      toPassPodSecurity(level: PodSecurityLevel): R;
      toHaveViolation(ruleId: string, query?: ViolationQuery): R;
    }
  }
}
