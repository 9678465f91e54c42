/**
 * The YAML examples of the Pods guide (shared/seed/pods.md), rebuilt with podwright.
 * Each keeps the example's images and intent; what podwright adds (security
 * defaults, named levels) is the point of the exercise.
 *
 * The seed's images (nginx, fluentd, busybox) run as root, so these pods use the
 * `baseline` level: no privilege, no host access, seccomp RuntimeDefault, no
 * privilege escalation, but the image may run as root. `secure-pod` is the seed's
 * lesson on security contexts and runs at `restricted` with an unprivileged nginx
 * build, so that it is admitted *and* starts.
 */
import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { SecurePod, SharedVolumePod, SidecarPod, Volume } from '../lib';

/**
 * Where an example's image differs from the guide's on purpose, and why. A test
 * (test/apps/seed.test.ts) parses the guide's examples and requires every other image
 * to be the guide's own (a tag may be added: the guide's bare names mean `:latest`,
 * which renders a different pod from day to day).
 */
export const SEED_IMAGE_CHOICES: readonly { pod: string; container: string; guide: string; image: string; why: string }[] = [
  {
    pod: 'multi-container-pod', container: 'logger', guide: 'fluentd', image: 'fluent/fluentd:v1.17-1',
    why: 'the Docker Hub library image `fluentd` is deprecated; the Fluentd project publishes fluent/fluentd',
  },
  {
    pod: 'secure-pod', container: 'app', guide: 'nginx', image: 'nginxinc/nginx-unprivileged:1.27-alpine',
    why: 'the example promises restricted: stock nginx runs as root and the kubelet refuses it under runAsNonRoot',
  },
];

/** `nginx`: a single-container Pod. */
export class NginxChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new SecurePod(this, 'nginx', {
      metadata: { name: 'nginx' },
      security: { level: 'baseline' },
      containers: [{ name: 'nginx', image: 'nginx:1.14.2', ports: [80] }],
    });
  }
}

/** `multi-container-pod`: a web server and a logging agent. */
export class MultiContainerChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new SidecarPod(this, 'multi-container-pod', {
      metadata: { name: 'multi-container-pod' },
      security: { level: 'baseline' },
      main: { name: 'web', image: 'nginx:1.27' },
      sidecars: [{ name: 'logger', image: 'fluent/fluentd:v1.17-1' }],
    });
  }
}

/** `shared-storage-pod`: nginx serves what busybox writes into a shared emptyDir. */
export class SharedStorageChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const pod = new SharedVolumePod(this, 'shared-storage-pod', {
      metadata: { name: 'shared-storage-pod' },
      security: { level: 'baseline' },
    });
    const shared = Volume.emptyDir('shared-data');
    pod.addContainer({ name: 'app1', image: 'nginx:1.27', mounts: [{ volume: shared, path: '/usr/share/nginx/html' }] });
    pod.addContainer({
      name: 'app2',
      image: 'busybox:1.36',
      command: ['sh', '-c', 'echo "Hello World" > /data/index.html; sleep 3600'],
      mounts: [{ volume: shared, path: '/data' }],
    });
  }
}

/**
 * `my-pod`: the guide's "How to Create a Pod" example, one container `app`. The image is
 * pinned (see SEED_IMAGE_CHOICES) and the level is baseline, as for the other root images.
 */
export class MyPodChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new SecurePod(this, 'my-pod', {
      metadata: { name: 'my-pod' },
      security: { level: 'baseline' },
      containers: [{ name: 'app', image: 'nginx:1.27' }],
    });
  }
}

/** `secure-pod`: runAsUser 1000, runAsGroup 3000, and everything else restricted asks. */
export class SecurePodChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new SecurePod(this, 'secure-pod', {
      metadata: { name: 'secure-pod' },
      security: { runAsUser: 1000, runAsGroup: 3000, fsGroup: 3000 },
      containers: [{ name: 'app', image: 'nginxinc/nginx-unprivileged:1.27-alpine', ports: [{ number: 8080, name: 'http' }] }],
    });
  }
}
