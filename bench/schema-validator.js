#!/usr/bin/env node
/**
 * Throughput of the schema walker alone: N distinct Deployment objects (so the
 * per-object cache never hits), each walked once by schemaProblems().
 * Usage: node bench/schema-validator.js [N=20000]
 * TypeScript sources are compiled on the fly with the typescript compiler (no build step).
 */
'use strict';
const fs = require('fs');
const path = require('path');
const ts = require('typescript');

require.extensions['.ts'] = (module, filename) => {
  const out = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    fileName: filename,
  }).outputText;
  module._compile(out, filename);
};

const { schemaProblems } = require(path.join(__dirname, '../lib/validation/schema/validator.ts'));
const n = Number(process.argv[2] ?? 20000);

function deployment(i) {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name: `web-${i}`, namespace: 'prod', labels: { app: 'web', 'app.kubernetes.io/instance': `web-${i}` }, annotations: { 'example.com/owner': 'team-a' } },
    spec: {
      replicas: 3, revisionHistoryLimit: 5,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          serviceAccountName: 'web', automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [{
            name: 'app', image: 'registry.example.com/web:1.2.3', imagePullPolicy: 'IfNotPresent',
            args: ['--port=8080', '--log-level=info'],
            ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
            env: [{ name: 'MODE', value: 'prod' }, { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
            resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
            readinessProbe: { httpGet: { path: '/ready', port: 'http' }, periodSeconds: 5 },
            livenessProbe: { httpGet: { path: '/live', port: 8080 }, initialDelaySeconds: 10 },
            securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
            volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
          }],
          volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }],
          tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoSchedule' }],
        },
      },
    },
  };
}

let t = process.hrtime.bigint();
schemaProblems(deployment(-1), 'apps/v1', 'Deployment'); // loads and compiles the schema
const loadMs = Number(process.hrtime.bigint() - t) / 1e6;
const objects = Array.from({ length: n }, (_, i) => deployment(i));
t = process.hrtime.bigint();
let problems = 0;
for (const o of objects) problems += schemaProblems(o, 'apps/v1', 'Deployment').length;
const ms = Number(process.hrtime.bigint() - t) / 1e6;
console.log(`schema load+compile: ${loadMs.toFixed(1)} ms`);
console.log(`${n} Deployments walked in ${ms.toFixed(1)} ms: ${Math.round(n / (ms / 1000))} objects/s (${problems} problems)`);
