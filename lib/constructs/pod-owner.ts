import { Construct } from 'constructs';
import { ContainerOptions, PodContainer } from '../pod/container';
import { InitContainerOptions, PodDefinition, SidecarOptions } from '../pod/pod-definition';
import { Volume } from '../pod/volume';

/**
 * A construct that owns one pod description (a Pod, a workload's pod template, a
 * static Pod) and offers the seam's common calls on itself.
 */
export abstract class PodOwner extends Construct {
  /** The pod description: containers, sidecars, volumes, security level. */
  abstract readonly pod: PodDefinition;

  /** Adds a main container. */
  addContainer(options: ContainerOptions): PodContainer {
    return this.pod.addContainer(options);
  }

  /** Adds an init container (runs to completion, in order, before the main containers). */
  addInitContainer(options: InitContainerOptions): PodContainer {
    return this.pod.addInitContainer(options);
  }

  /** Adds a sidecar (native or classic, see PodOptions.sidecarMode). */
  addSidecar(options: SidecarOptions): PodContainer {
    return this.pod.addSidecar(options);
  }

  /** Declares a volume (mounting one declares it too). */
  addVolume(volume: Volume): Volume {
    return this.pod.addVolume(volume);
  }
}
