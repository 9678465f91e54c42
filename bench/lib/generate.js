'use strict';
// The generated object of the latency measurement, and the chunked multi-document writer the corpora use.
const fs = require('fs');
const YAML = require('yaml');

function podSpec(i) {
  return {
    securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } },
    automountServiceAccountToken: false,
    containers: [{
      name: 'app', image: `registry.example.com/app-${i % 50}:1.2.${i % 7}`, imagePullPolicy: 'IfNotPresent',
      args: ['--port=8080', `--instance=${i}`],
      ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
      env: [{ name: 'LOG_LEVEL', value: 'info' }, { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
      resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
      readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 10 },
      livenessProbe: { httpGet: { path: '/healthz', port: 'http' }, initialDelaySeconds: 5 },
      securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
      volumeMounts: [{ name: 'logs', mountPath: '/var/log/app' }],
    }, {
      name: 'log-shipper', image: 'fluent/fluent-bit:3.1',
      resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '50m', memory: '64Mi' } },
      securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
      volumeMounts: [{ name: 'logs', mountPath: '/var/log/app', readOnly: true }],
    }],
    volumes: [{ name: 'logs', emptyDir: { sizeLimit: '256Mi' } }],
  };
}

function doc(i) {
  const name = `app-${Math.floor(i / 4)}`;
  const labels = { 'app.kubernetes.io/name': name, tier: i % 3 === 0 ? 'web' : 'api' };
  const metadata = { name, namespace: `team-${i % 20}`, labels };
  switch (i % 4) {
    case 0: return {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata,
      spec: { replicas: 3, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: podSpec(i) } },
    };
    case 1: return {
      apiVersion: 'v1', kind: 'Service', metadata,
      spec: { selector: labels, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }] },
    };
    case 2: return { apiVersion: 'v1', kind: 'Pod', metadata: { ...metadata, name: `${name}-debug` }, spec: podSpec(i) };
    default: return {
      apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata,
      spec: { minAvailable: 1, selector: { matchLabels: labels } },
    };
  }
}

/**
 * Writes `count` documents, each from `next()` (a YAML text or an object), to `file` in
 * chunks (the writer never holds the whole file), through a temporary name.
 */
function writeDocuments(file, count, next) {
  const fd = fs.openSync(`${file}.tmp`, 'w');
  try {
    let chunk = '';
    for (let i = 0; i < count; i++) {
      const d = next(i);
      const text = typeof d === 'string' ? d : YAML.stringify(d, { lineWidth: 0, aliasDuplicateObjects: false });
      chunk += (i > 0 ? '---\n' : '') + (text.endsWith('\n') ? text : `${text}\n`);
      if (chunk.length > 1 << 20) {
        fs.writeSync(fd, chunk);
        chunk = '';
      }
    }
    fs.writeSync(fd, chunk);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(`${file}.tmp`, file);
}

module.exports = { doc, writeDocuments };
