/**
 * One pod that uses the pod seam's pieces at once: the restricted level, an init
 * container, a log-shipping sidecar and a shared volume. No construct of its own is
 * needed: SidecarPod is a preset over PodDefinition, and everything below is the
 * same API every pod-bearing construct has.
 */
import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { Probe, SidecarPod, Volume } from '../lib';

/**
 * `combined-pod`: an unprivileged nginx serving a page that an init container writes
 * into a shared emptyDir before nginx starts, and a fluent-bit sidecar shipping nginx's
 * access log from a second shared emptyDir. Restricted (the default): non-root,
 * seccomp RuntimeDefault, all capabilities dropped, read-only root filesystem.
 */
export class CombinedPodChart extends Chart {
  readonly pod: SidecarPod;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.pod = new SidecarPod(this, 'combined-pod', {
      metadata: { name: 'combined-pod' },
      main: {
        name: 'web',
        image: 'nginxinc/nginx-unprivileged:1.27-alpine',
        ports: [{ number: 8080, name: 'http' }],
        readinessProbe: Probe.httpGet('/', 'http'),
        resources: 'small',
      },
    });
    // The shared volume: the init container writes the page, nginx serves it read-only.
    const html = Volume.emptyDir('html', { sizeLimit: '16Mi' });
    this.pod.addInitContainer({
      name: 'write-page',
      image: 'busybox:1.36',
      command: ['sh', '-c', 'echo "<h1>Hello from podwright</h1>" > /work/index.html'],
      mounts: [{ volume: html, path: '/work' }],
      resources: 'small',
    });
    this.pod.main.mount('/usr/share/nginx/html', html, { readOnly: true });
    // The unprivileged image logs to /dev/stdout through symlinks in /var/log/nginx; the
    // shared emptyDir over that directory makes nginx write real files the shipper tails.
    this.pod.addLogShipper({
      name: 'log-shipper',
      image: 'fluent/fluent-bit:3.1.9',
      args: ['-i', 'tail', '-p', 'path=/var/log/nginx/*.log', '-o', 'stdout'],
      logDir: '/var/log/nginx',
      resources: 'small',
    });
  }
}
