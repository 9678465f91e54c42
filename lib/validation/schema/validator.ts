/**
 * The structural (schema) layer: checks an object against the Kubernetes 1.28 API
 * structure the way the API server's strict decoding does (sigs.k8s.io/json with
 * DisallowUnknownFields, as used by `kubectl apply --validate=strict`), plus the
 * OpenAPI `required` and `enum` facts.
 *
 * The schema is lib/validation/schema/k8s-1.28.json, generated at build time by
 * scripts/gen-schema.js from cdk8s-plus-28 and kubernetes-models; it is loaded
 * once and compiled once into closures. One walk per object produces every
 * problem; the five schema rules read it from a per-object cache.
 *
 * Decoding facts followed (encoding/json semantics the server uses):
 * - `null` is accepted for any field (it leaves the zero value); a required
 *   field that is null is missing, as the server's validation then says.
 * - a JSON number into a Go string (or a bool, a string into an int, ...) is
 *   "cannot unmarshal X into Go struct field ... of type T".
 * - int32/int64 fields reject numbers with a fraction.
 * - keys match case-sensitively; an unknown key is `unknown field "<path>"`.
 */
import { Path, PathSegment } from '../types';
import { mapKey } from '../util/path';
import { formatPath } from '../util/path';
import { isObject } from '../util/values';
import { suggest } from '../config';
import { quantityError } from './quantity';

/** The kind of problem; each schema rule reports one kind. */
export type SchemaProblemType = 'unknown-field' | 'type' | 'required' | 'enum' | 'quantity';

export interface SchemaProblem {
  readonly type: SchemaProblemType;
  /** Path from the object root. */
  readonly path: Path;
  readonly message: string;
  readonly fix?: string;
}

/** One field type of the schema file (see scripts/gen-schema.js). */
export interface SchemaType {
  readonly type: 'string' | 'integer' | 'number' | 'boolean' | 'any' | 'array' | 'map' | 'ref' | 'object' | 'Quantity' | 'IntOrString' | 'Time';
  readonly enum?: readonly string[];
  readonly items?: SchemaType;
  readonly values?: SchemaType;
  readonly ref?: string;
  /** For inline `object` types (CRD schemas). */
  readonly properties?: Readonly<Record<string, SchemaType>>;
  readonly required?: readonly string[];
  /** For inline `object` types: x-kubernetes-preserve-unknown-fields. */
  readonly preserveUnknown?: boolean;
}

export interface SchemaDefinition {
  readonly properties: Readonly<Record<string, SchemaType>>;
  readonly required?: readonly string[];
}

export interface SchemaFile {
  readonly kubernetesVersion: string;
  readonly roots: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly definitions: Readonly<Record<string, SchemaDefinition>>;
}

/** Mutable state of one walk. `path` is a stack, copied only when a problem is found. */
interface Walk {
  readonly path: PathSegment[];
  readonly out: SchemaProblem[];
}

type Checker = (value: unknown, w: Walk) => void;

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** The JSON kind of a value, in encoding/json's words. */
function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'string') return 'string';
  if (v === null) return 'null';
  return 'object';
}

/**
 * The integer fields of the built-in kinds that are int64 in the Go types; every other
 * integer field is an int32, and a number outside its range is a decoding error
 * (`cannot unmarshal number 2147483648 into Go struct field ... of type int32`).
 * From k8s.io/api core/v1, batch/v1 and meta/v1 types.go (v1.28).
 */
const INT64_FIELDS = new Set([
  'ObjectMeta.deletionGracePeriodSeconds', 'ObjectMeta.generation',
  'PodSpec.activeDeadlineSeconds', 'PodSpec.terminationGracePeriodSeconds', 'Probe.terminationGracePeriodSeconds',
  'PodSecurityContext.fsGroup', 'PodSecurityContext.runAsGroup', 'PodSecurityContext.runAsUser', 'PodSecurityContext.supplementalGroups',
  'SecurityContext.runAsGroup', 'SecurityContext.runAsUser', 'Toleration.tolerationSeconds',
  'ServiceAccountTokenProjection.expirationSeconds', 'JobSpec.activeDeadlineSeconds', 'CronJobSpec.startingDeadlineSeconds',
]);
const INT_RANGE = { int32: 2 ** 31, int64: 2 ** 63 } as const;

/**
 * Fields of alpha features that are off by default in 1.28: the server decodes them
 * (so type errors and unknown fields still count) and then drops them before
 * validation (dropDisabledFields in pkg/api/pod/util.go), so their required fields
 * and enums are never checked.
 */
const DROPPED_FIELDS = new Set([
  'PodSpec.resourceClaims', 'ResourceRequirements.claims', 'Container.resizePolicy', 'EphemeralContainer.resizePolicy',
  'SecurityContext.procMount',
]);

/** OpenAPI `required` fields that the server's validation does not require (an empty list is fine). */
const NOT_REQUIRED = new Set(['PodFailurePolicy.rules', 'ScaleIOVolumeSource.secretRef']);

/** `io.k8s.api.core.v1.NodeSelector` -> `v1.NodeSelector`, as Go prints a type. */
function goTypeOfRef(ref: string): string {
  const parts = ref.split('.');
  return parts.slice(-2).join('.');
}

function goType(t: SchemaType): string {
  switch (t.type) {
    case 'string': return 'string';
    case 'integer': return 'integer';
    case 'number': return 'float64';
    case 'boolean': return 'bool';
    case 'array': return `[]${t.items ? goType(t.items) : 'interface {}'}`;
    case 'map': return `map[string]${t.values ? goType(t.values) : 'interface {}'}`;
    case 'ref': return goTypeOfRef(t.ref ?? '');
    case 'object': return 'object';
    case 'Quantity': return 'resource.Quantity';
    case 'IntOrString': return 'intstr.IntOrString';
    case 'Time': return 'v1.Time';
    default: return 'interface {}';
  }
}

/** `spec.containers[0].ports[1].containerPort` -> `spec.containers.ports.containerPort` (Go's json error field). */
function goFieldPath(path: readonly PathSegment[]): string {
  const parts: string[] = [];
  for (const seg of path) {
    if (typeof seg === 'string') parts.push(seg);
    else if (typeof seg === 'object') parts.push(seg.mapKey);
  }
  return parts.join('.');
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * Compiles schema definitions into checkers, once. `owner` is the Go struct
 * name that holds the field (for messages only).
 */
export class CompiledSchema {
  private readonly defs = new Map<string, { fn: Checker }>();
  private readonly source: Readonly<Record<string, SchemaDefinition>>;

  constructor(definitions: Readonly<Record<string, SchemaDefinition>>) {
    this.source = definitions;
    for (const name of Object.keys(definitions)) this.defs.set(name, { fn: () => undefined });
    for (const [name, def] of Object.entries(definitions)) {
      this.defs.get(name)!.fn = this.compileObject(name.split('.').pop() ?? name, def.properties, def.required ?? [], false);
    }
  }

  /** The checker of a named definition, or undefined. */
  checker(name: string): Checker | undefined {
    return this.defs.get(name)?.fn;
  }

  has(name: string): boolean {
    return hasOwn(this.source, name);
  }

  /** Compiles an object with known properties. */
  compileObject(owner: string, properties: Readonly<Record<string, SchemaType>>, required: readonly string[], preserveUnknown: boolean): Checker {
    const props = new Map<string, Checker>();
    for (const [key, t] of Object.entries(properties)) {
      const c = this.compile(t, owner, key);
      props.set(key, DROPPED_FIELDS.has(`${owner}.${key}`) ? decodingOnly(c) : c);
    }
    const known = Object.keys(properties).sort();
    const req = required.filter((r) => !NOT_REQUIRED.has(`${owner}.${r}`));
    return (v, w) => {
      if (v === null) return;
      if (!isObject(v)) {
        typeProblem(w, v, owner === '' ? 'object' : `v1.${owner}`);
        return;
      }
      const keys = Object.keys(v);
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i]!;
        const c = props.get(key);
        w.path.push(key);
        if (c !== undefined) c(v[key], w);
        else if (!preserveUnknown) {
          const path = w.path.slice();
          const hint = suggest(key, known);
          w.out.push({
            type: 'unknown-field',
            path,
            message: `unknown field "${formatPath(path)}"`,
            fix: hint ? `Did you mean "${hint}"? Remove or rename the field.` : undefined,
          });
        }
        w.path.pop();
      }
      for (let i = 0; i < req.length; i++) {
        const r = req[i]!;
        if (!hasOwn(v, r) || v[r] === null) {
          w.out.push({ type: 'required', path: [...w.path, r], message: 'Required value' });
        }
      }
    };
  }

  /** Compiles one field type; `prop` is the field's name in its definition (for int32/int64). */
  compile(t: SchemaType, owner: string, prop = ''): Checker {
    const expected = goType(t);
    switch (t.type) {
      case 'any':
        return () => undefined;
      case 'string': {
        if (t.enum && t.enum.length) {
          const allowed = new Set(t.enum);
          const list = t.enum.map((e) => JSON.stringify(e)).join(', ');
          return (v, w) => {
            if (typeof v === 'string') {
              // An empty string is the unset value: the server defaults it or skips the check.
              if (v !== '' && !allowed.has(v)) {
                w.out.push({ type: 'enum', path: w.path.slice(), message: `Unsupported value: ${JSON.stringify(v)}: supported values: ${list}` });
              }
            } else if (v !== null) typeProblem(w, v, expected, owner);
          };
        }
        return (v, w) => {
          if (typeof v !== 'string' && v !== null) typeProblem(w, v, expected, owner);
        };
      }
      case 'integer': {
        // Built-in definitions know their Go type; inline (CRD) objects do not.
        const bits = owner === '' ? undefined : INT64_FIELDS.has(`${owner}.${prop}`) ? 'int64' : 'int32';
        const go = bits ?? expected;
        return (v, w) => {
          if (typeof v === 'number') {
            if (!Number.isInteger(v) || (bits !== undefined && (v >= INT_RANGE[bits] || v < -INT_RANGE[bits]))) typeProblem(w, v, go, owner);
          } else if (v !== null) typeProblem(w, v, go, owner);
        };
      }
      case 'number':
        return (v, w) => {
          if (typeof v !== 'number' && v !== null) typeProblem(w, v, expected, owner);
        };
      case 'boolean':
        return (v, w) => {
          if (typeof v !== 'boolean' && v !== null) typeProblem(w, v, expected, owner);
        };
      case 'array': {
        const item = t.items ? this.compile(t.items, owner, prop) : () => undefined;
        return (v, w) => {
          if (Array.isArray(v)) {
            for (let i = 0; i < v.length; i++) {
              w.path.push(i);
              item(v[i], w);
              w.path.pop();
            }
          } else if (v !== null) typeProblem(w, v, expected, owner);
        };
      }
      case 'map': {
        const value = t.values ? this.compile(t.values, owner) : () => undefined;
        return (v, w) => {
          if (isObject(v)) {
            const keys = Object.keys(v);
            for (let i = 0; i < keys.length; i++) {
              const k = keys[i]!;
              w.path.push(mapKey(k));
              value(v[k], w);
              w.path.pop();
            }
          } else if (v !== null) typeProblem(w, v, expected, owner);
        };
      }
      case 'ref': {
        const holder = this.defs.get(t.ref ?? '');
        if (!holder) throw new Error(`schema: unknown definition ${t.ref}`);
        return (v, w) => {
          if (v === null || isObject(v)) holder.fn(v, w);
          else typeProblem(w, v, expected, owner);
        };
      }
      case 'object': {
        const inner = this.compileObject('', t.properties ?? {}, t.required ?? [], t.preserveUnknown === true);
        return (v, w) => {
          if (v === null || isObject(v)) inner(v, w);
          else typeProblem(w, v, 'object', owner);
        };
      }
      case 'Quantity':
        return (v, w) => {
          if (typeof v === 'string') {
            const err = quantityError(v);
            if (err) w.out.push({ type: 'quantity', path: w.path.slice(), message: `Invalid value: ${JSON.stringify(v)}: ${err}` });
          } else if (typeof v === 'number') {
            if (!Number.isFinite(v)) w.out.push({ type: 'quantity', path: w.path.slice(), message: `Invalid value: ${v}: quantities must be finite numbers` });
          } else if (v !== null) {
            w.out.push({ type: 'quantity', path: w.path.slice(), message: `Invalid value: ${JSON.stringify(v)}: a quantity must be a string such as "500m" or "1Gi", or a number` });
          }
        };
      case 'IntOrString':
        return (v, w) => {
          if (typeof v === 'number') {
            if (!Number.isInteger(v)) typeProblem(w, v, 'int32', owner);
          } else if (typeof v !== 'string' && v !== null) typeProblem(w, v, 'int32', owner);
        };
      case 'Time':
        return (v, w) => {
          if (typeof v === 'string') {
            if (!RFC3339.test(v)) {
              w.out.push({ type: 'type', path: w.path.slice(), message: `parsing time ${JSON.stringify(v)} as "2006-01-02T15:04:05Z07:00": not an RFC 3339 date-time` });
            }
          } else if (v !== null) typeProblem(w, v, 'string', owner);
        };
      default:
        throw new Error(`schema: unsupported type ${String((t as SchemaType).type)}`);
    }
  }
}

/** Keeps only the problems strict decoding finds (types, unknown fields). */
function decodingOnly(c: Checker): Checker {
  return (v, w) => {
    const from = w.out.length;
    c(v, w);
    const kept = w.out.slice(from).filter((p) => p.type === 'type' || p.type === 'unknown-field');
    w.out.length = from;
    w.out.push(...kept);
  };
}

function typeProblem(w: Walk, v: unknown, expected: string, owner = ''): void {
  const path = w.path.slice();
  const kind = jsonKind(v);
  const what = kind === 'number' ? `number ${String(v)}` : kind;
  const field = goFieldPath(path);
  const where = owner && field ? `Go struct field ${owner}.${field}` : field ? `Go struct field .${field}` : 'Go value';
  w.out.push({ type: 'type', path, message: `cannot unmarshal ${what} into ${where} of type ${expected}` });
}

// ---------------------------------------------------------------------------
// The built-in schema, loaded and compiled once, lazily.

let builtin: { file: SchemaFile; compiled: CompiledSchema } | undefined;

function load(): { file: SchemaFile; compiled: CompiledSchema } {
  if (!builtin) {
    const file = require('./k8s-1.28.json') as SchemaFile;
    builtin = { file, compiled: new CompiledSchema(file.definitions) };
  }
  return builtin;
}

/** The generated schema file (for tests and tooling). */
export function schemaFile(): SchemaFile {
  return load().file;
}

/** The compiled built-in schema (shared with CRD schemas for ObjectMeta). */
export function builtinSchema(): CompiledSchema {
  return load().compiled;
}

/** The root definition name for an apiVersion/kind, or undefined. */
export function rootDefinition(apiVersion: string, kind: string): string | undefined {
  const byKind = load().file.roots;
  if (!hasOwn(byKind, apiVersion)) return undefined;
  const kinds = byKind[apiVersion]!;
  return hasOwn(kinds, kind) ? kinds[kind] : undefined;
}

const crdCheckers = new Map<string, Checker>();
let generation = 0;

/** Registers a root checker for a custom resource (see crd.ts). */
export function registerRootChecker(apiVersion: string, kind: string, checker: Checker): void {
  crdCheckers.set(`${apiVersion}\u0000${kind}`, checker);
  generation++;
}

/** True when a CRD schema was registered for this apiVersion and kind. */
export function hasCrdSchema(apiVersion: string, kind: string): boolean {
  return crdCheckers.has(`${apiVersion}\u0000${kind}`);
}

/** Removes every registered custom resource schema (for tests). */
export function clearRootCheckers(): void {
  crdCheckers.clear();
  generation++;
}

function rootChecker(apiVersion: string, kind: string): Checker | undefined {
  const def = rootDefinition(apiVersion, kind);
  if (def !== undefined) return load().compiled.checker(def);
  return crdCheckers.get(`${apiVersion}\u0000${kind}`);
}

/** True when the schema layer has a structure for this apiVersion and kind (built-in or CRD). */
export function hasSchema(apiVersion: string, kind: string): boolean {
  return rootChecker(apiVersion, kind) !== undefined;
}

const cache = new WeakMap<object, { generation: number; apiVersion: string; kind: string; problems: readonly SchemaProblem[] }>();

/**
 * Every structural problem of one object, computed once per object and cached
 * (the five schema rules share one walk). Objects of kinds without a schema have none.
 */
export function schemaProblems(object: object, apiVersion: string, kind: string): readonly SchemaProblem[] {
  const hit = cache.get(object);
  if (hit && hit.generation === generation && hit.apiVersion === apiVersion && hit.kind === kind) return hit.problems;
  const checker = rootChecker(apiVersion, kind);
  let problems: readonly SchemaProblem[] = [];
  if (checker) {
    const w: Walk = { path: [], out: [] };
    checker(object, w);
    problems = w.out;
  }
  cache.set(object, { generation, apiVersion, kind, problems });
  return problems;
}
