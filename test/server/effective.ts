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
  const e = await effectiveVerdict(server, object as KubeObject, { level });
  if (!e.verdict.accepted) return { verdict: 'rejected', message: e.verdict.message };
  if (e.podSecurityWarnings.length > 0) return { verdict: 'rejected', message: `Pod Security warning: ${e.podSecurityWarnings[0]}` };
  const refused = e.created.find((c) => !c.verdict.accepted);
  if (refused) return { verdict: 'rejected', message: `${refused.createdBy} would create ${refused.kind} "${refused.name}": ${refused.verdict.message}` };
  return { verdict: 'accepted' };
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
