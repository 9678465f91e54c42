import { Construct } from 'constructs';
import { PodContainer } from '../pod/container';
import { Volume } from '../pod/volume';
import { BasePod, BasePodProps } from './base-pod';

/** One container's view of a shared volume. */
export interface ShareMount {
  readonly container: PodContainer;
  readonly path: string;
  /** @default false */
  readonly readOnly?: boolean;
  /** @default - the whole volume */
  readonly subPath?: string;
}

/** Props of a SharedVolumePod. */
export interface SharedVolumePodProps extends BasePodProps {}

/**
 * Containers that share declared volumes: emptyDir (optionally in memory and
 * size-limited), configMap, secret, persistentVolumeClaim and projected sources,
 * each mounted per container with its own path, readOnly and subPath. A mount can
 * only name a declared volume (mounting declares it), two mounts on one path in a
 * container throw, and a volume nobody mounts is a warning at synth.
 *
 * @example
 * const pod = new SharedVolumePod(chart, 'shared-storage-pod');
 * const html = Volume.emptyDir('shared-data');
 * pod.addContainer({ name: 'app1', image: 'nginx', mounts: [{ volume: html, path: '/usr/share/nginx/html' }] });
 * pod.addContainer({ name: 'app2', image: 'busybox', mounts: [{ volume: html, path: '/data' }] });
 */
export class SharedVolumePod extends BasePod {
  constructor(scope: Construct, id: string, props: SharedVolumePodProps = {}) {
    super(scope, id, 'SharedVolumePod', props);
  }

  /** Declares a volume and mounts it into each container listed. */
  share(volume: Volume, mounts: readonly ShareMount[]): Volume {
    this.pod.addVolume(volume);
    for (const m of mounts) m.container.mount(m.path, volume, { readOnly: m.readOnly, subPath: m.subPath });
    return volume;
  }
}
