/**
 * The JSON of cdk8s-plus-28's L1 objects (`k8s.KubeDeployment`, ...) without the
 * generated `toJson_*` converters' cost.
 *
 * Each generated converter (cdk8s-plus-28 lib/imports/k8s.js, 440 of them, all of one
 * shape) lists its fields in an object literal and then drops the undefined ones with
 * `Object.entries(result).reduce((r, i) => ({ ...r, [i[0]]: i[1] }), {})`. V8 gives every
 * object made by that spread-plus-computed-key its own hidden class, and hidden classes
 * live in the old generation until a full collection: rendering 30,000 objects left
 * well over 100 MB of them behind (bench/README.md). The same spread is quadratic in
 * the number of fields.
 *
 * This module reads each converter's field list from the converter itself (its source
 * text: one line per field, in nine mechanical forms) and builds the same object by
 * plain assignment, field by field, in the same order. The result is equal to the
 * converter's, key order included (test/synth/l1-json.test.ts compares every one of the
 * 440 converters on generated input, and whole objects of the example apps). A converter
 * whose text does not match is never guessed at: the object is rendered by its own
 * `toJson()`.
 *
 * The cdk8s part of the rendering (`ApiObject.prototype.toJson`: resolve, sanitize, JSON
 * patches) has the same problem in two object spreads; `baseJson` does the same steps
 * with cdk8s's own functions, by assignment, for the cdk8s version it was checked
 * against (a digest of the two methods it mirrors), and calls cdk8s's method otherwise.
 */
import { createHash } from 'crypto';
import { ApiObject, ApiObjectMetadataDefinition, JsonPatch, resolve } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';

/** cdk8s's own sanitizer (not re-exported by its index), so that values are cleaned exactly as ApiObject.toJson cleans them. */
type Sanitize = (obj: unknown, options?: SanitizeOptions) => unknown;

interface SanitizeOptions {
  readonly sortKeys?: boolean;
  readonly filterEmptyArrays?: boolean;
  readonly filterEmptyObjects?: boolean;
}

/** How one field's value is converted (the nine forms of the generated converters). */
export type Conversion =
  | { readonly form: 'value' } // obj.f
  | { readonly form: 'struct'; readonly type: string } // toJson_T(obj.f)
  | { readonly form: 'structs'; readonly type: string } // obj.f?.map(y => toJson_T(y))
  | { readonly form: 'values' } // obj.f?.map(y => y)
  | { readonly form: 'map' } // entries of obj.f, undefined dropped
  | { readonly form: 'union' } // obj.f?.value
  | { readonly form: 'unionMap' } // entries: i[1]?.value
  | { readonly form: 'date' } // obj.f?.toISOString()
  | { readonly form: 'structMap'; readonly type: string } // entries: toJson_T(i[1])
  | { readonly form: 'valuesMap' }; // entries: i[1]?.map(y => y)

export interface L1Field {
  readonly json: string;
  readonly prop: string;
  readonly conversion: Conversion;
}

/** Thrown inside the converter when a type cannot be read; `l1Json` then returns undefined. */
const UNKNOWN: unique symbol = Symbol('l1-json unknown converter');

const ID = '[A-Za-z_$][A-Za-z0-9_$]*';
const MAP = (value: string) => new RegExp(`^\\(\\(obj\\.(${ID})\\) === undefined\\) \\? undefined : \\(Object\\.entries\\(obj\\.\\1\\)\\.reduce\\(\\(r, i\\) => \\(i\\[1\\] === undefined\\) \\? r : \\(\\{ \\.\\.\\.r, \\[i\\[0\\]\\]: ${value} \\}\\), \\{\\}\\)\\)$`);
const FORMS: readonly [RegExp, (m: RegExpMatchArray) => Conversion][] = [
  [new RegExp(`^obj\\.(${ID})$`), () => ({ form: 'value' })],
  [new RegExp(`^toJson_(${ID})\\(obj\\.(${ID})\\)$`), (m) => ({ form: 'struct', type: m[1]! })],
  [new RegExp(`^obj\\.(${ID})\\?\\.map\\(y => toJson_(${ID})\\(y\\)\\)$`), (m) => ({ form: 'structs', type: m[2]! })],
  [new RegExp(`^obj\\.(${ID})\\?\\.map\\(y => y\\)$`), () => ({ form: 'values' })],
  [MAP('i\\[1\\]'), () => ({ form: 'map' })],
  [new RegExp(`^obj\\.(${ID})\\?\\.value$`), () => ({ form: 'union' })],
  [MAP('i\\[1\\]\\?\\.value'), () => ({ form: 'unionMap' })],
  [new RegExp(`^obj\\.(${ID})\\?\\.toISOString\\(\\)$`), () => ({ form: 'date' })],
  [MAP(`toJson_(${ID})\\(i\\[1\\]\\)`), (m) => ({ form: 'structMap', type: m[2]! })],
  [MAP('i\\[1\\]\\?\\.map\\(y => y\\)'), () => ({ form: 'valuesMap' })],
];
/** The property a form reads: the first `obj.x` of the expression. */
const PROP = new RegExp(`obj\\.(${ID})`);
const LINE = /^\s*'([^']+)': (.*),$/;
const HEAD = /^function toJson_\w+\(obj\) \{\s*if \(obj === undefined\) \{\s*return undefined;\s*\}\s*const result = \{\n([\s\S]*?)\n\s*\};\s*\/\/ filter undefined values\s*return Object\.entries\(result\)\.reduce\(\(r, i\) => \(i\[1\] === undefined\) \? r : \(\{ \.\.\.r, \[i\[0\]\]: i\[1\] \}\), \{\}\);\s*\}$/;

const converters = k8s as unknown as Record<string, unknown>;
const tables = new Map<string, readonly L1Field[] | typeof UNKNOWN>();

/** The fields of converter `toJson_<type>`, read from its source; UNKNOWN when it does not have the generated shape. */
export function fieldsOf(type: string): readonly L1Field[] | undefined {
  let table = tables.get(type);
  if (table === undefined) {
    table = readConverter(converters[`toJson_${type}`]);
    tables.set(type, table);
  }
  return table === UNKNOWN ? undefined : table;
}

function readConverter(fn: unknown): readonly L1Field[] | typeof UNKNOWN {
  if (typeof fn !== 'function') return UNKNOWN;
  const body = HEAD.exec(Function.prototype.toString.call(fn).replace(/\r\n/g, '\n'));
  if (!body) return UNKNOWN;
  const fields: L1Field[] = [];
  for (const line of body[1]!.split('\n')) {
    const m = LINE.exec(line);
    if (!m) return UNKNOWN;
    const [, json, expression] = m as unknown as [string, string, string];
    const prop = PROP.exec(expression)?.[1];
    const form = FORMS.map(([re, make]) => {
      const f = re.exec(expression);
      return f ? make(f) : undefined;
    }).find((c) => c !== undefined);
    if (!form || prop === undefined) return UNKNOWN;
    fields.push({ json, prop, conversion: form });
  }
  return fields;
}

/** `toJson_<type>(obj)`, by assignment; undefined when a type on the way cannot be read. */
export function convertL1(type: string, obj: unknown): { readonly json: unknown } | undefined {
  try {
    return { json: convert(type, obj) };
  } catch (e) {
    if (e === UNKNOWN) return undefined;
    throw e;
  }
}

/** `toJson_<type>(obj)`, by assignment. Throws UNKNOWN when a type on the way cannot be read. */
function convert(type: string, obj: unknown): unknown {
  if (obj === undefined) return undefined;
  const fields = fieldsOf(type);
  if (!fields) throw UNKNOWN;
  const source = obj as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const { json, prop, conversion } of fields) {
    const value = fieldValue(conversion, source[prop]);
    if (value !== undefined) put(out, json, value);
  }
  return out;
}

function fieldValue(c: Conversion, v: unknown): unknown {
  switch (c.form) {
    case 'value': return v;
    case 'struct': return convert(c.type, v);
    case 'structs': return (v as unknown[] | undefined)?.map((y) => convert(c.type, y));
    case 'values': return (v as unknown[] | undefined)?.map((y) => y);
    case 'union': return (v as { value?: unknown } | undefined)?.value;
    case 'date': return (v as Date | undefined)?.toISOString();
    default: return v === undefined ? undefined : mapValue(c, v);
  }
}

function mapValue(c: Conversion, v: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as object)) {
    if (x === undefined) continue;
    let value: unknown = x;
    if (c.form === 'unionMap') value = (x as { value?: unknown } | null)?.value;
    else if (c.form === 'structMap') value = convert(c.type, x);
    else if (c.form === 'valuesMap') value = (x as unknown[] | null)?.map((y) => y);
    put(out, k, value);
  }
  return out;
}

/** `out[key] = value`, also for the key `__proto__` (an object literal's computed key defines it as an own property). */
function put(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

/** How an L1 class renders: its GVK and props type, read from its `toJson` (`{ ...GVK, ...toJson_<Props>(super.toJson()) }`). */
interface L1Class {
  readonly gvk: Readonly<Record<string, unknown>>;
  readonly propsType: string;
}

const classes = new Map<Function, L1Class | undefined>();
const L1_TO_JSON = /^toJson\(\) \{\s*const resolved = super\.toJson\(\);\s*return \{\s*\.\.\.(\w+)\.GVK,\s*\.\.\.toJson_(\w+)\(resolved\),\s*\};\s*\}$/;

function l1Class(ctor: Function): L1Class | undefined {
  if (classes.has(ctor)) return classes.get(ctor);
  let found: L1Class | undefined;
  const toJson = (ctor.prototype as { toJson?: unknown }).toJson;
  const m = typeof toJson === 'function' && Object.prototype.hasOwnProperty.call(ctor.prototype, 'toJson')
    ? L1_TO_JSON.exec(Function.prototype.toString.call(toJson)) : null;
  const gvk = (ctor as unknown as { GVK?: Record<string, unknown> }).GVK;
  if (m && m[1] === ctor.name && converters[ctor.name] === ctor && gvk && fieldsOf(m[2]!)) {
    found = { gvk, propsType: m[2]! };
  }
  classes.set(ctor, found);
  return found;
}

/**
 * The JSON `apiObject.toJson()` returns, computed without the generated converters, for
 * an object whose class is one of cdk8s-plus-28's L1 classes and does not override
 * `toJson`; undefined for any other object (the caller then calls `toJson()` itself).
 */
export function l1Json(apiObject: ApiObject): unknown {
  const info = l1Class(apiObject.constructor);
  if (!info) return undefined;
  const converted = convertL1(info.propsType, baseJson(apiObject));
  if (!converted) return undefined;
  const props = converted.json as Record<string, unknown>;
  // `{ ...GVK, ...props }`, by assignment (a spread would make a hidden class per object too).
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(info.gvk)) put(out, k, info.gvk[k]);
  for (const k of Object.keys(props)) put(out, k, props[k]);
  return out;
}

/** What cdk8s's ApiObjectMetadataDefinition keeps (private fields, read here as cdk8s 2.70 names them). */
interface MetadataFields {
  readonly name?: string;
  readonly namespace?: string;
  readonly labels: unknown;
  readonly annotations: unknown;
  readonly finalizers: unknown;
  readonly ownerReferences: unknown;
  readonly _additionalAttributes: Record<string, unknown>;
}

/**
 * `ApiObject.prototype.toJson.call(apiObject)` (cdk8s api-object.js and metadata.js), with
 * the same resolve, sanitize, JSON patches and key order, but its two object spreads done
 * by assignment: spreading the metadata's attribute object (a dictionary-mode object after
 * cdk8s deletes a key from it) makes a new hidden class for every object rendered.
 */
function baseJson(apiObject: ApiObject): Record<string, unknown> {
  const sanitizeValue = mirroredSanitize();
  if (!sanitizeValue) return ApiObject.prototype.toJson.call(apiObject) as Record<string, unknown>;
  const o = apiObject as unknown as { props: Record<string, unknown>; patches: JsonPatch[]; metadata: MetadataFields };
  try {
    const m = o.metadata;
    const meta: Record<string, unknown> = {};
    for (const k of Object.keys(m._additionalAttributes)) put(meta, k, m._additionalAttributes[k]);
    meta.name = m.name;
    meta.namespace = m.namespace;
    meta.annotations = m.annotations;
    meta.finalizers = m.finalizers;
    meta.ownerReferences = m.ownerReferences;
    meta.labels = m.labels;
    const data: Record<string, unknown> = {};
    for (const k of Object.keys(o.props)) put(data, k, o.props[k]);
    data.metadata = sanitizeValue(resolve([], meta, apiObject), { filterEmptyArrays: true, filterEmptyObjects: true });
    const sortKeys = process.env.CDK8S_DISABLE_SORT ? false : true;
    const json = sanitizeValue(resolve([], data, apiObject), { sortKeys });
    const patched = JsonPatch.apply(json, ...o.patches) as Record<string, unknown>;
    const result: Record<string, unknown> = {};
    for (const k of ['apiVersion', 'kind', 'metadata', ...Object.keys(patched)]) {
      if (k in patched) put(result, k, patched[k]);
    }
    return result;
  } catch (e) {
    throw new Error(`Failed serializing construct at path '${apiObject.node.path}' with name '${apiObject.name}': ${e}`);
  }
}

/**
 * SHA-256 prefixes of the two cdk8s methods `baseJson` mirrors (cdk8s 2.70.106, whitespace
 * folded). Another cdk8s (a user's own copy, an upgrade) fails the check and is rendered
 * by its own `ApiObject.prototype.toJson`, so the mirror can never drift silently.
 */
const MIRRORED = { apiObjectToJson: 'b0124785d6525aa7', metadataToJson: '13fb4cb94fe0974f' } as const;

let mirror: Sanitize | null | undefined;

/** cdk8s's sanitizeValue when this cdk8s is the one `baseJson` mirrors; null otherwise. */
function mirroredSanitize(): Sanitize | null {
  if (mirror !== undefined) return mirror;
  const digest = (f: Function) => createHash('sha256').update(Function.prototype.toString.call(f).replace(/\s+/g, ' ')).digest('hex').slice(0, 16);
  mirror = null;
  if (digest(ApiObject.prototype.toJson) === MIRRORED.apiObjectToJson && digest(ApiObjectMetadataDefinition.prototype.toJson) === MIRRORED.metadataToJson) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const util = require('cdk8s/lib/_util') as { sanitizeValue?: unknown };
      if (typeof util.sanitizeValue === 'function') mirror = util.sanitizeValue as Sanitize;
    } catch {
      // not there: keep the fallback
    }
  }
  return mirror;
}

/** @internal for tests: whether `baseJson` runs its mirror of cdk8s (true on the pinned cdk8s). */
export function mirrorsCdk8s(): boolean {
  return mirroredSanitize() !== null;
}
