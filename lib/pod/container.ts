import { k8s } from 'cdk8s-plus-28';
import { EnvFrom, EnvValue } from './env';
import { LifecycleHandler, LifecycleOptions } from './lifecycle';
import { Probe, ProbeKind } from './probe';
import { Resources, resourcesToKube } from './resources';
import { ContainerSecurityOptions } from './security';
import { Volume } from './volume';

/** A port a container listens on. */
export interface PortOptions {
  readonly number: number;
  /** A name Services and probes can refer to (at most 15 characters, IANA service-name syntax). @default - unnamed */
  readonly name?: string;
  /** @default 'TCP' */
  readonly protocol?: 'TCP' | 'UDP' | 'SCTP';
}

/** Where a volume appears inside a container. */
export interface MountOptions {
  /** @default false */
  readonly readOnly?: boolean;
  /** Mount only this path inside the volume (relative, without `..`). @default - the whole volume */
  readonly subPath?: string;
}

/** One mount given up front in `ContainerOptions.mounts`. */
export interface MountSpec extends MountOptions {
  readonly path: string;
  readonly volume: Volume;
}

/** What a container needs. Only `image` is required. */
export interface ContainerOptions {
  readonly image: string;
  /** Unique in the pod; a DNS-1123 label. @default 'main' for the main container; required for others */
  readonly name?: string;
  /** The entrypoint. @default - the image's ENTRYPOINT */
  readonly command?: readonly string[];
  /** Arguments to the entrypoint. @default - the image's CMD */
  readonly args?: readonly string[];
  /** @default - the image's working directory */
  readonly workingDir?: string;
  /** @default - the API default (Always for `:latest`, IfNotPresent otherwise) */
  readonly imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
  /** Ports, as numbers (TCP, unnamed) or full options. @default [] */
  readonly ports?: readonly (number | PortOptions)[];
  /** Environment variables, by name; a string is a literal value. @default {} */
  readonly env?: Readonly<Record<string, string | EnvValue>>;
  /** Every key of ConfigMaps or Secrets as variables (EnvFrom.configMap(), EnvFrom.secret()); `env` wins on a clash. @default [] */
  readonly envFrom?: readonly EnvFrom[];
  /**
   * CPU, memory and ephemeral storage: a documented preset (`'small'`), a preset with
   * options (`{ preset: 'small', cpuLimit: false }`), or explicit values.
   * @default - the pod's default (see each construct)
   */
  readonly resources?: Resources;
  /** @default - none */
  readonly startupProbe?: Probe;
  /** @default - none */
  readonly readinessProbe?: Probe;
  /** @default - none */
  readonly livenessProbe?: Probe;
  /** Overrides of the pod's security level defaults for this container. @default {} */
  readonly securityContext?: ContainerSecurityOptions;
  /** Volumes to mount. @default [] */
  readonly mounts?: readonly MountSpec[];
  /** Seconds to sleep in preStop so load balancers stop sending traffic before the process gets SIGTERM. @default - no preStop hook */
  readonly preStopSleepSeconds?: number;
  /** postStart and preStop hooks (exec or httpGet). preStop and preStopSleepSeconds exclude each other. @default - none */
  readonly lifecycle?: LifecycleOptions;
}

/** The role a container plays in the pod. */
export type ContainerRole =
  /** A long-running app container. */
  | 'main'
  /** A classic sidecar: another entry in `containers`. */
  | 'sidecar'
  /** A native sidecar: an init container with restartPolicy Always (Kubernetes 1.29+, or 1.28 with the SidecarContainers feature gate). */
  | 'native-sidecar'
  /** An init container that runs to completion before the others start. */
  | 'init';

/** Internal callbacks a container uses to reach its pod. */
export interface ContainerHost {
  /** Registers a volume with the pod (idempotent) and checks the mount. */
  onMount(container: PodContainer, volume: Volume, path: string): void;
  /** Re-checks the pod's security level after a change to this container. */
  onChange(container: PodContainer): void;
}

/**
 * A container of a podwright pod. Returned by `addContainer()`, `addSidecar()`
 * and `addInitContainer()`; `mount()` and `addPort()` may be called later and still
 * land in the output.
 */
export class PodContainer {
  readonly name: string;
  readonly image: string;
  readonly role: ContainerRole;
  private readonly options: ContainerOptions;
  private readonly ports: PortOptions[] = [];
  private readonly mounts: { path: string; volume: Volume; options: MountOptions }[] = [];
  private readonly env: [string, EnvValue][] = [];

  /** @internal */
  constructor(private readonly host: ContainerHost, name: string, role: ContainerRole, options: ContainerOptions,
    /** The resolved security context (level defaults plus overrides). */
    readonly securityContext: k8s.SecurityContext) {
    this.name = name;
    this.image = options.image;
    this.role = role;
    this.options = options;
    for (const p of options.ports ?? []) this.ports.push(typeof p === 'number' ? { number: p } : p);
    for (const [k, v] of Object.entries(options.env ?? {})) this.env.push([k, typeof v === 'string' ? EnvValue.value(v) : v]);
  }

  /** Mounts a volume at `path`; the volume joins the pod if it has not yet. */
  mount(path: string, volume: Volume, options: MountOptions = {}): this {
    this.host.onMount(this, volume, path);
    this.mounts.push({ path, volume, options });
    return this;
  }

  /** Declares one more port. */
  addPort(port: number | PortOptions): this {
    this.ports.push(typeof port === 'number' ? { number: port } : port);
    this.host.onChange(this);
    return this;
  }

  /** Adds an environment variable. */
  addEnv(name: string, value: string | EnvValue): this {
    this.env.push([name, typeof value === 'string' ? EnvValue.value(value) : value]);
    return this;
  }

  /** The container's ports (protocol defaulted to TCP). */
  get portList(): readonly (PortOptions & { readonly protocol: 'TCP' | 'UDP' | 'SCTP' })[] {
    return this.ports.map((p) => ({ ...p, protocol: p.protocol ?? 'TCP' }));
  }

  /** Mount paths with their volumes. */
  get mountList(): readonly { readonly path: string; readonly volume: Volume; readonly options: MountOptions }[] {
    return this.mounts;
  }

  /** Environment variables in the order given. */
  get envList(): readonly (readonly [string, EnvValue])[] {
    return this.env;
  }

  /** The probes, by kind. */
  get probes(): readonly { readonly kind: ProbeKind; readonly probe: Probe }[] {
    const out: { kind: ProbeKind; probe: Probe }[] = [];
    if (this.options.startupProbe) out.push({ kind: 'startup', probe: this.options.startupProbe });
    if (this.options.readinessProbe) out.push({ kind: 'readiness', probe: this.options.readinessProbe });
    if (this.options.livenessProbe) out.push({ kind: 'liveness', probe: this.options.livenessProbe });
    return out;
  }

  /** The lifecycle hooks, by name. */
  get hooks(): readonly { readonly kind: 'postStart' | 'preStop'; readonly handler: LifecycleHandler }[] {
    const out: { kind: 'postStart' | 'preStop'; handler: LifecycleHandler }[] = [];
    if (this.options.lifecycle?.postStart) out.push({ kind: 'postStart', handler: this.options.lifecycle.postStart });
    if (this.options.lifecycle?.preStop) out.push({ kind: 'preStop', handler: this.options.lifecycle.preStop });
    return out;
  }

  /** The API objects the container reads through env and envFrom. */
  get references(): readonly { readonly kind: string; readonly name: string }[] {
    const refs: { kind: string; name: string }[] = [];
    for (const [, v] of this.env) if (v.reference) refs.push(v.reference);
    for (const e of this.options.envFrom ?? []) refs.push(e.reference);
    return refs;
  }

  private lifecycle(): k8s.Lifecycle | undefined {
    const o = this.options;
    const preStop = o.lifecycle?.preStop?.toKube()
      ?? (o.preStopSleepSeconds !== undefined ? { exec: { command: ['sleep', String(o.preStopSleepSeconds)] } } : undefined);
    const postStart = o.lifecycle?.postStart?.toKube();
    return preStop || postStart ? { postStart, preStop } : undefined;
  }

  /** @internal renders the container; `defaultResources` applies when the container set none. */
  toKube(defaultResources: Resources | undefined): k8s.Container {
    const o = this.options;
    const resources = o.resources ?? defaultResources;
    return {
      name: this.name,
      image: this.image,
      imagePullPolicy: o.imagePullPolicy,
      command: o.command ? [...o.command] : undefined,
      args: o.args ? [...o.args] : undefined,
      workingDir: o.workingDir,
      ports: this.ports.length ? this.ports.map((p) => ({ containerPort: p.number, name: p.name, protocol: p.protocol ?? 'TCP' })) : undefined,
      env: this.env.length ? this.env.map(([k, v]) => v.toKube(k)) : undefined,
      envFrom: o.envFrom?.length ? o.envFrom.map((e) => e.toKube()) : undefined,
      resources: resources ? resourcesToKube(resources) : undefined,
      startupProbe: o.startupProbe?.toKube('startup'),
      readinessProbe: o.readinessProbe?.toKube('readiness'),
      livenessProbe: o.livenessProbe?.toKube('liveness'),
      lifecycle: this.lifecycle(),
      restartPolicy: this.role === 'native-sidecar' ? 'Always' : undefined,
      // An all-default context (the privileged level sets nothing) is left out rather than rendered as {}.
      securityContext: Object.values(this.securityContext).some((v) => v !== undefined) ? this.securityContext : undefined,
      volumeMounts: this.mounts.length
        ? this.mounts.map((m) => ({ name: m.volume.name, mountPath: m.path, readOnly: m.options.readOnly, subPath: m.options.subPath }))
        : undefined,
    };
  }
}
