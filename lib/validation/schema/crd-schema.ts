/**
 * A CRD version's structural schema (`openAPIV3Schema`), compiled once into checkers
 * that validate a custom resource as the API server does (v1.28):
 *
 * - strict decoding: a field the schema does not declare is `unknown field "<path>"`
 *   (unless `x-kubernetes-preserve-unknown-fields`);
 * - defaulting first (`default`), and `null` dropped from fields that are not `nullable`
 *   (structural pruning), as the server does before it validates;
 * - the OpenAPI value checks of k8s.io/kube-openapi/pkg/validation/validate with the
 *   server's wording (type, required, enum, pattern, format, minimum/maximum and their
 *   exclusive forms, min/maxLength, min/maxItems, min/maxProperties, int-or-string,
 *   embedded resources, `x-kubernetes-list-type` set/map uniqueness);
 * - then every `x-kubernetes-validations` CEL rule (lib/validation/cel), unless a
 *   "blocking" error was found (Required, TooLong, TooMany, TypeInvalid: hasBlockingErr in
 *   apiextensions-apiserver/pkg/registry/customresource/strategy.go), when the server
 *   says `some validation rules were not checked because the object was invalid`.
 *
 * Values are handed to CEL as the server builds them (k8s.io/apiserver/pkg/cel,
 * UnstructuredToVal): `integer` as int, `number` as double, declared properties only,
 * property names escaped (`namespace` -> `__namespace__`, `a-b` -> `a__dash__b`).
 */
import { CustomResourceProblem, CustomResourceSchema, Path, PathSegment } from '../types';
import { compileRule, CelRule, CelRuleSpec, parseFieldPath, ruleErrorText } from '../cel/program';
import { celEnvironment } from '../cel/library';
import { re2, UnsupportedRegexError } from '../cel/re2';
import { formatPath } from '../util/path';
import { isObject } from '../util/values';
import { builtinSchema, SchemaProblem } from './validator';
import { isIPv4, isIPv6 } from 'net';

type CrProblem = CustomResourceProblem;
type CrProblemType = CustomResourceProblem['type'];

/** One walk's state. `path` is a stack, copied only when a problem is found. */
interface Walk {
  readonly path: PathSegment[];
  readonly out: CrProblem[];
  blocking: boolean;
  /** CEL rules to run once the structural walk is done (the server's order). */
  readonly cel: { rules: readonly CelRule[]; self: unknown; path: Path; typeName: string }[];
  /** Checks passed (go-openapi's MatchCount: picks the alternative whose errors a failed oneOf/anyOf shows). */
  matches: number;
}

/** Checks a value and returns its CEL value (when `wantCel`), or BAD when its type is wrong. */
type Checker = (v: unknown, w: Walk, wantCel: boolean) => unknown;

/** What a checker returns for a value of the wrong type (its value checks are then skipped). */
const BAD: unique symbol = Symbol('wrong type');

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

/** CEL reserved words that the server escapes as `__word__` (k8s.io/apiserver/pkg/cel/escaping.go). */
const CEL_RESERVED = new Set(['true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if', 'import', 'let', 'loop', 'package', 'namespace', 'return', 'var', 'void', 'while']);

/** The name CEL sees for a property, or undefined when the server makes it inaccessible. */
export function escapeCelName(name: string): string | undefined {
  if (CEL_RESERVED.has(name)) return `__${name}__`;
  if (!/^[A-Za-z_.\-/][A-Za-z0-9_.\-/]*$/.test(name)) return undefined;
  return name.replace(/__/g, '__underscores__').replace(/\./g, '__dot__').replace(/-/g, '__dash__').replace(/\//g, '__slash__');
}

/** How the server names a JSON value's type in `must be of type X: "<kind>"`. */
function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (typeof v === 'object') return 'object';
  return typeof v;
}

/** Go's %v of a JSON number (ints bare, floats in shortest form). */
function goNumber(n: number): string {
  return String(n);
}

/** Go's %#v of a map of key-field values, as `Duplicate value` prints a list-map key. */
function goMapLiteral(m: Readonly<Record<string, unknown>>): string {
  const parts = Object.keys(m).sort().map((k) => `${JSON.stringify(k)}:${goValue(m[k])}`);
  return `map[string]interface {}{${parts.join(', ')}}`;
}

function goValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null || v === undefined) return 'interface {}(nil)';
  return JSON.stringify(v);
}

/** Canonical JSON (sorted keys), for set and map-key equality. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isObject(v)) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

/** The CEL value of data the schema does not describe (preserved unknown fields). */
function untypedCel(v: unknown): unknown {
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : v;
  if (Array.isArray(v)) return v.map(untypedCel);
  if (isObject(v)) {
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(v)) o[k] = untypedCel(v[k]);
    return o;
  }
  return v;
}

const FORMATS: Readonly<Record<string, (s: string) => boolean>> = {
  // go-openapi/strfmt as registered by kube-openapi (k8s.io/kube-openapi/pkg/validation/strfmt/default.go).
  'date-time': (s) => /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s.replace(/[tT]/, 'T'))),
  date: (s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)),
  uuid: (s) => /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(s),
  ipv4: (s) => isIPv4(s),
  ipv6: (s) => isIPv6(s),
  hostname: (s) => s.length <= 255 && /^([a-zA-Z0-9\p{S}\p{L}]((-?[a-zA-Z0-9\p{S}\p{L}]{0,62})?)|([a-zA-Z0-9\p{S}\p{L}](([a-zA-Z0-9-\p{S}\p{L}]{0,61}[a-zA-Z0-9\p{S}\p{L}])?)(\.)){1,}([a-zA-Z\p{L}]){2,63})$/u.test(s),
  // net/mail.ParseAddress accepts much; an address without `@` it never accepts.
  email: (s) => s.includes('@'),
  // time.ParseDuration, or strfmt's looser `<number> <unit>` sequence ("5 minutes").
  duration: (s) => /^[-+]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$/.test(s) || s === '0' || /^\s*(\d+\s*[A-Za-zµ]+\s*)+$/.test(s),
  byte: (s) => /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(s),
};

/**
 * The server hands a string of format `duration` to CEL as a duration, `date` and
 * `date-time` as a timestamp, `byte` as bytes (SchemaDeclType, k8s.io/apiserver/pkg/cel/common).
 * A value CEL cannot convert stays a string (a rule on it then fails to evaluate and is
 * reported as not evaluated, not passed).
 */
function celStringConverter(format: string): ((s: string) => unknown) | undefined {
  if (format === 'byte') return (s) => new Uint8Array(Buffer.from(s, 'base64'));
  const expr = format === 'duration' ? 'duration(v)' : format === 'date-time' ? 'timestamp(v)' : format === 'date' ? "timestamp(v + 'T00:00:00Z')" : undefined;
  if (!expr) return undefined;
  let program: ((ctx: Record<string, unknown>) => unknown) | undefined;
  return (s) => {
    try {
      program ??= celEnvironment().parse(expr) as unknown as (ctx: Record<string, unknown>) => unknown;
      return program({ v: format === 'duration' ? goDuration(s) : s });
    } catch {
      return s;
    }
  };
}

/** strfmt's duration units (go-openapi/strfmt/duration.go), in nanoseconds. */
const DURATION_UNITS: Readonly<Record<string, number>> = {
  ns: 1, nanosecond: 1, nanoseconds: 1, us: 1e3, 'µs': 1e3, microsecond: 1e3, microseconds: 1e3,
  ms: 1e6, millisecond: 1e6, milliseconds: 1e6, s: 1e9, second: 1e9, seconds: 1e9,
  m: 60e9, minute: 60e9, minutes: 60e9, h: 3600e9, hour: 3600e9, hours: 3600e9,
  d: 86400e9, day: 86400e9, days: 86400e9, w: 604800e9, week: 604800e9, weeks: 604800e9,
};

/** A strfmt duration (`5 minutes`, `1d`) as a Go duration CEL parses (`300s`); Go durations as they are. */
function goDuration(s: string): string {
  if (/^[-+]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$/.test(s) || s === '0') return s;
  let ns = 0;
  for (const m of s.matchAll(/(\d+)\s*([A-Za-zµ]+)/g)) {
    const unit = DURATION_UNITS[m[2]!];
    if (unit === undefined) return s;
    ns += Number(m[1]) * unit;
  }
  return `${ns / 1e9}s`;
}

/** Options of one compile. */
interface CompileContext {
  /** Every CEL rule found, compiled (for counting and tests). */
  readonly rules: CelRule[];
  /** See CrdVersionSchema's constructor. */
  readonly statusSubresource: boolean;
  /**
   * Compiling the subschemas of allOf/anyOf/oneOf/not: value validations only (no unknown
   * fields, defaults, list types or CEL rules; structural schemas keep those out of junctors).
   */
  readonly valueOnly?: boolean;
}

/** The compiled schema of one served CRD version. */
export class CrdVersionSchema implements CustomResourceSchema {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespaced: boolean;
  /** Every CEL rule of the schema, compiled. */
  readonly rules: readonly CelRule[];
  private readonly root: Checker;

  /**
   * @param statusSubresource the version has the status subresource: on create the server
   *   drops `status` before it validates (only strict decoding's unknown fields remain).
   */
  constructor(apiVersion: string, kind: string, namespaced: boolean, openAPIV3Schema: Readonly<Record<string, unknown>>, statusSubresource = false) {
    this.apiVersion = apiVersion;
    this.kind = kind;
    this.namespaced = namespaced;
    const ctx: CompileContext = { rules: [], statusSubresource };
    this.root = compileNode(openAPIV3Schema, ctx, true, false);
    this.rules = ctx.rules;
  }

  /** Every problem of one custom resource, in the server's order. */
  validate(object: unknown): CrProblem[] {
    const w: Walk = { path: [], out: [], blocking: false, cel: [], matches: 0 };
    this.root(object, w, false);
    runCel(w, this.rules.length > 0);
    return w.out;
  }
}

function runCel(w: Walk, hasRules: boolean): void {
  if (w.blocking && hasRules) {
    w.out.push({
      type: 'not-evaluated',
      path: [],
      message: 'some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    });
    return;
  }
  if (w.cel.length === 0) return;
  const said = new Set<CelRule>();
  for (const site of w.cel) {
    for (const rule of site.rules) {
      if (rule.state === 'transition') {
        if (!said.has(rule)) {
          said.add(rule);
          w.out.push({ type: 'not-evaluated', path: site.path, message: `transition rule not evaluated (it compares with the stored object, oldSelf; the server skips it on create): ${rule.spec.rule}` });
        }
        continue;
      }
      if (rule.state === 'unsupported') {
        if (!said.has(rule)) {
          said.add(rule);
          w.out.push({ type: 'not-evaluated', path: site.path, message: `validation rule not evaluated: ${rule.why}: ${rule.spec.rule}` });
        }
        continue;
      }
      const r = rule.run(site.self);
      if (r.ok === true) continue;
      if (r.ok === 'error') {
        w.out.push({ type: 'not-evaluated', path: site.path, message: `validation rule not evaluated: podwright could not evaluate it (${r.why}): ${rule.spec.rule}` });
        continue;
      }
      const extra = rule.spec.fieldPath ? parseFieldPath(rule.spec.fieldPath) : undefined;
      const path = extra ? [...site.path, ...extra] : site.path;
      w.out.push({ type: 'cel', path, message: ruleErrorText(rule.spec, site.typeName, r.message) });
    }
  }
}

function problem(w: Walk, type: CrProblemType, message: string, blocking: boolean, path: Path = w.path.slice()): void {
  w.out.push({ type, path, message });
  if (blocking) w.blocking = true;
}

/** `<path> in body` as kube-openapi prints it. */
const inBody = (w: Walk): string => `${formatPath(w.path)} in body`;

/**
 * Compiles one schema node. `root` is the openAPIV3Schema itself (apiVersion, kind and
 * metadata are the server's, whatever the schema says); `embedded` marks an
 * x-kubernetes-embedded-resource object.
 */
function compileNode(s: Readonly<Record<string, unknown>>, ctx: CompileContext, root: boolean, embedded: boolean): Checker {
  const get = (k: string): unknown => (hasOwn(s, k) ? s[k] : undefined);
  const intOrString = get('x-kubernetes-int-or-string') === true;
  const preserve = get('x-kubernetes-preserve-unknown-fields') === true;
  const isEmbedded = get('x-kubernetes-embedded-resource') === true;
  const type = typeof get('type') === 'string' ? (get('type') as string) : '';
  // The type the server names in a failed rule's `Invalid value: "<type>"` (empty for int-or-string).
  const typeName = type;

  const checks: ((v: unknown, w: Walk) => void)[] = [];
  addValueChecks(s, checks, type, ctx.valueOnly === true);

  const junctors = compileJunctors(s, { ...ctx, valueOnly: true });
  const defaults: [string, unknown][] = junctors.length > 0 && isObject(get('properties'))
    ? Object.entries(get('properties') as Record<string, unknown>).filter(([, p]) => isObject(p) && hasOwn(p, 'default')).map(([k, p]) => [k, (p as Record<string, unknown>).default])
    : [];
  const rulesRaw = ctx.valueOnly ? undefined : get('x-kubernetes-validations');
  const rules: CelRule[] = [];
  if (Array.isArray(rulesRaw)) {
    for (const r of rulesRaw) {
      if (isObject(r) && typeof r.rule === 'string') {
        const compiled = compileRule(r as unknown as CelRuleSpec);
        rules.push(compiled);
        ctx.rules.push(compiled);
      }
    }
  }

  let structure: Checker;
  if (intOrString) {
    structure = (v, w) => {
      if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
      if (typeof v === 'string') return v;
      problem(w, 'schema', `Invalid value: ${JSON.stringify(jsonType(v))}: ${inBody(w)} must be of type integer,string: ${JSON.stringify(jsonType(v))}`, true);
      return BAD;
    };
  } else if (type === 'object' || (root && type === '') || (ctx.valueOnly && type === '' && (isObject(get('properties')) || Array.isArray(get('required'))))) {
    const object = compileObject(s, ctx, root, embedded || isEmbedded, preserve);
    // An untyped junctor alternative checks properties of objects only.
    structure = type === '' && !root ? (v, w, wantCel) => (isObject(v) ? object(v, w, wantCel) : v) : object;
  } else if (type === 'array') {
    structure = compileArray(s, ctx);
  } else if (type === 'string' || type === 'integer' || type === 'number' || type === 'boolean') {
    const format = typeof get('format') === 'string' ? (get('format') as string) : '';
    const convert = type === 'string' ? celStringConverter(format) : undefined;
    structure = (v, w, wantCel) => {
      const actual = jsonType(v);
      const fits = type === actual || (type === 'number' && actual === 'integer');
      if (!fits) {
        problem(w, 'schema', `Invalid value: ${JSON.stringify(actual)}: ${inBody(w)} must be of type ${type}: ${JSON.stringify(actual)}`, true);
        return BAD;
      }
      if (type === 'integer') return BigInt(v as number);
      return convert && wantCel ? convert(v as string) : v;
    };
  } else {
    // No type: only with x-kubernetes-preserve-unknown-fields in a structural schema; anything goes.
    structure = (v) => untypedCel(v);
  }

  const hasRules = rules.length > 0;
  return (v, w, wantCel) => {
    const cel = structure(v, w, wantCel || hasRules);
    if (cel === BAD) return BAD;
    w.matches++;
    for (const c of checks) {
      const before = w.out.length;
      c(v, w);
      if (w.out.length === before) w.matches++;
    }
    if (junctors.length > 0) {
      // The server defaults before it validates: alternatives see the defaults of this level.
      const jv = defaults.length > 0 && isObject(v) ? withDefaults(v, defaults) : v;
      for (const j of junctors) j(jv, w);
    }
    if (hasRules) w.cel.push({ rules, self: cel, path: w.path.slice(), typeName });
    return cel;
  };
}

/**
 * allOf, anyOf, oneOf and not, as kube-openapi's schemaPropsValidator (go-openapi) runs
 * them: a failed anyOf/oneOf says so at the object root (`<nil>` in the server's causes,
 * the empty path here) and shows the errors of the alternative with the most passed checks
 * (the first among equals).
 */
function compileJunctors(s: Readonly<Record<string, unknown>>, ctx: CompileContext): ((v: unknown, w: Walk) => void)[] {
  const out: ((v: unknown, w: Walk) => void)[] = [];
  const branches = (k: string): Checker[] => (Array.isArray(s[k]) ? (s[k] as unknown[]).filter(isObject).map((b) => compileNode(b, ctx, false, false)) : []);
  const run = (c: Checker, v: unknown, w: Walk): Walk => {
    const sub: Walk = { path: w.path, out: [], blocking: false, cel: [], matches: 0 };
    c(v, sub, false);
    return sub;
  };
  const quoted = (w: Walk) => JSON.stringify(formatPath(w.path));
  const fail = (w: Walk, message: string) => w.out.push({ type: 'schema', path: [], message: `Invalid value: "": ${message}` });
  const merge = (w: Walk, r: Walk) => {
    for (const p of r.out) w.out.push(p);
    if (r.blocking) w.blocking = true;
  };
  const best = (results: Walk[]): Walk | undefined => results.reduce<Walk | undefined>((b, r) => (b === undefined || r.matches > b.matches ? r : b), undefined);
  const allOf = branches('allOf');
  if (allOf.length > 0) {
    out.push((v, w) => {
      for (const c of allOf) {
        const r = run(c, v, w);
        if (r.out.length > 0) merge(w, r);
      }
    });
  }
  const anyOf = branches('anyOf');
  if (anyOf.length > 0) {
    out.push((v, w) => {
      const results: Walk[] = [];
      for (const c of anyOf) {
        const r = run(c, v, w);
        if (r.out.length === 0) return;
        results.push(r);
      }
      fail(w, `${quoted(w)} must validate at least one schema (anyOf)`);
      merge(w, best(results)!);
    });
  }
  const oneOf = branches('oneOf');
  if (oneOf.length > 0) {
    out.push((v, w) => {
      const results = oneOf.map((c) => run(c, v, w));
      const valid = results.filter((r) => r.out.length === 0).length;
      if (valid === 1) return;
      if (valid === 0) {
        fail(w, `${quoted(w)} must validate one and only one schema (oneOf). Found none valid`);
        merge(w, best(results)!);
      } else {
        fail(w, `${quoted(w)} must validate one and only one schema (oneOf). Found ${valid} valid alternatives`);
      }
    });
  }
  if (isObject(s.not)) {
    const not = compileNode(s.not, ctx, false, false);
    out.push((v, w) => {
      if (run(not, v, w).out.length === 0) fail(w, `${quoted(w)} must not validate the schema (not)`);
    });
  }
  return out;
}

/** enum, pattern, format, bounds and lengths: checked when the value has the right type. */
function addValueChecks(s: Readonly<Record<string, unknown>>, checks: ((v: unknown, w: Walk) => void)[], type: string, untypedOk: boolean): void {
  const get = (k: string): unknown => (hasOwn(s, k) ? s[k] : undefined);
  const num = (k: string): number | undefined => (typeof get(k) === 'number' ? (get(k) as number) : undefined);
  const enumValues = get('enum');
  if (Array.isArray(enumValues) && enumValues.length > 0) {
    const keys = new Set(enumValues.map(canonical));
    const list = enumValues.map((e) => (typeof e === 'string' ? JSON.stringify(e) : goValue(e))).join(', ');
    checks.push((v, w) => {
      if (!keys.has(canonical(v))) problem(w, 'schema', `Unsupported value: ${goValue(v)}: supported values: ${list}`, false);
    });
  }
  const max = num('maximum');
  const min = num('minimum');
  const exMax = get('exclusiveMaximum') === true;
  const exMin = get('exclusiveMinimum') === true;
  if (max !== undefined) {
    checks.push((v, w) => {
      if (typeof v !== 'number') return;
      if (exMax ? v >= max : v > max) problem(w, 'schema', `Invalid value: ${goNumber(v)}: ${inBody(w)} should be less than ${exMax ? '' : 'or equal to '}${goNumber(max)}`, false);
    });
  }
  if (min !== undefined) {
    checks.push((v, w) => {
      if (typeof v !== 'number') return;
      if (exMin ? v <= min : v < min) problem(w, 'schema', `Invalid value: ${goNumber(v)}: ${inBody(w)} should be greater than ${exMin ? '' : 'or equal to '}${goNumber(min)}`, false);
    });
  }
  const multipleOf = num('multipleOf');
  if (multipleOf !== undefined && multipleOf > 0) {
    checks.push((v, w) => {
      if (typeof v === 'number' && !Number.isInteger(v / multipleOf)) problem(w, 'schema', `Invalid value: ${goNumber(v)}: ${inBody(w)} should be a multiple of ${goNumber(multipleOf)}`, false);
    });
  }
  // Lengths count code points (utf8.RuneCountInString).
  const maxLength = num('maxLength');
  if (maxLength !== undefined) {
    checks.push((v, w) => {
      if (typeof v === 'string' && v.length > maxLength && [...v].length > maxLength) problem(w, 'schema', `Too long: may not be longer than ${maxLength}`, true);
    });
  }
  const minLength = num('minLength');
  if (minLength !== undefined) {
    checks.push((v, w) => {
      if (typeof v === 'string' && [...v].length < minLength) problem(w, 'schema', `Invalid value: ${JSON.stringify(v)}: ${inBody(w)} should be at least ${minLength} chars long`, false);
    });
  }
  const pattern = get('pattern');
  if (typeof pattern === 'string') {
    let re: RegExp | undefined;
    let unsupported: string | undefined;
    try {
      re = re2(pattern);
    } catch (e) {
      unsupported = e instanceof UnsupportedRegexError ? e.message : String(e);
    }
    checks.push((v, w) => {
      if (typeof v !== 'string') return;
      if (re) {
        re.lastIndex = 0;
        if (!re.test(v)) problem(w, 'schema', `Invalid value: ${JSON.stringify(v)}: ${inBody(w)} should match '${pattern}'`, false);
      } else {
        problem(w, 'not-evaluated', `pattern not checked: ${unsupported}`, false);
      }
    });
  }
  const format = get('format');
  // In allOf/anyOf/oneOf/not alternatives a format often stands without a type: it checks strings.
  if (typeof format === 'string' && (type === 'string' || (untypedOk && type === '')) && FORMATS[format]) {
    const test = FORMATS[format]!;
    checks.push((v, w) => {
      if (typeof v === 'string' && !test(v)) problem(w, 'schema', `Invalid value: ${JSON.stringify(v)}: ${inBody(w)} must be of type ${format}: ${JSON.stringify(v)}`, true);
    });
  }
  const maxItems = num('maxItems');
  if (maxItems !== undefined) {
    checks.push((v, w) => {
      if (Array.isArray(v) && v.length > maxItems) problem(w, 'schema', `Too many: ${v.length}: must have at most ${maxItems} items`, true);
    });
  }
  const minItems = num('minItems');
  if (minItems !== undefined) {
    checks.push((v, w) => {
      if (Array.isArray(v) && v.length < minItems) problem(w, 'schema', `Invalid value: ${v.length}: ${inBody(w)} should have at least ${minItems} items`, false);
    });
  }
  const maxProperties = num('maxProperties');
  if (maxProperties !== undefined) {
    checks.push((v, w) => {
      if (isObject(v) && Object.keys(v).length > maxProperties) problem(w, 'schema', `Too many: ${Object.keys(v).length}: must have at most ${maxProperties} items`, true);
    });
  }
  const minProperties = num('minProperties');
  if (minProperties !== undefined) {
    checks.push((v, w) => {
      if (isObject(v) && Object.keys(v).length < minProperties) problem(w, 'schema', `Invalid value: ${Object.keys(v).length}: ${inBody(w)} should have at least ${minProperties} properties`, false);
    });
  }
}

interface Property {
  readonly name: string;
  readonly celName: string | undefined;
  readonly check: Checker;
  readonly nullable: boolean;
  readonly hasDefault: boolean;
  readonly default: unknown;
  readonly schema: Readonly<Record<string, unknown>>;
}

function compileObject(s: Readonly<Record<string, unknown>>, ctx: CompileContext, root: boolean, embedded: boolean, preserve: boolean): Checker {
  const propsRaw = isObject(s.properties) ? s.properties : {};
  const props = new Map<string, Property>();
  for (const [name, sub] of Object.entries(propsRaw)) {
    if (!isObject(sub)) continue;
    if ((root || embedded) && (name === 'apiVersion' || name === 'kind' || name === 'metadata')) continue;
    props.set(name, {
      name,
      celName: escapeCelName(name),
      check: compileNode(sub, ctx, false, false),
      nullable: sub.nullable === true,
      hasDefault: hasOwn(sub, 'default'),
      default: sub.default,
      schema: sub,
    });
  }
  const additional = s.additionalProperties;
  const valueCheck: Checker | undefined = isObject(additional) ? compileNode(additional, ctx, false, false)
    : additional === true ? (v) => untypedCel(v) : undefined;
  const required = Array.isArray(s.required) ? s.required.filter((x): x is string => typeof x === 'string') : [];
  const withMeta = (root || embedded) && !ctx.valueOnly;
  const dropStatus = root && ctx.statusSubresource;
  const reportUnknown = !preserve && !ctx.valueOnly;
  const metaChecker = withMeta ? builtinSchema().checker(OBJECT_META) : undefined;

  return (v, w, wantCel) => {
    if (!isObject(v)) {
      problem(w, 'schema', `Invalid value: ${JSON.stringify(jsonType(v))}: ${w.path.length === 0 ? '' : inBody(w)} must be of type object: ${JSON.stringify(jsonType(v))}`.replace(':  must', ': must'), true);
      return BAD;
    }
    const cel: Record<string, unknown> | undefined = wantCel ? {} : undefined;
    if (withMeta) {
      for (const k of ['apiVersion', 'kind'] as const) {
        const x = v[k];
        w.path.push(k);
        if (x !== undefined && x !== null && typeof x !== 'string') {
          problem(w, 'schema', `Invalid value: ${JSON.stringify(jsonType(x))}: ${inBody(w)} must be of type string: ${JSON.stringify(jsonType(x))}`, true);
        } else if (embedded && !root && (typeof x !== 'string' || x === '')) {
          problem(w, 'schema', 'Required value: must not be empty', true);
        }
        w.path.pop();
        if (cel && typeof x === 'string') cel[k] = x;
      }
      const meta = v.metadata;
      if (meta !== undefined && meta !== null && metaChecker) {
        const mw = { path: ['metadata'] as PathSegment[], out: [] as SchemaProblem[] };
        metaChecker(meta, mw);
        for (const p of mw.out) {
          problem(w, p.type === 'unknown-field' ? 'unknown-field' : 'schema', p.message, p.type !== 'unknown-field', p.path);
        }
      }
      if (cel && isObject(meta)) {
        // The server exposes only name and generateName of metadata to CEL.
        const m: Record<string, unknown> = {};
        if (typeof meta.name === 'string') m.name = meta.name;
        if (typeof meta.generateName === 'string') m.generateName = meta.generateName;
        cel.metadata = m;
      }
    }
    const keys = Object.keys(v);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      if (withMeta && (key === 'apiVersion' || key === 'kind' || key === 'metadata')) continue;
      const p = props.get(key);
      const x = v[key];
      w.path.push(key);
      if (p !== undefined && dropStatus && key === 'status') {
        // Dropped on create (status subresource): only unknown fields, found while decoding, count.
        const sw: Walk = { path: w.path, out: [], blocking: false, cel: [], matches: 0 };
        p.check(x, sw, false);
        for (const q of sw.out) if (q.type === 'unknown-field') w.out.push(q);
      } else if (p !== undefined) {
        if (x === null && !p.nullable) {
          // Pruned: null in a field that is not nullable is dropped (then defaulted).
          if (p.hasDefault && cel && p.celName) cel[p.celName] = untypedCelFor(p, p.default);
        } else if (x === null) {
          if (cel && p.celName) cel[p.celName] = null;
        } else {
          const c = p.check(x, w, wantCel);
          if (cel && p.celName) cel[p.celName] = c;
        }
      } else if (valueCheck) {
        const c = valueCheck(x, w, wantCel);
        if (cel) cel[key] = c;
      } else if (!reportUnknown) {
        if (cel) cel[key] = untypedCel(x);
      } else {
        problem(w, 'unknown-field', `unknown field "${formatPath(w.path)}"`, false);
      }
      w.path.pop();
    }
    // Defaults of absent fields (the server defaults before it validates).
    if (cel) {
      for (const p of props.values()) {
        if (p.hasDefault && !hasOwn(v, p.name) && p.celName) cel[p.celName] = untypedCelFor(p, p.default);
      }
    }
    for (const r of required) {
      if (!hasOwn(v, r) || (v[r] === null && !props.get(r)?.nullable)) {
        if (props.get(r)?.hasDefault && !ctx.valueOnly) continue;
        problem(w, 'schema', 'Required value', true, [...w.path, r]);
      }
    }
    return cel;
  };
}

/** A shallow copy of an object with the absent (or null) properties that have defaults set to them. */
function withDefaults(v: Readonly<Record<string, unknown>>, defaults: readonly [string, unknown][]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...v };
  for (const [k, d] of defaults) if (!hasOwn(v, k) || v[k] === null) out[k] = d;
  return out;
}

/** The CEL value of a default (integers as int where the schema says so). */
function untypedCelFor(p: Property, value: unknown): unknown {
  if (p.schema.type === 'number' && typeof value === 'number') return value;
  return untypedCel(value);
}

function compileArray(s: Readonly<Record<string, unknown>>, ctx: CompileContext): Checker {
  const items = isObject(s.items) ? s.items : undefined;
  const item: Checker = items ? compileNode(items, ctx, false, false) : (v) => untypedCel(v);
  const listType = ctx.valueOnly ? undefined : s['x-kubernetes-list-type'];
  const mapKeys = Array.isArray(s['x-kubernetes-list-map-keys']) ? (s['x-kubernetes-list-map-keys'] as unknown[]).filter((k): k is string => typeof k === 'string') : [];
  const itemProps = items && isObject(items.properties) ? items.properties : {};
  const keyDefault = (k: string): unknown => {
    const p = itemProps[k];
    return isObject(p) && hasOwn(p, 'default') ? p.default : undefined;
  };
  return (v, w, wantCel) => {
    if (!Array.isArray(v)) {
      problem(w, 'schema', `Invalid value: ${JSON.stringify(jsonType(v))}: ${inBody(w)} must be of type array: ${JSON.stringify(jsonType(v))}`, true);
      return BAD;
    }
    const cel: unknown[] | undefined = wantCel ? new Array(v.length) : undefined;
    for (let i = 0; i < v.length; i++) {
      w.path.push(i);
      const c = item(v[i], w, wantCel);
      if (cel) cel[i] = c;
      w.path.pop();
    }
    // x-kubernetes-list-type (apiextensions-apiserver/pkg/apiserver/validation/listtype, ValidateListSetsAndMaps).
    if (listType === 'set') {
      const seen = new Set<string>();
      for (let i = 0; i < v.length; i++) {
        const key = canonical(v[i]);
        if (seen.has(key)) problem(w, 'schema', `Duplicate value: ${goValue(v[i])}`, false, [...w.path, i]);
        else seen.add(key);
      }
    } else if (listType === 'map' && mapKeys.length > 0) {
      const seen = new Set<string>();
      for (let i = 0; i < v.length; i++) {
        const x = v[i];
        if (!isObject(x)) continue;
        const keyFields: Record<string, unknown> = {};
        for (const k of mapKeys) {
          const kv = hasOwn(x, k) && x[k] !== null ? x[k] : keyDefault(k);
          if (kv !== undefined) keyFields[k] = kv;
        }
        const key = canonical(keyFields);
        if (seen.has(key)) problem(w, 'schema', `Duplicate value: ${goMapLiteral(keyFields)}`, false, [...w.path, i]);
        else seen.add(key);
      }
    }
    return cel;
  };
}
