import { createHash } from 'crypto';
import { k8s } from 'cdk8s-plus-28';
import { IConstruct } from 'constructs';
import { constructError } from '../errors';
import { POD_SECURITY_ANNOTATION } from '../validation/config';
import { Finding, KubeObject } from '../validation/types';
import { isDNS1123Subdomain, isQualifiedName } from '../validation/util/k8s-names';
import { portDeclared } from '../validation/util/probe-ports';
import { atLeast } from '../validation/util/version';
import { ENGINE_GATE_CONTEXT, targetVersion } from '../version';
import { ContainerHost, ContainerOptions, ContainerRole, MountOptions, PodContainer } from './container';
import { cachedPodSpecErrors, podSpecErrors } from './level-check';
import { Resources, resourcesProblem } from './resources';
import { PodSecurityOptions, ResolvedPodSecurity, resolveContainerSecurity, resolvePodSecurity, SecurityLevel } from './security';
import { NamedRef, Volume } from './volume';

/** How sidecars are rendered. */
export type SidecarMode =
  /** An init container with `restartPolicy: Always`: starts before the main containers, stops after them. */
  | 'native'
  /** Another entry in `containers`: starts and stops with the main containers. */
  | 'classic';

/** A sidecar: a container plus how to run it. */
export interface SidecarOptions extends ContainerOptions {
  readonly name: string;
  /** @default - the pod's sidecarMode */
  readonly mode?: SidecarMode;
}

/** An init container; `name` is required. */
export interface InitContainerOptions extends ContainerOptions {
  readonly name: string;
}

/** The writable scratch directory offered because `readOnlyRootFilesystem` breaks many images. */
export interface ScratchDirOptions {
  /** @default '/tmp' */
  readonly path?: string;
  /** @default '64Mi' */
  readonly sizeLimit?: string;
  /** Back it with memory (tmpfs). @default false */
  readonly memory?: boolean;
  /**
   * One directory shared by every container (a volume named `scratch`), for containers
   * that hand files to each other through it. Otherwise each container gets its own
   * (`scratch-<container>`), so a sidecar cannot read or fill the main container's /tmp.
   * @default false
   */
  readonly shared?: boolean;
}

/** An entry of the pod's /etc/hosts. */
export interface HostAlias {
  /** An IPv4 or IPv6 address. */
  readonly ip: string;
  /** Names for it (DNS-1123 subdomains). */
  readonly hostnames: readonly string[];
}

/** The pod's DNS resolver settings, merged into what dnsPolicy gives (or all of it with dnsPolicy 'None'). */
export interface DnsConfigOptions {
  /** At most 3 IP addresses. @default [] */
  readonly nameservers?: readonly string[];
  /** Search domains, at most 32. @default [] */
  readonly searches?: readonly string[];
  /** resolv.conf options, e.g. `{ name: 'ndots', value: '2' }`. @default [] */
  readonly options?: readonly { readonly name: string; readonly value?: string }[];
}

/** Annotations podwright writes itself, which props may not set. */
const RESERVED_ANNOTATIONS: Readonly<Record<string, string>> = {
  [POD_SECURITY_ANNOTATION]: 'podwright sets it from security.level; set security.level instead',
  'podwright.io/config-hash': 'podwright computes it from the ConfigMaps and Secrets the pod reads; use hashConfig() to add objects',
};

/**
 * Everything that describes a pod, shared by every pod-bearing construct
 * (SecurePod, SidecarPod, SharedVolumePod, ReplicatedApp, StaticPod).
 */
export interface PodOptions {
  /** Security level and pod-wide security settings. @default { level: 'restricted' } */
  readonly security?: PodSecurityOptions;
  /** Init containers, run to completion in order before the main containers. @default [] */
  readonly initContainers?: readonly InitContainerOptions[];
  /** Sidecars. @default [] */
  readonly sidecars?: readonly SidecarOptions[];
  /** Volumes declared up front (mounting a volume also declares it). @default [] */
  readonly volumes?: readonly Volume[];
  /**
   * A writable emptyDir at /tmp in each container (one per container unless `shared`),
   * `true` for the defaults.
   * @default - on at the restricted level (whose root filesystem is read-only), off otherwise
   */
  readonly scratchDir?: boolean | ScratchDirOptions;
  /**
   * Default sidecar mode.
   * @default - 'native' when the target Kubernetes version is 1.29 or later; 'classic' on 1.28
   */
  readonly sidecarMode?: SidecarMode;
  /**
   * Set when your 1.28 cluster runs with the SidecarContainers feature gate on, to allow
   * native sidecars there. Without the gate a 1.28 API server drops `restartPolicy` from
   * init containers silently, and the sidecar blocks the pod from ever starting.
   * @default false
   */
  readonly sidecarFeatureGate?: boolean;
  /** Resources for containers that set none. @default - none (each construct documents its own) */
  readonly defaultResources?: Resources;
  /**
   * The pod's service account. Its token is still not mounted unless
   * `security.automountServiceAccountToken` says so (the level's default is false).
   * @default - the namespace's default service account
   */
  readonly serviceAccountName?: string;
  /** Seconds between SIGTERM (after preStop hooks) and SIGKILL. @default 30 (the API default) */
  readonly terminationGracePeriodSeconds?: number;
  /** Schedule only onto nodes with these labels. @default - none */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /**
   * Node affinity, pod affinity and pod anti-affinity. On a ReplicatedApp with
   * `spread: 'antiAffinity'`, the spreading term is added to these.
   * @default - none
   */
  readonly affinity?: k8s.Affinity;
  /** @default - none */
  readonly priorityClassName?: string;
  /** Taints the pod tolerates. @default - none */
  readonly tolerations?: readonly k8s.Toleration[];
  /** Secrets (type kubernetes.io/dockerconfigjson) for pulling images from private registries. @default - none (the service account's) */
  readonly imagePullSecrets?: readonly NamedRef[];
  /**
   * Annotations of the pod: on the Pod object, or on a workload's pod template
   * (`prometheus.io/scrape`, `sidecar.istio.io/inject`, `vault.hashicorp.com/agent-inject`).
   * podwright's own `podwright.io/*` annotations cannot be set here.
   * @default {}
   */
  readonly annotations?: Readonly<Record<string, string>>;
  /** Extra /etc/hosts entries. @default - none */
  readonly hostAliases?: readonly HostAlias[];
  /** @default - unset (the API default, 'ClusterFirst') */
  readonly dnsPolicy?: 'ClusterFirst' | 'ClusterFirstWithHostNet' | 'Default' | 'None';
  /** Resolver settings; required, with nameservers, when dnsPolicy is 'None'. @default - none */
  readonly dnsConfig?: DnsConfigOptions;
}

/** Options that only the constructs set. */
export interface PodDefinitionConfig {
  /** The construct's type name for messages, e.g. `SecurePod`. */
  readonly typeName: string;
  /** The pod's restart policy. @default - unset (the API default, Always) */
  readonly restartPolicy?: 'Always' | 'OnFailure' | 'Never';
}

/**
 * The pod seam: one pod description (containers, sidecars, init containers,
 * volumes, security level, ports) that any construct renders into a Pod, a pod
 * template or a static Pod manifest. Every change is checked at once against the
 * security level, and the whole pod again at synth.
 */
export class PodDefinition implements ContainerHost {
  readonly security: ResolvedPodSecurity;
  readonly level: SecurityLevel;
  /** The target Kubernetes version (`1.NN`) read from the construct tree. */
  readonly k8sVersion: string;
  readonly sidecarMode: SidecarMode;
  private readonly owner: IConstruct;
  private readonly config: PodDefinitionConfig;
  private readonly options: PodOptions;
  private readonly containerList: PodContainer[] = [];
  private readonly volumeList: Volume[] = [];

  constructor(owner: IConstruct, config: PodDefinitionConfig, options: PodOptions = {}) {
    this.owner = owner;
    this.config = config;
    this.options = options;
    this.security = resolvePodSecurity(options.security);
    this.level = this.security.level;
    this.k8sVersion = targetVersion(owner);
    this.sidecarMode = options.sidecarMode ?? (atLeast(this.k8sVersion, '1.29') ? 'native' : 'classic');
    this.checkNativeAllowed(this.sidecarMode, 'sidecarMode');
    this.annotations = this.checkedAnnotations(options.annotations);
    this.checkPodSettings(options);
    this.checkLevel();
    for (const v of options.volumes ?? []) this.addVolume(v);
    const scratch = options.scratchDir ?? this.level === 'restricted';
    if (scratch) this.scratch = scratch === true ? {} : scratch;
    for (const init of options.initContainers ?? []) this.addInitContainer(init);
    for (const sidecar of options.sidecars ?? []) this.addSidecar(sidecar);
  }

  /** The scratch directory settings, when on. */
  readonly scratch?: ScratchDirOptions;

  /** The pod's own annotations (from `annotations`), checked. */
  readonly annotations: Readonly<Record<string, string>>;

  /** All containers, in the order they were added. */
  get containers(): readonly PodContainer[] {
    return this.containerList;
  }

  /** All declared volumes, in the order they were added. */
  get volumes(): readonly Volume[] {
    return this.volumeList;
  }

  /** The main containers (role `main`). */
  get mainContainers(): readonly PodContainer[] {
    return this.containerList.filter((c) => c.role === 'main');
  }

  /** Adds a long-running app container. The first one's name defaults to `main`. */
  addContainer(options: ContainerOptions): PodContainer {
    return this.add(options, 'main');
  }

  /** Adds an init container; it runs to completion, in order, before the main containers start. */
  addInitContainer(options: InitContainerOptions): PodContainer {
    return this.add(options, 'init');
  }

  /** Adds a sidecar: native (init container with restartPolicy Always) or classic, per `mode` or the pod's default. */
  addSidecar(options: SidecarOptions): PodContainer {
    const mode = options.mode ?? this.sidecarMode;
    this.checkNativeAllowed(mode, `sidecar '${options.name}' mode`);
    return this.add(options, mode === 'native' ? 'native-sidecar' : 'sidecar');
  }

  /** Declares a volume. Declaring the same Volume twice is harmless; two volumes with one name are an error. */
  addVolume(volume: Volume): Volume {
    const existing = this.volumeList.find((v) => v.name === volume.name);
    if (existing === volume) return volume;
    if (existing) {
      throw this.error(`volume name '${volume.name}' is already used by another volume; give each volume its own name`);
    }
    if (volume.type === 'hostPath' && this.level !== 'privileged') {
      throw this.error(`volume '${volume.name}' is a hostPath volume, which the ${this.level} level forbids (Pod Security baseline: hostPath volumes); use another volume type, or level 'privileged'`);
    }
    this.volumeList.push(volume);
    return volume;
  }

  /**
   * Shares a directory between a writer and readers through an emptyDir: the
   * writer mounts it read-write, the readers read-only (a log directory shipped by a
   * sidecar, for example).
   */
  shareDirectory(name: string, path: string, writer: PodContainer, readers: readonly PodContainer[], options: { readonly sizeLimit?: string; readonly readerPath?: string } = {}): Volume {
    const volume = this.addVolume(Volume.emptyDir(name, { sizeLimit: options.sizeLimit }));
    writer.mount(path, volume);
    for (const r of readers) r.mount(options.readerPath ?? path, volume, { readOnly: true });
    return volume;
  }

  /** @internal ContainerHost */
  onMount(container: PodContainer, volume: Volume, path: string): void {
    if (!this.containerList.includes(container)) throw this.error(`container '${container.name}' belongs to another pod`);
    this.addVolume(volume);
    const scratchPath = this.scratch ? this.scratch.path ?? '/tmp' : undefined;
    const clash = container.mountList.find((m) => m.path === path) ?? (path === scratchPath ? { volume: { name: this.scratchVolumeName(container.name) } } : undefined);
    if (clash) {
      throw this.error(`container '${container.name}' mounts both volume '${clash.volume.name}' and volume '${volume.name}' at ${path}; mount paths must be unique in a container${path === scratchPath ? ' (the scratch directory is mounted there; set scratchDir: false or give it another path)' : ''}`);
    }
  }

  /** @internal ContainerHost */
  onChange(container: PodContainer): void {
    this.checkContainer(container);
  }

  /**
   * Whole-pod checks that need the finished tree; constructs register this with
   * `node.addValidation`. Returns error messages (the construct path is added by cdk8s).
   * Warnings (a volume nobody mounts, ...) come from the validation engine's practice
   * rules, which the synth gate runs on the rendered output.
   */
  validate(): string[] {
    const errors: string[] = [];
    if (this.mainContainers.length === 0) {
      errors.push(`${this.config.typeName} has no main container; add one with addContainer() (a pod needs at least one container).`);
    }
    // Containers share one network namespace: one port and protocol can be bound once.
    // Plain init containers run before the others and are left out.
    const seen = new Map<string, PodContainer>();
    for (const c of this.containerList) {
      if (c.role === 'init') continue;
      for (const p of c.portList) {
        const key = `${p.number}/${p.protocol}`;
        const other = seen.get(key);
        if (other && other !== c) {
          errors.push(`containers '${other.name}' and '${c.name}' both declare port ${p.number}/${p.protocol}; containers of a pod share one network namespace, so only one can bind it; give one of them another port.`);
        } else if (other === c) {
          errors.push(`container '${c.name}' declares port ${p.number}/${p.protocol} twice; declare it once.`);
        } else {
          seen.set(key, c);
        }
      }
    }
    for (const c of this.containerList) {
      for (const { kind, probe } of c.probes) {
        const port = probe.port;
        const declared = port === undefined || portDeclared(port, c.portList);
        if (!declared) {
          errors.push(`container '${c.name}' has a ${kind} probe on port ${JSON.stringify(port)}, which the container does not declare; add it to the container's ports.`);
        }
        if (kind !== 'readiness' && probe.timings.successThreshold !== undefined && probe.timings.successThreshold !== 1) {
          errors.push(`container '${c.name}' ${kind} probe sets successThreshold ${probe.timings.successThreshold}; the API server requires 1 for ${kind} probes; remove it or set 1.`);
        }
      }
      for (const { kind, handler } of c.hooks) {
        const port = handler.port;
        if (port !== undefined && !portDeclared(port, c.portList)) {
          errors.push(`container '${c.name}' has a ${kind} hook on port ${JSON.stringify(port)}, which the container does not declare; add it to the container's ports.`);
        }
      }
    }
    // Under PodwrightApp the engine checks every rendered object at its level anyway
    // (the same rules, through the podwright.io/pod-security annotation): skip the repeat.
    const gated = this.owner.node.tryGetContext(ENGINE_GATE_CONTEXT) === true;
    // Without a main container, the message above says all there is to say.
    const check = !gated && this.mainContainers.length > 0;
    for (const f of check ? podSpecErrors(this.toJson(), this.level, this.k8sVersion) : []) {
      errors.push(`${this.describe(f, '', '')}.`);
    }
    return errors;
  }

  /** Renders the pod spec in cdk8s-plus-28's L1 shape. */
  render(): k8s.PodSpec {
    const res = this.options.defaultResources;
    const scratch = this.scratch;
    // Main containers first, then classic sidecars, whatever the order they were added in:
    // kubectl (logs, exec, attach) picks the first container when none is named.
    const containers = [...this.containerList.filter((c) => c.role === 'main'), ...this.containerList.filter((c) => c.role === 'sidecar')];
    const inits = this.containerList.filter((c) => c.role === 'init' || c.role === 'native-sidecar');
    const scratchVolumes = this.scratchVolumes();
    const withScratch = (c: k8s.Container): k8s.Container => scratch
      ? { ...c, volumeMounts: [...(c.volumeMounts ?? []), { name: this.scratchVolumeName(c.name), mountPath: scratch.path ?? '/tmp' }] }
      : c;
    const volumes = [...scratchVolumes.map((v) => v.toKube()), ...this.volumeList.map((v) => v.toKube())];
    const s = this.security;
    const o = this.options;
    const dns = o.dnsConfig;
    return {
      affinity: o.affinity,
      automountServiceAccountToken: s.automountServiceAccountToken,
      containers: containers.map((c) => withScratch(c.toKube(res))),
      dnsConfig: dns
        ? { nameservers: dns.nameservers && [...dns.nameservers], searches: dns.searches && [...dns.searches], options: dns.options?.map((x) => ({ ...x })) }
        : undefined,
      dnsPolicy: o.dnsPolicy,
      hostAliases: o.hostAliases?.map((a) => ({ ip: a.ip, hostnames: [...a.hostnames] })),
      imagePullSecrets: o.imagePullSecrets?.map((r) => ({ name: typeof r === 'string' ? r : r.name })),
      initContainers: inits.length ? inits.map((c) => withScratch(c.toKube(res))) : undefined,
      hostNetwork: s.hostNetwork,
      hostPid: s.hostPID,
      hostIpc: s.hostIPC,
      nodeSelector: o.nodeSelector ? { ...o.nodeSelector } : undefined,
      priorityClassName: o.priorityClassName,
      restartPolicy: this.config.restartPolicy,
      securityContext: s.context,
      serviceAccountName: o.serviceAccountName,
      terminationGracePeriodSeconds: o.terminationGracePeriodSeconds,
      tolerations: o.tolerations ? [...o.tolerations] : undefined,
      volumes: volumes.length ? volumes : undefined,
    };
  }

  /** Renders the pod spec as Kubernetes JSON (what ends up in the YAML). */
  toJson(): KubeObject {
    return k8s.toJson_PodSpec(this.render()) as KubeObject;
  }

  /** The API objects the pod reads (ConfigMaps, Secrets, PVCs, service account tokens), for reference checks. */
  get references(): readonly { readonly kind: string; readonly name: string }[] {
    const refs = this.volumeList.flatMap((v) => v.references);
    for (const c of this.containerList) refs.push(...c.references);
    return refs;
  }

  /**
   * The names the scratch directory takes: `scratch` when shared, else one
   * `scratch-<container>` per container (what claims and volumes may not be named).
   */
  get scratchVolumeNames(): readonly string[] {
    if (!this.scratch) return [];
    return this.scratch.shared ? ['scratch'] : this.containerList.map((c) => this.scratchVolumeName(c.name));
  }

  /** The scratch volume a container mounts: `scratch` when shared, else `scratch-<container>` (shortened with a hash to stay a 63-character DNS label). */
  private scratchVolumeName(container: string): string {
    if (this.scratch?.shared) return 'scratch';
    const name = `scratch-${container}`;
    if (name.length <= 63) return name;
    return `scratch-${container.slice(0, 45).replace(/-+$/, '')}-${createHash('sha256').update(container).digest('hex').slice(0, 8)}`;
  }

  private scratchVolumes(): Volume[] {
    const s = this.scratch;
    if (!s) return [];
    return this.scratchVolumeNames.map((name) => {
      if (this.volumeList.some((v) => v.name === name)) {
        throw this.error(`volume name '${name}' is reserved for the scratch directory; rename your volume or set scratchDir: false`);
      }
      return Volume.emptyDir(name, { medium: s.memory ? 'Memory' : undefined, sizeLimit: s.sizeLimit ?? '64Mi' });
    });
  }

  /** The `annotations` prop, checked: valid keys, none of podwright's own. */
  private checkedAnnotations(annotations: Readonly<Record<string, string>> | undefined): Readonly<Record<string, string>> {
    for (const [key, value] of Object.entries(annotations ?? {})) {
      const reserved = RESERVED_ANNOTATIONS[key];
      if (reserved !== undefined) throw this.error(`annotations sets '${key}' to '${value}', but ${reserved}`);
      const problems = isQualifiedName(key);
      if (problems.length) throw this.error(`annotations key '${key}' is not a valid annotation key (${problems.join('; ')}); use a key such as 'prometheus.io/scrape' or 'example.com/name'`);
    }
    return { ...annotations };
  }

  /**
   * Checks the pod-wide settings that the rules cannot judge (names of objects the
   * API server never looks up), then the rest with the rules at once (see checkLevel).
   */
  private checkPodSettings(options: PodOptions): void {
    (options.imagePullSecrets ?? []).forEach((r, i) => {
      const name = typeof r === 'string' ? r : r.name;
      const problems = isDNS1123Subdomain(name);
      // The API server accepts any name here (validateImagePullSecrets checks only that
      // nothing but the name is set); the kubelet then fails to pull, so say it now.
      if (problems.length) throw this.error(`imagePullSecrets[${i}] is '${name}', which cannot be a Secret's name (${problems.join('; ')}); use the name of a kubernetes.io/dockerconfigjson Secret in the pod's namespace`);
    });
    const grace = options.terminationGracePeriodSeconds;
    if (grace !== undefined && (!Number.isInteger(grace) || grace < 0)) {
      throw this.error(`terminationGracePeriodSeconds is ${grace}, but it must be a whole number of seconds, 0 or more (the time between SIGTERM and SIGKILL); fix the value`);
    }
    const problem = resourcesProblem(options.defaultResources, 'defaultResources');
    if (problem) throw this.error(problem);
    const dns = options.dnsConfig;
    if (options.dnsPolicy === 'None' && (dns?.nameservers ?? []).length === 0) {
      throw this.error(`dnsPolicy is 'None', but dnsConfig.nameservers is ${dns ? 'empty' : 'not set'}, so the pod would have no resolver; add dnsConfig: { nameservers: ['10.0.0.10'] }, or use another dnsPolicy`);
    }
  }

  private add(options: ContainerOptions, role: ContainerRole): PodContainer {
    const name = options.name ?? (role === 'main' && this.mainContainers.length === 0 ? 'main' : undefined);
    if (name === undefined) throw this.error(`every container but the first main container needs a name; image '${options.image}' has none`);
    if (this.containerList.some((c) => c.name === name)) {
      throw this.error(`container name '${name}' is already used in this pod; container names must be unique across containers, init containers and sidecars`);
    }
    const problem = resourcesProblem(options.resources, `container '${name}' resources`);
    if (problem) throw this.error(problem);
    if (options.lifecycle?.preStop && options.preStopSleepSeconds !== undefined) {
      throw this.error(`container '${name}' sets both preStopSleepSeconds (${options.preStopSleepSeconds}) and lifecycle.preStop, but a container has one preStop hook; keep one (lifecycle.preStop: LifecycleHandler.exec(['sleep', '${options.preStopSleepSeconds}']) sleeps too)`);
    }
    const container = new PodContainer(this, name, role, options, resolveContainerSecurity(this.level, options.securityContext));
    this.containerList.push(container);
    try {
      for (const m of options.mounts ?? []) container.mount(m.path, m.volume, m as MountOptions);
      this.checkContainer(container);
    } catch (e) {
      this.containerList.pop();
      throw e;
    }
    return container;
  }

  private checkNativeAllowed(mode: SidecarMode, field: string): void {
    if (mode === 'native' && !atLeast(this.k8sVersion, '1.29') && !this.options.sidecarFeatureGate) {
      throw this.error(`${field} is 'native', but the target Kubernetes version ${this.k8sVersion} needs the SidecarContainers feature gate for native sidecars (without it the API server drops restartPolicy: Always and the pod never starts); use 'classic', target 1.29 or later, or set sidecarFeatureGate: true if your cluster enables the gate`);
    }
  }

  /**
   * Checks pod-wide settings at once, with a stand-in container: against the level's Pod
   * Security rules and against the API-server and schema rules (so that a bad toleration,
   * host alias, dnsConfig or affinity names its field now, in the words the validator uses).
   */
  private checkLevel(): void {
    const probe = { name: PLACEHOLDER, image: PLACEHOLDER, securityContext: resolveContainerSecurity(this.level) };
    const spec = { ...this.render(), containers: [probe], initContainers: undefined };
    const [f] = cachedPodSpecErrors(spec, this.level, this.k8sVersion, 'pod-security');
    if (f) throw this.error(this.describe(f, 'spec', 'spec'));
    if (!this.hasPodSettings()) return;
    const [g] = cachedPodSpecErrors(spec, this.level, this.k8sVersion, 'api');
    if (g) throw this.error(this.describe(g, 'spec', 'spec'));
  }

  /** True when a pod-wide setting beyond security is given (the only ones the 'all' check can fault). */
  private hasPodSettings(): boolean {
    const o = this.options;
    return [o.serviceAccountName, o.terminationGracePeriodSeconds, o.nodeSelector, o.affinity, o.priorityClassName, o.tolerations,
      o.imagePullSecrets, o.hostAliases, o.dnsPolicy, o.dnsConfig].some((v) => v !== undefined);
  }

  /**
   * Checks one container, with the pod-wide settings, against the level's Pod Security
   * rules, at once. (What the API server would refuse is checked at synth, in `validate`,
   * or by the synth gate.) Pod Security reads a container's name, ports and
   * securityContext only, so only those are checked, and the answer is remembered.
   */
  private checkContainer(container: PodContainer): void {
    const kube = container.toKube(undefined);
    const [f] = cachedPodSpecErrors({
      securityContext: this.security.context,
      containers: [{ name: kube.name, image: PLACEHOLDER, ports: kube.ports, securityContext: kube.securityContext }],
    }, this.level, this.k8sVersion, 'pod-security');
    if (f) throw this.error(`container '${container.name}': ${this.describe(f, 'spec.containers[0]', 'container')}`);
    // envFrom and lifecycle hooks: the API-server rules, at once, on those fields alone
    // (init containers render as such, so the rules see where a hook is allowed).
    if (kube.envFrom === undefined && kube.lifecycle === undefined) return;
    const site = { name: kube.name, image: PLACEHOLDER, envFrom: kube.envFrom, lifecycle: kube.lifecycle, restartPolicy: kube.restartPolicy };
    const init = container.role === 'init' || container.role === 'native-sidecar';
    const probe = { name: PLACEHOLDER, image: PLACEHOLDER };
    const [g] = cachedPodSpecErrors(init ? { containers: [probe], initContainers: [site] } : { containers: [site] }, this.level, this.k8sVersion, 'api');
    if (g) throw this.error(`container '${container.name}': ${this.describe(g, init ? 'spec.initContainers[0]' : 'spec.containers[0]', 'container')}`);
  }

  /** A finding as a clause of a construct error, its path shown from `shownAs`. */
  private describe(f: Finding, prefix: string, shownAs: string): string {
    const at = f.path.startsWith(prefix) ? `${shownAs}${f.path.slice(prefix.length)}` : f.path;
    return f.layer === 'pod-security'
      ? `${f.message} at ${at}, which the ${this.level} level forbids; ${lowerFirst(f.fix)}, or choose a less strict level`
      : `${at}: ${f.message}; ${lowerFirst(f.fix)}`;
  }

  private error(message: string): Error {
    return constructError(this.owner, this.config.typeName, `${message}.`);
  }
}

/** The name and image of the stand-in container pod-wide checks use. */
const PLACEHOLDER = 'podwright-check';

/** A rule's fix as a clause: first letter lower-cased, final period dropped. */
function lowerFirst(fix: string): string {
  return (fix.charAt(0).toLowerCase() + fix.slice(1)).replace(/\.$/, '');
}
