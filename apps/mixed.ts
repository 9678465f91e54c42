/**
 * A chart that mixes podwright constructs with objects podwright did not build: a
 * cdk8s-plus-28 Deployment and a hand-written L1 Job, held to the `baseline` level with
 * `PodwrightApp.setLevel`, beside a podwright SecurePod that keeps its own `restricted`.
 * Without setLevel, the synth gate holds the cdk8s-plus and L1 objects to the configured
 * level (restricted), which their defaults fail.
 */
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { PodwrightApp, SecurePod } from '../lib';

export class MixedChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    PodwrightApp.setLevel(this, 'baseline');
    new kplus.Deployment(this, 'legacy-web', {
      metadata: { name: 'legacy-web' },
      replicas: 2,
      containers: [{
        name: 'web',
        image: 'nginxinc/nginx-unprivileged:1.27-alpine',
        portNumber: 8080,
        securityContext: { ensureNonRoot: true, readOnlyRootFilesystem: false },
      }],
    });
    // The image runs as root: baseline allows it, restricted would not.
    new kplus.k8s.KubeJob(this, 'migrate', {
      metadata: { name: 'migrate' },
      spec: {
        backoffLimit: 2,
        template: {
          spec: {
            restartPolicy: 'Never',
            automountServiceAccountToken: false,
            containers: [{
              name: 'migrate',
              image: 'busybox:1.36',
              command: ['sh', '-c', 'echo migrated'],
              resources: { requests: { cpu: kplus.k8s.Quantity.fromString('50m'), memory: kplus.k8s.Quantity.fromString('32Mi') }, limits: { memory: kplus.k8s.Quantity.fromString('32Mi') } },
            }],
          },
        },
      },
    });
    new SecurePod(this, 'api', {
      metadata: { name: 'api' },
      recommendedLabels: { partOf: 'podwright-examples' },
      containers: [{ name: 'api', image: 'nginxinc/nginx-unprivileged:1.27-alpine', ports: [{ number: 8080, name: 'http' }], resources: 'small' }],
    });
  }
}

/** Adds the mixed chart to an app. */
export function addMixedExample(app: App): void {
  new MixedChart(app, 'mixed-levels');
}
