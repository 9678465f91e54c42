/**
 * Custom resources: a user-supplied CRD version's `openAPIV3Schema` checked for
 * unknown fields, types and required fields, like the API server's strict field
 * validation of custom resources (structural schemas, apiextensions-apiserver).
 *
 * Supported keywords: type (object, array, string, integer, number, boolean),
 * properties, required, items, additionalProperties (schema or true), enum (of
 * strings), x-kubernetes-preserve-unknown-fields, x-kubernetes-int-or-string.
 * Other keywords (pattern, minimum, CEL rules, ...) are not checked.
 */
import { isObject } from '../util/values';
import { builtinSchema, registerRootChecker, SchemaType } from './validator';

const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

/**
 * Registers the `openAPIV3Schema` of one served CRD version, so objects of that
 * apiVersion and kind are checked by the schema rules. `apiVersion` is
 * `<group>/<version>`. Registering again replaces the previous schema.
 *
 * @deprecated A process-wide registry that leaks from one run into the next, and checks
 * only types, required fields and string enums. Give CRDs per run instead: put the CRD
 * in the input, or pass a `CrdRegistry` (`loadCrdFiles([...])`, or
 * `new CrdRegistry().addCrd(crdObject)`) as `crdRegistry` of the configuration, or name
 * the files in `podwright.config.json` `crds` / `podwright validate --crd`. Those check
 * the whole structural schema and the CEL rules, as the API server does.
 */
export function registerCrdSchema(apiVersion: string, kind: string, openAPIV3Schema: unknown): void {
  if (!isObject(openAPIV3Schema)) throw new Error(`registerCrdSchema(${apiVersion}, ${kind}): openAPIV3Schema must be an object`);
  const root = toSchemaType(openAPIV3Schema, 'openAPIV3Schema');
  const properties: Record<string, SchemaType> = { ...(root.properties ?? {}) };
  // apiVersion, kind and metadata are always ObjectMeta-shaped, whatever the CRD says.
  properties.apiVersion = { type: 'string' };
  properties.kind = { type: 'string' };
  properties.metadata = { type: 'ref', ref: OBJECT_META };
  const compiled = builtinSchema();
  const checker = compiled.compileObject(kind, properties, root.required ?? [], root.preserveUnknown === true);
  registerRootChecker(apiVersion, kind, checker);
}

function toSchemaType(s: Readonly<Record<string, unknown>>, where: string): SchemaType {
  const get = (k: string): unknown => (Object.prototype.hasOwnProperty.call(s, k) ? s[k] : undefined);
  if (get('x-kubernetes-int-or-string') === true) return { type: 'IntOrString' };
  const preserve = get('x-kubernetes-preserve-unknown-fields') === true;
  const type = get('type');
  switch (type) {
    case 'string': {
      const e = get('enum');
      const values = Array.isArray(e) ? e.filter((x): x is string => typeof x === 'string') : [];
      return values.length ? { type: 'string', enum: values } : { type: 'string' };
    }
    case 'integer':
    case 'number':
    case 'boolean':
      return { type };
    case 'array': {
      const items = get('items');
      return { type: 'array', items: isObject(items) ? toSchemaType(items, `${where}.items`) : { type: 'any' } };
    }
    case 'object': {
      const props = get('properties');
      const additional = get('additionalProperties');
      if (!isObject(props) && additional !== undefined && additional !== false) {
        return { type: 'map', values: isObject(additional) ? toSchemaType(additional, `${where}.additionalProperties`) : { type: 'any' } };
      }
      const properties: Record<string, SchemaType> = {};
      if (isObject(props)) {
        for (const [k, v] of Object.entries(props)) {
          if (!isObject(v)) throw new Error(`${where}.properties.${k} must be an object`);
          properties[k] = toSchemaType(v, `${where}.properties.${k}`);
        }
      }
      const req = get('required');
      const required = Array.isArray(req) ? req.filter((x): x is string => typeof x === 'string') : [];
      return { type: 'object', properties, required, preserveUnknown: preserve };
    }
    default:
      // No type: anything goes (only valid with x-kubernetes-preserve-unknown-fields in a structural schema).
      return { type: 'any' };
  }
}
