/**
 * A static Pod for the kubelet (an etcd-like control-plane member) and the
 * `kubectl debug` profiles of every example Pod and workload.
 *
 * `npm run synth` writes the static Pod to static-pods/etcd.yaml (not dist/: it is
 * for a node's kubelet, not the API server) and the profiles to debug-profiles/.
 */
import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { DebugProfiles, Probe, StaticPod, Volume } from '../lib';

/** An etcd member run by the kubelet from /etc/kubernetes/manifests, the way kubeadm runs it. */
export class StaticPodChart extends Chart {
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
          '--listen-metrics-urls=http://127.0.0.1:2381',
          '--cert-file=/etc/kubernetes/pki/etcd/server.crt',
          '--key-file=/etc/kubernetes/pki/etcd/server.key',
          '--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt',
          '--client-cert-auth=true',
        ],
        resources: { requests: { cpu: '100m', memory: '100Mi' } },
        livenessProbe: Probe.httpGet('/health?exclude=NOSPACE&serializable=true', 2381, { initialDelaySeconds: 10, failureThreshold: 8, timeoutSeconds: 15 }),
        ports: [{ number: 2381, name: 'metrics' }],
        mounts: [
          { path: '/etc/kubernetes/pki/etcd', volume: certs, readOnly: true },
          { path: '/var/lib/etcd', volume: data },
        ],
      }],
    });
  }
}

/** Adds the static Pod chart and the debug profiles of every Pod and workload of the app. */
export function addStaticExamples(app: Construct): void {
  new StaticPodChart(app, 'static');
  new DebugProfiles(app, 'debug-profiles');
}
