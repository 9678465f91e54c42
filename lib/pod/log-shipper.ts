import { PodContainer } from './container';
import { PodDefinition, SidecarOptions } from './pod-definition';
import { Volume } from './volume';

/** A log-shipping sidecar that reads a main container's log directory. */
export interface LogShipperOptions extends SidecarOptions {
  /** The container whose logs are shipped. @default - the construct's main container (the first main container of the pod) */
  readonly writer?: PodContainer;
  /** Where the main container writes its logs. @default '/var/log/app' */
  readonly logDir?: string;
  /** Where the shipper sees them (read-only). @default - the same path as logDir */
  readonly shipperPath?: string;
  /** Size limit of the shared emptyDir. @default '256Mi' */
  readonly sizeLimit?: string;
}

/**
 * Adds a log-shipping sidecar to a pod and shares a log directory with it: an emptyDir
 * named `logs`, mounted read-write in the writer and read-only in the shipper. Any
 * pod-bearing construct offers it (PodOwner.addLogShipper).
 */
export function addLogShipper(pod: PodDefinition, options: LogShipperOptions, fail: (message: string) => Error): { shipper: PodContainer; volume: Volume } {
  const { writer, logDir, shipperPath, sizeLimit, ...sidecar } = options;
  const source = writer ?? pod.mainContainers[0];
  if (!source) throw fail(`addLogShipper: the pod has no main container whose logs '${sidecar.name}' could ship; add the main container first, or pass writer`);
  const shipper = pod.addSidecar(sidecar);
  const volume = pod.shareDirectory('logs', logDir ?? '/var/log/app', source, [shipper], { sizeLimit: sizeLimit ?? '256Mi', readerPath: shipperPath });
  return { shipper, volume };
}
