import { k8s } from 'cdk8s-plus-28';

/**
 * The Pod Security Standards level a pod is built to pass
 * (https://kubernetes.io/docs/concepts/security/pod-security-standards/).
 *
 * | field | restricted (default) | baseline | privileged |
 * |---|---|---|---|
 * | pod `runAsNonRoot` | `true` | unset (the image decides) | unset |
 * | pod `runAsUser` / `runAsGroup` / `fsGroup` | `65532` each (the distroless "nonroot" user) | unset | unset |
 * | pod `seccompProfile` | `RuntimeDefault` | `RuntimeDefault` | `RuntimeDefault` |
 * | container `allowPrivilegeEscalation` | `false` | `false` | unset |
 * | container `capabilities` | `drop: [ALL]`; only `NET_BIND_SERVICE` may be added | runtime defaults; adds limited to the baseline list | anything |
 * | container `readOnlyRootFilesystem` | `true` (each container gets its own `/tmp` scratch dir) | `false` | unset |
 * | container `privileged` | `false`, cannot be changed | `false`, cannot be changed | may be `true` |
 * | host namespaces, host ports, hostPath volumes | forbidden | forbidden | allowed |
 * | volume types | configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected, secret | any but hostPath | any |
 * | `automountServiceAccountToken` | `false` unless asked | `false` unless asked | `false` unless asked |
 *
 * Whatever the defaults, a pod is checked against its level with podwright's own
 * Pod Security rules (the same ones `podwright validate` runs), so a prop that breaks
 * the level throws at once.
 */
export type SecurityLevel = 'restricted' | 'baseline' | 'privileged';

/** The user, group and fsGroup a restricted pod runs as unless told otherwise. */
export const DEFAULT_NON_ROOT_ID = 65532;

/** A seccomp profile: the runtime's default, none, or a profile file on the node. */
export type SeccompProfile = 'RuntimeDefault' | 'Unconfined' | { readonly localhostProfile: string };

/** Per-container security settings; each overrides the level's default for that container. */
export interface ContainerSecurityOptions {
  /** @default - the pod's runAsUser */
  readonly runAsUser?: number;
  /** @default - the pod's runAsGroup */
  readonly runAsGroup?: number;
  /** @default - the pod's runAsNonRoot */
  readonly runAsNonRoot?: boolean;
  /** @default - true at restricted, false otherwise */
  readonly readOnlyRootFilesystem?: boolean;
  /** @default - false at restricted and baseline, unset at privileged */
  readonly allowPrivilegeEscalation?: boolean;
  /** Only the privileged level allows true. @default - false at restricted and baseline, unset at privileged */
  readonly privileged?: boolean;
  /**
   * Capabilities to add. At restricted only `NET_BIND_SERVICE` is allowed; at baseline
   * only the baseline list (AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD,
   * NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT).
   * @default []
   */
  readonly addCapabilities?: readonly string[];
  /** @default - the pod's seccomp profile */
  readonly seccompProfile?: SeccompProfile;
}

/** Pod-wide security settings. */
export interface PodSecurityOptions {
  /** @default 'restricted' */
  readonly level?: SecurityLevel;
  /** @default 65532 at restricted, unset otherwise */
  readonly runAsUser?: number;
  /** @default 65532 at restricted, unset otherwise */
  readonly runAsGroup?: number;
  /** @default 65532 at restricted, unset otherwise */
  readonly fsGroup?: number;
  /** @default true at restricted, unset otherwise */
  readonly runAsNonRoot?: boolean;
  /** @default 'RuntimeDefault' */
  readonly seccompProfile?: SeccompProfile;
  /** Mount the service account token into the pod. @default false */
  readonly automountServiceAccountToken?: boolean;
  /** Use the node's network namespace (privileged level only). @default false */
  readonly hostNetwork?: boolean;
  /** Use the node's PID namespace (privileged level only). @default false */
  readonly hostPID?: boolean;
  /** Use the node's IPC namespace (privileged level only). @default false */
  readonly hostIPC?: boolean;
  /** Namespaced sysctls; baseline and restricted allow only the safe set. @default - none */
  readonly sysctls?: Readonly<Record<string, string>>;
}

/** Pod security settings with the level's defaults applied. */
export interface ResolvedPodSecurity {
  readonly level: SecurityLevel;
  readonly context: k8s.PodSecurityContext;
  readonly automountServiceAccountToken: boolean;
  readonly hostNetwork?: boolean;
  readonly hostPID?: boolean;
  readonly hostIPC?: boolean;
}

export function seccompToKube(p: SeccompProfile | undefined): k8s.SeccompProfile | undefined {
  if (p === undefined) return undefined;
  if (typeof p === 'string') return { type: p };
  return { type: 'Localhost', localhostProfile: p.localhostProfile };
}

/** Applies the level's defaults to pod-wide settings. */
export function resolvePodSecurity(opts: PodSecurityOptions = {}): ResolvedPodSecurity {
  const level = opts.level ?? 'restricted';
  const restricted = level === 'restricted';
  const id = (v: number | undefined) => v ?? (restricted ? DEFAULT_NON_ROOT_ID : undefined);
  const sysctls = opts.sysctls ? Object.entries(opts.sysctls).sort(([a], [b]) => a.localeCompare(b)).map(([name, value]) => ({ name, value })) : undefined;
  return {
    level,
    context: {
      runAsNonRoot: opts.runAsNonRoot ?? (restricted ? true : undefined),
      runAsUser: id(opts.runAsUser),
      runAsGroup: id(opts.runAsGroup),
      fsGroup: id(opts.fsGroup),
      seccompProfile: seccompToKube(opts.seccompProfile ?? 'RuntimeDefault'),
      sysctls,
    },
    automountServiceAccountToken: opts.automountServiceAccountToken ?? false,
    hostNetwork: opts.hostNetwork || undefined,
    hostPID: opts.hostPID || undefined,
    hostIPC: opts.hostIPC || undefined,
  };
}

/** Applies the level's defaults to one container's settings. */
export function resolveContainerSecurity(level: SecurityLevel, opts: ContainerSecurityOptions = {}): k8s.SecurityContext {
  const restricted = level === 'restricted';
  const guarded = level !== 'privileged';
  const add = opts.addCapabilities && opts.addCapabilities.length > 0 ? [...opts.addCapabilities] : undefined;
  return {
    runAsUser: opts.runAsUser,
    runAsGroup: opts.runAsGroup,
    runAsNonRoot: opts.runAsNonRoot,
    readOnlyRootFilesystem: opts.readOnlyRootFilesystem ?? (restricted ? true : undefined),
    allowPrivilegeEscalation: opts.allowPrivilegeEscalation ?? (guarded ? false : undefined),
    privileged: opts.privileged ?? (guarded ? false : undefined),
    capabilities: restricted || add ? { drop: restricted ? ['ALL'] : undefined, add } : undefined,
    seccompProfile: seccompToKube(opts.seccompProfile),
  };
}
