import { Construct } from 'constructs';
import { ContainerOptions, PodContainer } from '../pod/container';
import { LogShipperOptions } from '../pod/log-shipper';
import { BasePod, BasePodProps } from './base-pod';

export { LogShipperOptions } from '../pod/log-shipper';

/** Props of a SidecarPod. */
export interface SidecarPodProps extends BasePodProps {
  /** The main container. */
  readonly main: ContainerOptions;
}

/**
 * A main container plus sidecars (log shipper, proxy, metrics agent). Containers
 * share one network namespace, so two containers declaring the same port and
 * protocol is an error at synth naming both. Sidecars are native (init containers
 * with restartPolicy Always, started before the main container and stopped after
 * it) from Kubernetes 1.29 and classic (extra containers) on 1.28, unless
 * `sidecarMode` or a sidecar's `mode` says otherwise.
 */
export class SidecarPod extends BasePod {
  /** The main container. */
  readonly main: PodContainer;

  constructor(scope: Construct, id: string, props: SidecarPodProps) {
    super(scope, id, 'SidecarPod', props, props.main.image);
    this.main = this.pod.addContainer(props.main);
  }

  /** Adds a log-shipping sidecar that ships the main container's logs (see PodOwner.addLogShipper). */
  override addLogShipper(options: LogShipperOptions): PodContainer {
    return super.addLogShipper({ writer: this.main, ...options });
  }
}
