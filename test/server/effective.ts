import { ApiServer } from '../../lib/server';
import { KubeObject, PodSecurityLevel } from '../../lib/validation/types';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The server's effective verdict: on the object, and on the Pods and claims its controller would create. */
export interface Effective {
  readonly verdict: 'accepted' | 'rejected';
  /** The server's message for a rejection; for a created object, prefixed with its kind and name. */
  readonly message?: string;
}

/**
 * The objects a controller makes from an accepted workload (as the server returned it,
 * defaults applied). TEMPORARY: replaced by the harness's derivation once it lands.
 */
function created(obj: Obj): Obj[] {
  const n = obj.metadata.name as string;
  const spec = obj.spec ?? {};
  const pod = (tpl: Obj, name: string, labels: Obj, extra: Obj = {}) => ({
    apiVersion: 'v1', kind: 'Pod',
    metadata: { ...(tpl.metadata?.annotations ? { annotations: tpl.metadata.annotations } : {}), name, labels: { ...(tpl.metadata?.labels ?? {}), ...labels } },
    spec: { ...tpl.spec, ...extra },
  });
  switch (obj.kind) {
    case 'Deployment': return [pod(spec.template, `${n}-5d4f8b7c9d-abcde`, { 'pod-template-hash': '5d4f8b7c9d' })];
    case 'ReplicaSet': return [pod(spec.template, `${n}-abcde`, {})];
    case 'DaemonSet': return [pod(spec.template, `${n}-abcde`, { 'controller-revision-hash': '5d4f8b7c9d', 'pod-template-generation': '1' })];
    case 'StatefulSet': {
      const claims = (spec.volumeClaimTemplates ?? []) as Obj[];
      const p = pod(spec.template, `${n}-0`, { 'controller-revision-hash': `${n}-5d4f8b7c9d`, 'statefulset.kubernetes.io/pod-name': `${n}-0` }, { hostname: `${n}-0`, subdomain: spec.serviceName });
      const names = new Set(claims.map((t) => t.metadata?.name));
      p.spec.volumes = [...((p.spec.volumes ?? []) as Obj[]).filter((v) => !names.has(v.name)), ...claims.map((t) => ({ name: t.metadata?.name, persistentVolumeClaim: { claimName: `${t.metadata?.name}-${n}-0` } }))];
      const pvcs = claims.map((t) => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { ...t.metadata, name: `${t.metadata?.name}-${n}-0`, labels: { ...(spec.selector?.matchLabels ?? {}), ...(t.metadata?.labels ?? {}) } }, spec: t.spec }));
      return [...pvcs, p];
    }
    case 'Job': {
      const uid = obj.metadata.uid as string;
      return [pod(spec.template, `${n}-abcde`, { 'controller-uid': uid, 'job-name': n, 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': n })];
    }
    case 'CronJob': return [{ apiVersion: 'batch/v1', kind: 'Job', metadata: { ...(spec.jobTemplate.metadata ?? {}), name: `${n}-28900000` }, spec: spec.jobTemplate.spec }];
    default: return [];
  }
}

/**
 * The harness runs without the ServiceAccount admission plugin (no controller makes the
 * `default` account). In a cluster that plugin sets a Pod's serviceAccountName to
 * `default` when it is unset, before validation (plugin/pkg/admission/serviceaccount,
 * v1.28); do the same, so that checks which depend on it (a projected
 * serviceAccountToken needs a service account) judge what a cluster would see.
 */
function asAdmitted(object: Obj): Obj {
  if (object.kind !== 'Pod' || typeof object.spec !== 'object' || object.spec === null) return object;
  if (object.spec.serviceAccountName || object.spec.serviceAccount) return object;
  return { ...object, spec: { ...object.spec, serviceAccountName: 'default' } };
}

export async function effectiveVerdict(server: ApiServer, object: Obj, level: PodSecurityLevel): Promise<Effective> {
  const v = await server.dryRun(asAdmitted(object) as KubeObject, { level });
  if (!v.accepted) return { verdict: 'rejected', message: v.message };
  for (const child of created(v.object as Obj)) {
    const sub = await effectiveVerdict(server, child, level);
    if (sub.verdict === 'rejected') return { verdict: 'rejected', message: `${child.kind} ${child.metadata.name}: ${sub.message}` };
  }
  return { verdict: 'accepted' };
}

/** Runs `fn` over `items` with at most `width` in flight (dry runs over the client's keep-alive sockets). */
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
