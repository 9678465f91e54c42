import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { constructError } from '../errors';
import { ContainerOptions, PodContainer } from '../pod/container';
import { podSecurityFindings } from '../pod/level-check';
import { addLogShipper, LogShipperOptions } from '../pod/log-shipper';
import { InitContainerOptions, PodDefinition, SidecarOptions } from '../pod/pod-definition';
import { Volume } from '../pod/volume';
import { KubeObject } from '../validation/types';
import { ENGINE_GATE_CONTEXT } from '../version';

/**
 * A construct that owns one pod description (a Pod, a workload's pod template) and
 * offers the seam's common calls on itself: containers, init containers, sidecars,
 * volumes, shared directories and a log shipper.
 *
 * Extending it safely: the built-in checks are registered here with
 * `node.addValidation` from a private (`#`) method, so a subclass's own `validate()`,
 * `props` or `node.addValidation` adds to them and never replaces them. The protected
 * hook `renderPodSpec()` is meant for overriding; what it returns is what renders, and
 * it is held to the pod's security level like everything else (outside PodwrightApp
 * here, at synth; under PodwrightApp by the engine, through the level annotation).
 */
export abstract class PodOwner extends Construct {
  /** The pod description: containers, sidecars, volumes, security level. */
  abstract readonly pod: PodDefinition;
  #logVolume?: Volume;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.node.addValidation({ validate: () => this.#validatePod() });
  }

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

  /**
   * Shares a directory between a writer and readers through an emptyDir: the writer
   * mounts it read-write, the readers read-only.
   */
  shareDirectory(name: string, path: string, writer: PodContainer, readers: readonly PodContainer[], options: { readonly sizeLimit?: string; readonly readerPath?: string } = {}): Volume {
    return this.pod.shareDirectory(name, path, writer, readers, options);
  }

  /**
   * Adds a log-shipping sidecar and shares a log directory with it: an emptyDir named
   * `logs`, mounted read-write in the main container (or `writer`) and read-only in the shipper.
   */
  addLogShipper(options: LogShipperOptions): PodContainer {
    const { shipper, volume } = addLogShipper(this.pod, options, (m) => constructError(this, this.constructor.name, `${m}.`));
    this.#logVolume = volume;
    return shipper;
  }

  /** The shared log volume, once addLogShipper() was called. */
  get logVolume(): Volume | undefined {
    return this.#logVolume;
  }

  /**
   * Hook: the pod spec as it renders, in cdk8s-plus-28's L1 shape (keep it L1: a spec in
   * Kubernetes JSON shape loses its quantities and int-or-string ports in the L1
   * converters). Override to add what the seam does not offer; call `super.renderPodSpec()`
   * and change its result. The result is checked against the pod's security level.
   */
  protected renderPodSpec(): k8s.PodSpec {
    return this.pod.render();
  }

  /** The built-in checks: the pod's own, then the rendered spec (the hook's output) at the pod's level. */
  #validatePod(): string[] {
    const errors = this.pod.validate();
    // Under PodwrightApp the engine checks the rendered object at its level anyway.
    if (errors.length > 0 || this.node.tryGetContext(ENGINE_GATE_CONTEXT) === true) return errors;
    const rendered = k8s.toJson_PodSpec(this.renderPodSpec()) as KubeObject;
    for (const f of podSecurityFindings(rendered, this.pod.level, this.pod.k8sVersion)) {
      errors.push(`the rendered pod spec sets ${f.path.replace(/^spec\./, '')}: ${f.message}, which the ${this.pod.level} level forbids; ${f.fix.charAt(0).toLowerCase()}${f.fix.slice(1).replace(/\.$/, '')} (check renderPodSpec()), or choose a less strict level.`);
    }
    return errors;
  }
}
