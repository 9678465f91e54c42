import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';
import { KubeObject } from '../validation/types';
import { CheckOptions, DryRunTarget, ServerVerdict, targetOf, writeTo } from './api-server';
import { Endpoint, KubeClient } from './client';
import { Discovery, RestResource } from './discovery';

/** A kubeconfig that cannot be used (the CLI turns it into exit code 2). */
export class KubeconfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KubeconfigError';
  }
}

type Named<T> = { name?: string } & T;
interface Kubeconfig {
  'current-context'?: string;
  contexts?: Named<{ context?: { cluster?: string; user?: string; namespace?: string } }>[];
  clusters?: Named<{ cluster?: { server?: string; 'certificate-authority'?: string; 'certificate-authority-data'?: string; 'insecure-skip-tls-verify'?: boolean } }>[];
  users?: Named<{ user?: Record<string, unknown> }>[];
}

/**
 * The endpoint of a kubeconfig's context (the current one by default): server URL, CA,
 * and a bearer token or a client certificate, from data fields or files (relative to the
 * kubeconfig's folder). Exec and auth-provider plugins are not run.
 */
export function endpointFromKubeconfig(file: string, context?: string): { endpoint: Endpoint; namespace?: string } {
  let config: Kubeconfig;
  try {
    config = (parse(readFileSync(file, 'utf8')) ?? {}) as Kubeconfig;
  } catch (e) {
    throw new KubeconfigError(`${file}: cannot read the kubeconfig: ${(e as Error).message}`);
  }
  const base = dirname(resolve(file));
  const read = (p: string) => {
    try {
      return readFileSync(resolve(base, p));
    } catch (e) {
      throw new KubeconfigError(`${file}: cannot read ${p}: ${(e as Error).message}`);
    }
  };
  const b64 = (s: string) => Buffer.from(s, 'base64');
  const ctxName = context ?? config['current-context'];
  const ctx = (config.contexts ?? []).find((c) => c.name === ctxName)?.context;
  if (!ctx) throw new KubeconfigError(`${file}: no context "${ctxName ?? ''}" (set current-context or pass a context).`);
  const cluster = (config.clusters ?? []).find((c) => c.name === ctx.cluster)?.cluster;
  if (!cluster?.server) throw new KubeconfigError(`${file}: context "${ctxName}" names cluster "${ctx.cluster ?? ''}", which has no server.`);
  const user = (config.users ?? []).find((u) => u.name === ctx.user)?.user ?? {};
  const str = (k: string) => (typeof user[k] === 'string' ? (user[k] as string) : undefined);
  if (user.exec !== undefined || user['auth-provider'] !== undefined) {
    throw new KubeconfigError(`${file}: user "${ctx.user ?? ''}" authenticates through an exec or auth-provider plugin, which podwright does not run; use a token or a client certificate.`);
  }
  const ca = cluster['certificate-authority-data'] ? b64(cluster['certificate-authority-data'])
    : cluster['certificate-authority'] ? read(cluster['certificate-authority']) : undefined;
  const token = str('token') ?? (str('tokenFile') ? read(str('tokenFile')!).toString().trim() : undefined);
  const cert = str('client-certificate-data') ? b64(str('client-certificate-data')!) : str('client-certificate') ? read(str('client-certificate')!) : undefined;
  const key = str('client-key-data') ? b64(str('client-key-data')!) : str('client-key') ? read(str('client-key')!) : undefined;
  const endpoint: { -readonly [K in keyof Endpoint]: Endpoint[K] } = { url: cluster.server };
  if (ca && cluster['insecure-skip-tls-verify'] !== true) endpoint.ca = ca;
  if (token) endpoint.token = token;
  if (cert) endpoint.cert = cert;
  if (key) endpoint.key = key;
  return { endpoint, ...(ctx.namespace ? { namespace: ctx.namespace } : {}) };
}

/**
 * An existing cluster, for server-side dry runs only: nothing is ever written (every
 * request is `dryRun=All`; there is no create or delete). Namespaced objects are checked in
 * their own namespace, else the context's, else `default`; Pod Security is then what that
 * namespace enforces. A namespace the cluster does not have yet (created by the same
 * manifests) is replaced by the fallback one.
 */
export class Cluster implements DryRunTarget {
  private readonly discovery: Discovery;

  private constructor(readonly client: KubeClient, private readonly namespace: string) {
    this.discovery = new Discovery(client);
  }

  /** Connects through a kubeconfig file (its current context, or `context`). */
  static fromKubeconfig(file: string, context?: string): Cluster {
    const { endpoint, namespace } = endpointFromKubeconfig(file, context);
    return new Cluster(new KubeClient(endpoint), namespace ?? 'default');
  }

  resourceFor(apiVersion: string, kind: string): Promise<RestResource | undefined> {
    return this.discovery.resourceFor(apiVersion, kind);
  }

  /** A server-side dry run of a create in the object's namespace (the `level` option does not apply here). */
  async dryRun(object: KubeObject, options: CheckOptions = {}): Promise<ServerVerdict> {
    const own = (object.metadata as { namespace?: unknown } | undefined)?.namespace;
    const ns = options.namespace ?? (typeof own === 'string' && own !== '' ? own : this.namespace);
    const verdict = await writeTo(this.client, await targetOf(this.discovery, object, async () => ns), 'POST', object, true);
    if (!verdict.accepted && verdict.status === 404 && /^namespaces "[^"]*" not found$/.test(verdict.message ?? '') && ns !== this.namespace) {
      return writeTo(this.client, await targetOf(this.discovery, object, async () => this.namespace), 'POST', object, true);
    }
    return verdict;
  }

  /** Closes idle connections. */
  close(): void {
    this.client.close();
  }
}
