import { k8s } from 'cdk8s-plus-28';

/** Something with a name: a string, or a cdk8s-plus ConfigMap / Secret / PersistentVolumeClaim. */
export type NamedRef = string | { readonly name: string };

function refName(ref: NamedRef): string {
  return typeof ref === 'string' ? ref : ref.name;
}

/** One key of a ConfigMap or Secret projected to a file. */
export interface KeyToPath {
  readonly key: string;
  /** Relative file path inside the mount. */
  readonly path: string;
  /** File mode bits, e.g. 0o400. @default - the volume's defaultMode */
  readonly mode?: number;
}

export interface EmptyDirOptions {
  /** `Memory` backs the directory with tmpfs (counts against the container's memory). @default - node disk */
  readonly medium?: 'Memory';
  /** Size limit, a Kubernetes quantity such as `64Mi`. @default - no limit */
  readonly sizeLimit?: string;
}

export interface ConfigSourceOptions {
  /** Only these keys, at these paths. @default - every key, as a file named after it */
  readonly items?: readonly KeyToPath[];
  /** File mode bits for the files. @default 0o644 (the API default) */
  readonly defaultMode?: number;
  /** Start the pod even when the source does not exist. @default false */
  readonly optional?: boolean;
}

/** One source of a projected volume. */
export type ProjectedSource =
  | { readonly configMap: NamedRef; readonly items?: readonly KeyToPath[]; readonly optional?: boolean }
  | { readonly secret: NamedRef; readonly items?: readonly KeyToPath[]; readonly optional?: boolean }
  | { readonly serviceAccountToken: { readonly path: string; readonly audience?: string; readonly expirationSeconds?: number } }
  | { readonly downwardAPI: readonly { readonly path: string; readonly fieldPath: string }[] };

/** The kind of storage behind a volume. */
export type VolumeType = 'emptyDir' | 'configMap' | 'secret' | 'persistentVolumeClaim' | 'projected' | 'hostPath';

const keyToPath = (items?: readonly KeyToPath[]) => items?.map((i) => ({ key: i.key, path: i.path, mode: i.mode }));

/**
 * A pod volume. Create one with a static factory, then mount it into containers
 * with `container.mount(path, volume)`; mounting adds it to the pod, so a mount can
 * only ever name a declared volume.
 */
export class Volume {
  /** Scratch space that lives as long as the pod (optionally in memory, optionally size-limited). */
  static emptyDir(name: string, options: EmptyDirOptions = {}): Volume {
    const emptyDir: k8s.EmptyDirVolumeSource = {
      medium: options.medium,
      sizeLimit: options.sizeLimit !== undefined ? k8s.Quantity.fromString(options.sizeLimit) : undefined,
    };
    return new Volume(name, 'emptyDir', { name, emptyDir });
  }

  /** The keys of a ConfigMap as files. */
  static configMap(name: string, configMap: NamedRef, options: ConfigSourceOptions = {}): Volume {
    return new Volume(name, 'configMap', {
      name,
      configMap: { name: refName(configMap), items: keyToPath(options.items), defaultMode: options.defaultMode, optional: options.optional },
    }, [{ kind: 'ConfigMap', name: refName(configMap) }]);
  }

  /** The keys of a Secret as files. */
  static secret(name: string, secret: NamedRef, options: ConfigSourceOptions = {}): Volume {
    return new Volume(name, 'secret', {
      name,
      secret: { secretName: refName(secret), items: keyToPath(options.items), defaultMode: options.defaultMode, optional: options.optional },
    }, [{ kind: 'Secret', name: refName(secret) }]);
  }

  /** A PersistentVolumeClaim. */
  static persistentVolumeClaim(name: string, claim: NamedRef, options: { readonly readOnly?: boolean } = {}): Volume {
    return new Volume(name, 'persistentVolumeClaim', {
      name,
      persistentVolumeClaim: { claimName: refName(claim), readOnly: options.readOnly },
    }, [{ kind: 'PersistentVolumeClaim', name: refName(claim) }]);
  }

  /** Several sources (ConfigMaps, Secrets, downward API, a service-account token) in one directory. */
  static projected(name: string, sources: readonly ProjectedSource[], options: { readonly defaultMode?: number } = {}): Volume {
    const refs: { kind: string; name: string }[] = [];
    const kube: k8s.VolumeProjection[] = sources.map((s) => {
      if ('configMap' in s) {
        refs.push({ kind: 'ConfigMap', name: refName(s.configMap) });
        return { configMap: { name: refName(s.configMap), items: keyToPath(s.items), optional: s.optional } };
      }
      if ('secret' in s) {
        refs.push({ kind: 'Secret', name: refName(s.secret) });
        return { secret: { name: refName(s.secret), items: keyToPath(s.items), optional: s.optional } };
      }
      if ('serviceAccountToken' in s) {
        refs.push({ kind: 'ServiceAccountToken', name: s.serviceAccountToken.path });
        return { serviceAccountToken: { ...s.serviceAccountToken } };
      }
      return { downwardApi: { items: s.downwardAPI.map((d) => ({ path: d.path, fieldRef: { fieldPath: d.fieldPath } })) } };
    });
    return new Volume(name, 'projected', { name, projected: { sources: kube, defaultMode: options.defaultMode } }, refs);
  }

  /**
   * A directory of the node. Only the privileged level allows it (Pod Security
   * baseline forbids hostPath); static Pods of the control plane use it for certificates.
   */
  static hostPath(name: string, path: string, type?: 'Directory' | 'DirectoryOrCreate' | 'File' | 'FileOrCreate' | 'Socket'): Volume {
    return new Volume(name, 'hostPath', { name, hostPath: { path, type } });
  }

  /**
   * @param name the volume's name in the pod
   * @param type the kind of storage
   * @param spec the Kubernetes volume
   * @param references the API objects the volume reads (for static Pod and reference checks)
   */
  private constructor(
    readonly name: string,
    readonly type: VolumeType,
    private readonly spec: k8s.Volume,
    readonly references: readonly { readonly kind: string; readonly name: string }[] = [],
  ) {}

  /** @internal */
  toKube(): k8s.Volume {
    return this.spec;
  }
}
