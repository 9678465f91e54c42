import { Construct } from 'constructs';
import { ContainerOptions, PodContainer } from '../pod/container';
import { SidecarOptions } from '../pod/pod-definition';
import { Volume } from '../pod/volume';
import { BasePod, BasePodProps } from './base-pod';

/** Props of a SidecarPod. */
export interface SidecarPodProps extends BasePodProps {
  /** The main container. */
  readonly main: ContainerOptions;
}

/** A log-shipping sidecar that reads the main container's log directory. */
export interface LogShipperOptions extends SidecarOptions {
  /** Where the main container writes its logs. @default '/var/log/app' */
  readonly logDir?: string;
  /** Where the shipper sees them (read-only). @default - the same path as logDir */
  readonly shipperPath?: string;
  /** Size limit of the shared emptyDir. @default '256Mi' */
  readonly sizeLimit?: string;
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

  /**
   * Adds a log-shipping sidecar and shares a log directory with it: an emptyDir
   * named `logs`, mounted read-write in the main container and read-only in the shipper.
   */
  addLogShipper(options: LogShipperOptions): PodContainer {
    const { logDir, shipperPath, sizeLimit, ...sidecar } = options;
    const shipper = this.pod.addSidecar(sidecar);
    this.logVolume = this.pod.shareDirectory('logs', logDir ?? '/var/log/app', this.main, [shipper], {
      sizeLimit: sizeLimit ?? '256Mi',
      readerPath: shipperPath,
    });
    return shipper;
  }

  /** The shared log volume, once addLogShipper() was called. */
  logVolume?: Volume;
}
