import { createHash } from 'crypto';

/** The pod-template annotation that carries the hash of the configuration the pod reads. */
export const CONFIG_HASH_ANNOTATION = 'podwright.io/config-hash';

/** JSON with object keys sorted at every level, so equal data always gives equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The part of a rendered object that, when it changes, should roll the pods: everything
 * but metadata, plus the object's identity (kind, namespace, name). Labels and
 * annotations are left out, so re-labelling a ConfigMap does not restart anything.
 */
export function configContent(object: Record<string, unknown>): unknown {
  const { metadata, ...rest } = object;
  const meta = (metadata ?? {}) as Record<string, unknown>;
  return { ...rest, metadata: { name: meta.name, namespace: meta.namespace } };
}

/** sha256 (hex) of the canonical JSON of each object's content, in the order given. */
export function configHash(objects: readonly Record<string, unknown>[]): string {
  return createHash('sha256').update(canonicalJson(objects.map(configContent))).digest('hex');
}
