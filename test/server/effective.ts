import { ApiServer } from '../../lib/server';
import { effectiveVerdict } from '../../lib/server/effective';
import { KubeObject, PodSecurityLevel } from '../../lib/validation/types';
import { Label } from '../fixtures/corpus-agreement';

/**
 * The server's effective verdict on one object as a corpus label: refused when the object
 * is refused, when Pod Security warns about it at its level, or when anything its
 * controller creates (lib/server/effective.ts) is refused; the message is the first refusal's.
 */
export async function labelOf(server: ApiServer, object: unknown, level: PodSecurityLevel): Promise<Label> {
  const e = await effectiveVerdict(server, asAdmitted(object) as KubeObject, { level });
  if (!e.verdict.accepted) return { verdict: 'rejected', message: e.verdict.message };
  if (e.podSecurityWarnings.length > 0) return { verdict: 'rejected', message: `Pod Security warning: ${e.podSecurityWarnings[0]}` };
  const refused = e.created.find((c) => !c.verdict.accepted);
  if (refused) return { verdict: 'rejected', message: `${refused.createdBy} would create ${refused.kind} "${refused.name}": ${refused.verdict.message}` };
  return { verdict: 'accepted' };
}

/**
 * The harness runs without the ServiceAccount admission plugin (no controller makes the
 * `default` account). In a cluster that plugin sets a Pod's serviceAccountName to
 * `default` when it is unset, before validation (plugin/pkg/admission/serviceaccount,
 * v1.28); do the same for a Pod checked directly, so that checks which depend on it (a
 * projected serviceAccountToken needs a service account) judge what a cluster would see.
 */
function asAdmitted(object: unknown): unknown {
  const o = object as { kind?: unknown; spec?: Record<string, unknown> };
  if (o === null || typeof o !== 'object' || o.kind !== 'Pod' || typeof o.spec !== 'object' || o.spec === null) return object;
  if (o.spec.serviceAccountName || o.spec.serviceAccount) return object;
  return { ...o, spec: { ...o.spec, serviceAccountName: 'default' } };
}

/** Runs `fn` over `items` with at most `width` in flight (dry runs share the client's keep-alive sockets). */
export async function pool<T, R>(items: readonly T[], width: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return out;
}
