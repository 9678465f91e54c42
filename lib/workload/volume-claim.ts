import { k8s } from 'cdk8s-plus-28';

/** How a PersistentVolume may be mounted (PersistentVolumeAccessMode). */
export type AccessMode = 'ReadWriteOnce' | 'ReadOnlyMany' | 'ReadWriteMany' | 'ReadWriteOncePod';

/** One StatefulSet volumeClaimTemplate: each replica gets its own claim, `<name>-<statefulset>-<ordinal>`. */
export interface VolumeClaimOptions {
  /** The claim template's name, also the name containers mount it by; a DNS-1123 label. */
  readonly name: string;
  /** The storage request, a Kubernetes quantity such as `10Gi`. */
  readonly size: string;
  /** @default - the cluster's default StorageClass */
  readonly storageClassName?: string;
  /** @default ['ReadWriteOnce'] */
  readonly accessModes?: readonly AccessMode[];
  /** Mount the claim into the first main container at this path. @default - not mounted here; use mountClaim() */
  readonly mountPath?: string;
}

/**
 * A volumeClaimTemplate of a StatefulSet. It is not a pod volume: the StatefulSet
 * controller adds one volume per claim to each pod, so containers mount it by name
 * (`ReplicatedApp.mountClaim()`), and its name may not also be a pod volume's name.
 */
export class VolumeClaim {
  readonly name: string;
  readonly size: string;
  readonly storageClassName?: string;
  readonly accessModes: readonly AccessMode[];

  /** @internal */
  constructor(options: VolumeClaimOptions) {
    this.name = options.name;
    this.size = options.size;
    this.storageClassName = options.storageClassName;
    this.accessModes = options.accessModes ?? ['ReadWriteOnce'];
  }

  /** @internal */
  toKube(): k8s.KubePersistentVolumeClaimProps {
    return {
      metadata: { name: this.name },
      spec: {
        accessModes: [...this.accessModes],
        storageClassName: this.storageClassName,
        resources: { requests: { storage: k8s.Quantity.fromString(this.size) } },
      },
    };
  }
}
