/**
 * The CRDs one run knows: plain data the engine is given (from `--crd`, the config's
 * `crds`, the app's cdk8s.yaml imports) and adds to (CRDs found in the input), so runs
 * never leak into each other. Each served version's schema is compiled on first use,
 * once, and shared by every run forked from the same registry.
 */
import { isObject } from '../util/values';
import { CrdVersionSchema } from './crd-schema';

interface Entry {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespaced: boolean;
  readonly schema: Readonly<Record<string, unknown>>;
  /** The version has the status subresource: the server drops `status` on create. */
  readonly statusSubresource: boolean;
  /** Where the CRD came from (a file, `input`), for messages. */
  readonly source?: string;
  compiled?: CrdVersionSchema;
}

const key = (apiVersion: string, kind: string): string => `${apiVersion}\u0000${kind}`;

/** True for an apiextensions.k8s.io/v1 CustomResourceDefinition object. */
export function isCrdObject(o: unknown): o is Readonly<Record<string, unknown>> {
  return isObject(o) && o.apiVersion === 'apiextensions.k8s.io/v1' && o.kind === 'CustomResourceDefinition';
}

export class CrdRegistry {
  private readonly entries: Map<string, Entry>;

  /** A registry with the CRDs of `base` (shared, compiled once), to which this one adds its own. */
  constructor(base?: CrdRegistry) {
    this.entries = new Map(base?.entries);
  }

  /** How many served CRD versions are known. */
  get size(): number {
    return this.entries.size;
  }

  /**
   * Registers every served version of one CRD that has an `openAPIV3Schema`, and returns
   * their `group/version` `Kind` names. Anything that is not a usable CRD registers nothing
   * (the CRD object itself is checked as a built-in kind).
   */
  addCrd(crd: unknown, source?: string): string[] {
    if (!isCrdObject(crd) || !isObject(crd.spec)) return [];
    const spec = crd.spec;
    const group = spec.group;
    const kind = isObject(spec.names) ? spec.names.kind : undefined;
    if (typeof group !== 'string' || typeof kind !== 'string' || !Array.isArray(spec.versions)) return [];
    const namespaced = spec.scope !== 'Cluster';
    const added: string[] = [];
    for (const v of spec.versions) {
      if (!isObject(v) || typeof v.name !== 'string' || v.served === false) continue;
      const schema = isObject(v.schema) && isObject(v.schema.openAPIV3Schema) ? v.schema.openAPIV3Schema : undefined;
      if (!schema) continue;
      const apiVersion = `${group}/${v.name}`;
      const statusSubresource = isObject(v.subresources) && isObject(v.subresources.status);
      this.entries.set(key(apiVersion, kind), { apiVersion, kind, namespaced, schema, statusSubresource, source });
      added.push(`${apiVersion} ${kind}`);
    }
    return added;
  }

  /** True when a CRD version for this apiVersion and kind is known. */
  has(apiVersion: string, kind: string): boolean {
    return this.entries.has(key(apiVersion, kind));
  }

  /** The compiled schema for an apiVersion and kind (compiled on first use), or undefined. */
  lookup(apiVersion: string, kind: string): CrdVersionSchema | undefined {
    const e = this.entries.get(key(apiVersion, kind));
    if (!e) return undefined;
    return (e.compiled ??= new CrdVersionSchema(e.apiVersion, e.kind, e.namespaced, e.schema, e.statusSubresource));
  }
}
