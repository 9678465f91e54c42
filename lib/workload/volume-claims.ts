import { k8s } from 'cdk8s-plus-28';
import { MountOptions, PodContainer } from '../pod/container';
import { PodDefinition } from '../pod/pod-definition';
import { quantityError } from '../validation/schema/quantity';
import { isDNS1123Label } from '../validation/util/k8s-names';
import { VolumeClaim, VolumeClaimOptions } from './volume-claim';

interface ClaimMount { readonly container: PodContainer; readonly claim: VolumeClaim; readonly path: string; readonly options: MountOptions }

/**
 * A StatefulSet's volume claim templates and where the pod's containers mount them.
 * Claims are not pod volumes (the controller adds one volume per claim to each pod), so
 * their mounts are kept here and merged into the containers when the template renders.
 */
export class VolumeClaims {
  private readonly claims: VolumeClaim[] = [];
  private readonly mounts: ClaimMount[] = [];

  constructor(private readonly pod: PodDefinition, private readonly fail: (message: string) => Error) {}

  /** The claims, in the order added. */
  get list(): readonly VolumeClaim[] {
    return this.claims;
  }

  /** Adds a claim; `mountPath` mounts it into the first main container. */
  add(options: VolumeClaimOptions): VolumeClaim {
    const problems = isDNS1123Label(options.name);
    if (problems.length) throw this.fail(`volume claim name '${options.name}' is not a DNS-1123 label (${problems.join('; ')}); use lower-case letters, digits and '-'`);
    if (this.claims.some((c) => c.name === options.name)) throw this.fail(`volume claim name '${options.name}' is already used; give each claim its own name`);
    const size: unknown = options.size;
    const sizeProblem = typeof size === 'string' ? quantityError(size) : 'it is not set';
    if (sizeProblem !== undefined) {
      throw this.fail(`volume claim '${options.name}' has size ${JSON.stringify(size)}, which is not a storage quantity (${sizeProblem}); set size to a quantity such as '10Gi'`);
    }
    if (this.collides(options.name)) throw this.fail(collisionMessage(options.name));
    const claim = new VolumeClaim(options);
    this.claims.push(claim);
    if (options.mountPath !== undefined) {
      const main = this.pod.mainContainers[0];
      if (!main) throw this.fail(`volume claim '${options.name}' sets mountPath, but the pod has no main container yet; add the container first, or call mountClaim()`);
      this.mount(claim, main, options.mountPath);
    }
    return claim;
  }

  /** Mounts a claim (by object or name) into a container of the pod. */
  mount(claim: VolumeClaim | string, container: PodContainer, path: string, options: MountOptions = {}): void {
    const name = typeof claim === 'string' ? claim : claim.name;
    const found = this.claims.find((c) => c.name === name);
    if (!found) throw this.fail(`no volume claim named '${name}'; add it with addVolumeClaim() or statefulSet.volumeClaims first`);
    if (!this.pod.containers.includes(container)) throw this.fail(`container '${container.name}' belongs to another pod`);
    const clash = this.mountPathsOf(container).find((m) => m.path === path);
    if (clash) throw this.fail(`container '${container.name}' mounts both ${clash.what} and volume claim '${name}' at ${path}; mount paths must be unique in a container`);
    this.mounts.push({ container, claim: found, path, options });
  }

  /** Whole-tree checks at synth: claims named like a pod volume added later, and two mounts on one path. */
  errors(): string[] {
    const errors: string[] = [];
    for (const c of this.claims) {
      if (this.collides(c.name)) errors.push(`${collisionMessage(c.name)}.`);
    }
    for (const container of this.pod.containers) {
      const seen = new Set<string>();
      for (const m of this.mountPathsOf(container)) {
        if (seen.has(m.path)) errors.push(`container '${container.name}' mounts two volumes at ${m.path}; mount paths must be unique in a container.`);
        seen.add(m.path);
      }
    }
    return errors;
  }

  /** A rendered container with its claim mounts appended. */
  withMounts(c: k8s.Container): k8s.Container {
    const mounts = this.mounts.filter((m) => m.container.name === c.name);
    if (mounts.length === 0) return c;
    return {
      ...c,
      volumeMounts: [
        ...(c.volumeMounts ?? []),
        ...mounts.map((m) => ({ name: m.claim.name, mountPath: m.path, readOnly: m.options.readOnly, subPath: m.options.subPath })),
      ],
    };
  }

  /** The volumeClaimTemplates, or undefined when there are none. */
  toKube(): k8s.KubePersistentVolumeClaimProps[] | undefined {
    return this.claims.length ? this.claims.map((c) => c.toKube()) : undefined;
  }

  private collides(name: string): boolean {
    return this.pod.volumes.some((v) => v.name === name) || this.pod.scratchVolumeNames.includes(name);
  }

  private mountPathsOf(container: PodContainer): { path: string; what: string }[] {
    const out = container.mountList.map((m) => ({ path: m.path, what: `volume '${m.volume.name}'` }));
    if (this.pod.scratch) out.push({ path: this.pod.scratch.path ?? '/tmp', what: 'the scratch directory' });
    for (const m of this.mounts) if (m.container === container) out.push({ path: m.path, what: `volume claim '${m.claim.name}'` });
    return out;
  }
}

function collisionMessage(name: string): string {
  return `volume claim '${name}' has the name of a pod volume; the StatefulSet controller adds a volume of that name for the claim, so the two would collide. Rename the claim or the volume`;
}
