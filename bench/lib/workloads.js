'use strict';
// The workloads the render benchmark builds. Loaded by bench/lib/render-child.js
// from the compiled build (bench/out/build), never from TypeScript sources.
const path = require('path');
const fs = require('fs');

const BUILD = path.join(__dirname, '..', 'out', 'build');

/** podwright side: ReplicatedApp when it exists, else a SidecarPod with the same pod. */
function podwrightApps(scope, n) {
  const pw = require(path.join(BUILD, 'lib', 'index.js'));
  const replicatedFile = path.join(BUILD, 'lib', 'constructs', 'replicated-app.js');
  const ReplicatedApp = pw.ReplicatedApp
    ?? (fs.existsSync(replicatedFile) ? require(replicatedFile).ReplicatedApp : undefined);
  const probe = () => pw.Probe.httpGet('/healthz', 8080);
  const main = (i) => ({
    name: 'app', image: `registry.example.com/app-${i % 50}:1.2.3`, ports: [{ number: 8080, name: 'http' }],
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '100m', memory: '128Mi' } },
    readinessProbe: probe(), livenessProbe: probe(),
  });
  const shipper = { name: 'log-shipper', image: 'fluent/fluent-bit:3.1', resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '50m', memory: '64Mi' } }, logDir: '/var/log/app' };
  if (ReplicatedApp) {
    for (let i = 0; i < n; i++) {
      const { name, image, ...rest } = main(i);
      const app = new ReplicatedApp(scope, `app-${i}`, {
        security: { level: 'restricted' }, replicas: 3, containerName: name, image, ...rest, service: true,
      });
      const { logDir, ...sidecar } = shipper;
      const logger = app.addSidecar(sidecar);
      app.pod.shareDirectory('logs', logDir, app.main, [logger], { sizeLimit: '256Mi' });
    }
    return 'ReplicatedApp (Deployment + Service + PDB)';
  }
  for (let i = 0; i < n; i++) {
    const pod = new pw.SidecarPod(scope, `app-${i}`, { security: { level: 'restricted' }, main: main(i) });
    pod.addLogShipper(shipper);
  }
  return 'SidecarPod (ReplicatedApp absent)';
}

/** Peer: plain cdk8s-plus-28 Deployments, two containers sharing an emptyDir, probes, resources. */
function plusDeployments(scope, n) {
  const kplus = require('cdk8s-plus-28');
  const { Size } = require('cdk8s');
  const { Cpu } = kplus;
  for (let i = 0; i < n; i++) {
    const vol = kplus.Volume.fromEmptyDir(scope, `logs-${i}`, 'logs', { sizeLimit: Size.mebibytes(256) });
    const d = new kplus.Deployment(scope, `app-${i}`, { replicas: 3 });
    d.addContainer({
      name: 'app', image: `registry.example.com/app-${i % 50}:1.2.3`, portNumber: 8080,
      resources: { cpu: { request: Cpu.millis(100), limit: Cpu.millis(100) }, memory: { request: Size.mebibytes(128), limit: Size.mebibytes(128) } },
      readiness: kplus.Probe.fromHttpGet('/healthz', { port: 8080 }),
      liveness: kplus.Probe.fromHttpGet('/healthz', { port: 8080 }),
      volumeMounts: [{ path: '/var/log/app', volume: vol }],
    });
    d.addContainer({
      name: 'log-shipper', image: 'fluent/fluent-bit:3.1',
      resources: { cpu: { request: Cpu.millis(50), limit: Cpu.millis(50) }, memory: { request: Size.mebibytes(64), limit: Size.mebibytes(64) } },
      volumeMounts: [{ path: '/var/log/app', volume: vol, readOnly: true }],
    });
  }
  return 'kplus.Deployment';
}

module.exports = { BUILD, podwrightApps, plusDeployments };
