/**
 * A static Pod for the kubelet (an etcd-like control-plane member) and the
 * `kubectl debug` profiles of every example Pod and workload.
 *
 * `npm run synth` writes the static Pod to static-pods/etcd.yaml (not dist/: it is
 * for a node's kubelet, not the API server) and the profiles to debug-profiles/.
 */
import { Construct } from 'constructs';
import { DebugProfiles, Probe, StaticPod, Volume } from '../lib';

/**
 * An etcd member run by the kubelet from /etc/kubernetes/manifests, the way kubeadm
 * runs it. A plain construct rather than a Chart: it holds no API objects, and a Chart
 * would leave an empty static.k8s.yaml in dist/.
 */
export class StaticPods extends Construct {
  readonly etcd: StaticPod;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const certs = Volume.hostPath('etcd-certs', '/etc/kubernetes/pki/etcd', 'DirectoryOrCreate');
    const data = Volume.hostPath('etcd-data', '/var/lib/etcd', 'DirectoryOrCreate');
    this.etcd = new StaticPod(this, 'etcd', {
      metadata: { name: 'etcd', namespace: 'kube-system', labels: { component: 'etcd', tier: 'control-plane' } },
      // hostNetwork and hostPath need the privileged level (Pod Security baseline forbids both).
      security: { level: 'privileged', hostNetwork: true },
      priorityClassName: 'system-node-critical',
      containers: [{
        name: 'etcd',
        image: 'registry.k8s.io/etcd:3.5.9-0',
        command: [
          'etcd',
          '--data-dir=/var/lib/etcd',
          '--listen-client-urls=https://127.0.0.1:2379',
          '--advertise-client-urls=https://127.0.0.1:2379',
          '--cert-file=/etc/kubernetes/pki/etcd/server.crt',
          '--key-file=/etc/kubernetes/pki/etcd/server.key',
          '--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt',
          '--client-cert-auth=true',
        ],
        resources: { requests: { cpu: '100m', memory: '100Mi' } },
        // An exec probe: with hostNetwork an HTTP probe would go to the node's IP, and etcd listens on 127.0.0.1.
        livenessProbe: Probe.exec([
          'etcdctl', '--endpoints=https://127.0.0.1:2379',
          '--cacert=/etc/kubernetes/pki/etcd/ca.crt',
          '--cert=/etc/kubernetes/pki/etcd/healthcheck-client.crt',
          '--key=/etc/kubernetes/pki/etcd/healthcheck-client.key',
          'endpoint', 'health',
        ], { initialDelaySeconds: 10, failureThreshold: 8, timeoutSeconds: 15 }),
        mounts: [
          { path: '/etc/kubernetes/pki/etcd', volume: certs, readOnly: true },
          { path: '/var/lib/etcd', volume: data },
        ],
      }],
    });
  }
}

/** Adds the static Pods and the debug profiles of every Pod and workload of the app. */
export function addStaticExamples(app: Construct): void {
  new StaticPods(app, 'static');
  new DebugProfiles(app, 'debug-profiles');
}
