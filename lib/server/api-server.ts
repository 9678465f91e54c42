import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';
import { KubeObject, PodSecurityLevel } from '../validation/types';
import { resolveAssets, ServerAssets } from './assets';
import { KubeClient, ServerResponse } from './client';
import { Discovery, RestResource, restPath } from './discovery';
import { ProcessGroup } from './processes';

/** One field-level reason the server gave for refusing an object (`Status.details.causes`). */
export interface ServerCause {
  /** The field path as the server prints it, e.g. `spec.template.spec.containers[0].image`; may be empty. */
  readonly field: string;
  readonly message: string;
  /** e.g. `FieldValueInvalid`, `FieldValueRequired`, `FieldValueNotSupported`. */
  readonly reason: string;
}

/** What the server said about one object. */
export interface ServerVerdict {
  /** True when the server accepted the request (2xx). */
  readonly accepted: boolean;
  /** HTTP status code (201 accepted, 422 invalid, 403 forbidden by admission, 404 unknown kind, ...). */
  readonly status: number;
  /** `Status.reason` when refused (`Invalid`, `Forbidden`, `NotFound`, `BadRequest`, `AlreadyExists`, ...). */
  readonly reason?: string;
  /** The server's message when refused. */
  readonly message?: string;
  readonly causes: readonly ServerCause[];
  /** Every warning the server sent back (Pod Security warnings for workloads, deprecations, unknown fields, ...). */
  readonly warnings: readonly string[];
  /** The object as the server returned it (defaults applied), when accepted. */
  readonly object?: KubeObject;
}

/** Where an object is checked. */
export interface CheckOptions {
  /**
   * The Pod Security level the namespace enforces; the object is checked in a namespace
   * labelled `pod-security.kubernetes.io/enforce: <level>` (and `warn`, with version v1.28).
   * @default 'privileged'
   */
  readonly level?: PodSecurityLevel;
  /** An existing namespace to use instead (its labels decide Pod Security). @default - the level's namespace */
  readonly namespace?: string;
}

/** How to start a server. */
export interface StartOptions {
  /**
   * The envtest assets folder (holding kube-apiserver, and maybe etcd), or the binaries.
   * @default - the KUBEBUILDER_ASSETS environment variable
   */
  readonly assets?: string | ServerAssets;
  /** Give up when the server is not ready after this long. @default 60000 */
  readonly readyTimeoutMs?: number;
}

/** The Pod Security version the level namespaces pin. */
export const POD_SECURITY_VERSION = 'v1.28';

/** Free TCP ports on 127.0.0.1 (the OS picks; they stay free until something binds them). */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: count }, () => new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => resolve(s));
  })));
  const ports = servers.map((s) => (s.address() as AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Reads a Status body (or anything else) into a verdict. */
export function verdictOf(res: ServerResponse): ServerVerdict {
  const accepted = res.status >= 200 && res.status < 300;
  if (accepted) {
    const object = typeof res.body === 'object' && res.body !== null ? (res.body as KubeObject) : undefined;
    return { accepted, status: res.status, causes: [], warnings: res.warnings, ...(object ? { object } : {}) };
  }
  const body = (typeof res.body === 'object' && res.body !== null ? res.body : {}) as {
    reason?: string; message?: string; details?: { causes?: { field?: string; message?: string; reason?: string }[] };
  };
  return {
    accepted,
    status: res.status,
    reason: body.reason ?? `HTTP${res.status}`,
    message: body.message ?? (typeof res.body === 'string' ? res.body : `HTTP ${res.status}`),
    causes: (body.details?.causes ?? []).map((c) => ({ field: c.field ?? '', message: c.message ?? '', reason: c.reason ?? '' })),
    warnings: res.warnings,
  };
}

/** What the server layer needs: dry runs and discovery (an ApiServer, or an existing Cluster). */
export interface DryRunTarget {
  dryRun(object: KubeObject, options?: CheckOptions): Promise<ServerVerdict>;
  resourceFor(apiVersion: string, kind: string): Promise<RestResource | undefined>;
}

/**
 * A real kube-apiserver (with its etcd) on free loopback ports, for server-side dry runs.
 *
 * It runs the admission plugins a real cluster runs (the 1.28 defaults, PodSecurity
 * included) except ServiceAccount: no controller here creates the `default` service
 * account, so that plugin would refuse every Pod. Everything it starts (etcd, the API
 * server, a watchdog) and its temporary folder go away on `stop()`, on exit, on
 * SIGINT/SIGTERM/SIGHUP, and when this process is killed.
 *
 * ```ts
 * const server = await ApiServer.start({ assets: process.env.KUBEBUILDER_ASSETS });
 * try {
 *   const v = await server.dryRun(deployment, { level: 'restricted' });
 * } finally {
 *   await server.stop();
 * }
 * ```
 */
export class ApiServer implements DryRunTarget {
  /** Milliseconds from start() to /readyz answering ok. */
  readonly startupMs: number;
  private readonly discovery: Discovery;
  private readonly namespaces = new Map<string, Promise<void>>();

  private constructor(
    readonly client: KubeClient,
    private readonly group: ProcessGroup,
    startupMs: number,
  ) {
    this.discovery = new Discovery(client);
    this.startupMs = startupMs;
  }

  /** The temporary folder holding etcd's data, certificates, keys and logs (removed on stop). */
  get dir(): string {
    return this.group.dir;
  }

  /** Process ids of everything the harness started (etcd, kube-apiserver, the watchdog). */
  get pids(): number[] {
    return this.group.pids;
  }

  /** The server's https URL. */
  get url(): string {
    return this.client.endpoint.url;
  }

  /** Starts etcd and kube-apiserver and waits until `/readyz` is ok. Stops both if that fails. */
  static async start(options: StartOptions = {}): Promise<ApiServer> {
    const began = Date.now();
    const assets = typeof options.assets === 'object' ? options.assets : resolveAssets(options.assets);
    const group = new ProcessGroup();
    try {
      const [etcdPort, peerPort, securePort] = await freePorts(3);
      const dir = group.dir;
      const token = randomBytes(24).toString('hex');
      writeFileSync(join(dir, 'tokens.csv'), `${token},podwright,podwright-uid,"system:masters"\n`, { mode: 0o600 });
      // An EC key signs service-account tokens (fast to make; kube-apiserver reads "EC PRIVATE KEY" PEM).
      const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1', privateKeyEncoding: { type: 'sec1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
      writeFileSync(join(dir, 'sa.key'), privateKey, { mode: 0o600 });
      const certDir = join(dir, 'certs');
      mkdirSync(certDir);

      const etcdUrl = `http://127.0.0.1:${etcdPort}`;
      const peerUrl = `http://127.0.0.1:${peerPort}`;
      group.spawn('etcd', assets.etcd, [
        `--data-dir=${join(dir, 'etcd')}`,
        `--listen-client-urls=${etcdUrl}`, `--advertise-client-urls=${etcdUrl}`,
        `--listen-peer-urls=${peerUrl}`, `--initial-advertise-peer-urls=${peerUrl}`,
        `--initial-cluster=default=${peerUrl}`,
        '--log-level=error', '--logger=zap',
      ]);
      group.spawn('kube-apiserver', assets.apiServer, [
        `--etcd-servers=${etcdUrl}`,
        `--secure-port=${securePort}`, '--bind-address=127.0.0.1',
        `--cert-dir=${certDir}`,
        `--token-auth-file=${join(dir, 'tokens.csv')}`,
        '--service-account-issuer=https://kubernetes.default.svc',
        `--service-account-key-file=${join(dir, 'sa.key')}`,
        `--service-account-signing-key-file=${join(dir, 'sa.key')}`,
        '--authorization-mode=RBAC',
        // The 1.28 default admission plugins (PodSecurity included) minus ServiceAccount, which
        // would refuse every Pod for want of the `default` service account no controller makes here.
        '--disable-admission-plugins=ServiceAccount',
        // As kubeadm and most clusters do; otherwise privileged containers are refused by policy.
        '--allow-privileged=true',
        '--service-cluster-ip-range=10.0.0.0/24',
      ]);
      const url = `https://127.0.0.1:${securePort}`;
      const probe = new KubeClient({ url, token });
      const deadline = began + (options.readyTimeoutMs ?? 60_000);
      try {
        for (;;) {
          for (const c of group.children) {
            if (c.exited) {
              throw new Error(`${c.name} exited (${c.exited.signal ?? `code ${c.exited.code}`}) before the API server was ready:\n${group.logTail(c.name)}`);
            }
          }
          const ready = await probe.request('GET', '/readyz', undefined, 2000).then((r) => r.status === 200, () => false);
          if (ready) break;
          if (Date.now() > deadline) {
            throw new Error(`kube-apiserver was not ready after ${Date.now() - began} ms:\n${group.logTail('kube-apiserver')}`);
          }
          await sleep(100);
        }
      } finally {
        probe.close();
      }
      // Trust the self-signed certificate the server made for itself, from here on.
      const crt = join(certDir, 'apiserver.crt');
      const client = new KubeClient({ url, token, ca: existsSync(crt) ? readFileSync(crt) : undefined });
      return new ApiServer(client, group, Date.now() - began);
    } catch (err) {
      await group.stop(1000);
      throw err;
    }
  }

  /** Stops the server and etcd and removes the temporary folder. Safe to call twice. */
  async stop(): Promise<void> {
    this.client.close();
    await this.group.stop();
  }

  /** The REST resource of an apiVersion and kind, through discovery; undefined when not served. */
  resourceFor(apiVersion: string, kind: string): Promise<RestResource | undefined> {
    return this.discovery.resourceFor(apiVersion, kind);
  }

  /**
   * Creates (once) a namespace that enforces a Pod Security level and warns at it,
   * pinned to v1.28, and returns its name (`podwright-<level>`).
   */
  async namespaceFor(level: PodSecurityLevel): Promise<string> {
    const name = `podwright-${level}`;
    await this.ensureNamespace(name, level);
    return name;
  }

  /**
   * Creates a namespace with Pod Security labels unless it exists: it enforces, warns and
   * audits at `level`, or warns (and audits) at `warnLevel` when given.
   */
  ensureNamespace(name: string, level: PodSecurityLevel, warnLevel: PodSecurityLevel = level): Promise<void> {
    let done = this.namespaces.get(name);
    if (!done) {
      const labels: Record<string, string> = {};
      for (const mode of ['enforce', 'warn', 'audit']) {
        labels[`pod-security.kubernetes.io/${mode}`] = mode === 'enforce' ? level : warnLevel;
        labels[`pod-security.kubernetes.io/${mode}-version`] = POD_SECURITY_VERSION;
      }
      done = this.client.request('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } })
        .then((res) => {
          if (res.status !== 201 && res.status !== 409) throw new Error(`cannot create namespace ${name}: ${JSON.stringify(res.body)}`);
        });
      this.namespaces.set(name, done);
    }
    return done;
  }

  /** Server-side dry run of a create (`dryRun=All`, `fieldValidation=Strict`): nothing is stored. */
  dryRun(object: KubeObject, options: CheckOptions = {}): Promise<ServerVerdict> {
    return this.write('POST', object, options, true);
  }

  /** Creates the object for real (a Pod for the ephemeral-container checks, say). */
  create(object: KubeObject, options: CheckOptions = {}): Promise<ServerVerdict> {
    return this.write('POST', object, options, false);
  }

  /**
   * Replaces an object, or one of its subresources (`ephemeralcontainers`, `status`, ...),
   * with a PUT; `dryRun` as for `dryRun()`.
   */
  replace(object: KubeObject, options: CheckOptions & { subresource?: string; dryRun?: boolean } = {}): Promise<ServerVerdict> {
    return this.write('PUT', object, options, options.dryRun ?? false, options.subresource);
  }

  /** Reads an object back (for example a created Pod, to replace its ephemeral containers). */
  async get(object: KubeObject, options: CheckOptions = {}): Promise<ServerVerdict> {
    const target = await this.target(object, options);
    if ('verdict' in target) return target.verdict;
    return verdictOf(await this.client.request('GET', restPath(target.resource, target.namespace, target.name)));
  }

  /** Deletes an object (no grace period); a missing object counts as deleted. */
  async delete(object: KubeObject, options: CheckOptions = {}): Promise<ServerVerdict> {
    const target = await this.target(object, options);
    if ('verdict' in target) return target.verdict;
    const res = await this.client.request('DELETE', `${restPath(target.resource, target.namespace, target.name)}?gracePeriodSeconds=0`);
    return res.status === 404 ? { accepted: true, status: 404, causes: [], warnings: res.warnings } : verdictOf(res);
  }

  private async target(object: KubeObject, options: CheckOptions): Promise<Target> {
    return targetOf(this.discovery, object, async () => options.namespace ?? (await this.namespaceFor(options.level ?? 'privileged')));
  }

  private async write(method: 'POST' | 'PUT', object: KubeObject, options: CheckOptions, dryRun: boolean, subresource?: string): Promise<ServerVerdict> {
    return writeTo(this.client, await this.target(object, options), method, object, dryRun, subresource);
  }
}

/** Where one object goes: its REST resource, namespace and name; or why it cannot go. */
export type Target = { resource: RestResource; namespace?: string; name?: string } | { verdict: ServerVerdict };

/** Finds an object's resource through discovery; `namespace` is asked only for namespaced kinds. */
export async function targetOf(discovery: Discovery, object: KubeObject, namespace: () => Promise<string>): Promise<Target> {
  const apiVersion = typeof object.apiVersion === 'string' ? object.apiVersion : '';
  const kind = typeof object.kind === 'string' ? object.kind : '';
  const resource = apiVersion && kind ? await discovery.resourceFor(apiVersion, kind) : undefined;
  if (!resource) {
    const message = `the server could not find the requested resource: no kind "${kind}" is registered for version "${apiVersion}"`;
    return { verdict: { accepted: false, status: 404, reason: 'NotFound', message, causes: [], warnings: [] } };
  }
  const metadata = (typeof object.metadata === 'object' && object.metadata !== null ? object.metadata : {}) as { name?: unknown };
  const name = typeof metadata.name === 'string' ? metadata.name : undefined;
  if (!resource.namespaced) return { resource, name };
  return { resource, namespace: await namespace(), name };
}

/** POSTs (creates) or PUTs (replaces) an object at its target, `fieldValidation=Strict`, as a dry run or for real. */
export async function writeTo(client: KubeClient, target: Target, method: 'POST' | 'PUT', object: KubeObject, dryRun: boolean, subresource?: string): Promise<ServerVerdict> {
  if ('verdict' in target) return target.verdict;
  const body = target.namespace === undefined
    ? object
    : { ...object, metadata: { ...(object.metadata as object | undefined), namespace: target.namespace } };
  const path = method === 'POST'
    ? restPath(target.resource, target.namespace, subresource === undefined ? undefined : target.name, subresource)
    : restPath(target.resource, target.namespace, target.name ?? '', subresource);
  const query = `?fieldValidation=Strict${dryRun ? '&dryRun=All' : ''}`;
  return verdictOf(await client.request(method, path + query, body));
}
