#!/usr/bin/env node
/**
 * Labels the custom resource cases of test/validation/schema/fixtures/crd-cases with a
 * real API server's verdicts: installs the fixture CRDs, then creates every case with
 * `dryRun=All&fieldValidation=Strict` and records the status, the message and the
 * causes (field + message) into crd-cases/labels.json. The API server decides; the
 * test (test/validation/schema/crd-cases.test.ts) holds podwright to these labels.
 *
 * Usage: PODWRIGHT_K8S_URL=https://127.0.0.1:6443 PODWRIGHT_K8S_TOKEN=... node scripts/label-crd-cases.js
 * (any server that accepts a bearer token; TLS is not verified: a throwaway test server).
 */
'use strict';
const fs = require('fs');
const https = require('https');
const path = require('path');
const yaml = require('js-yaml');

const root = path.resolve(__dirname, '../test/validation/schema/fixtures');
const server = new URL(process.env.PODWRIGHT_K8S_URL || 'https://127.0.0.1:6443');
const token = process.env.PODWRIGHT_K8S_TOKEN || '';

function request(method, urlPath, body) {
  return new Promise((resolve, reject) => {
    const req = https.request({
      host: server.hostname, port: server.port, path: urlPath, method, rejectUnauthorized: false,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    }, (res) => {
      let data = '';
      res.on('data', (c) => { data += c; });
      res.on('end', () => resolve({ status: res.statusCode, body: data ? JSON.parse(data) : {} }));
    });
    req.on('error', reject);
    if (body) req.write(JSON.stringify(body));
    req.end();
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function installCrd(crd) {
  const url = `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crd.metadata.name}`;
  await request('DELETE', url);
  for (let i = 0; i < 50 && (await request('GET', url)).status !== 404; i++) await sleep(200);
  const created = await request('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', crd);
  if (created.status >= 300) throw new Error(`${crd.metadata.name}: ${created.body.message}`);
  for (let i = 0; i < 100; i++) {
    const got = await request('GET', url);
    if ((got.body.status?.conditions ?? []).some((c) => c.type === 'Established' && c.status === 'True')) return;
    await sleep(200);
  }
  throw new Error(`${crd.metadata.name}: not established`);
}

async function main() {
  const crds = new Map();
  for (const dir of fs.readdirSync(path.join(root, 'crds'))) {
    for (const f of fs.readdirSync(path.join(root, 'crds', dir)).filter((x) => x.endsWith('.yaml')).sort()) {
      for (const crd of yaml.loadAll(fs.readFileSync(path.join(root, 'crds', dir, f), 'utf8'))) {
        if (!crd || crd.kind !== 'CustomResourceDefinition') continue;
        await installCrd(crd);
        crds.set(`${crd.spec.group}\u0000${crd.spec.names.kind}`, crd);
      }
    }
  }
  const version = (await request('GET', '/version')).body.gitVersion;
  const labels = { server: version, cases: {} };
  const dir = path.join(root, 'crd-cases');
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.yaml')).sort()) {
    for (const o of yaml.loadAll(fs.readFileSync(path.join(dir, f), 'utf8'))) {
      const [group, ver] = o.apiVersion.split('/');
      const crd = crds.get(`${group}\u0000${o.kind}`);
      if (!crd) throw new Error(`${f}: no fixture CRD for ${o.apiVersion} ${o.kind}`);
      const ns = crd.spec.scope === 'Namespaced' ? `/namespaces/${o.metadata.namespace || 'default'}` : '';
      const res = await request('POST', `/apis/${group}/${ver}${ns}/${crd.spec.names.plural}?dryRun=All&fieldValidation=Strict`, o);
      const label = { status: res.status };
      if (res.status >= 300) {
        label.message = res.body.message;
        label.causes = (res.body.details?.causes ?? []).map((c) => ({ field: c.field ?? '', message: c.message }));
      }
      labels.cases[`${f}#${o.metadata.name}`] = label;
    }
  }
  fs.writeFileSync(path.join(dir, 'labels.json'), `${JSON.stringify(labels, null, 1)}\n`);
  console.log(`labelled ${Object.keys(labels.cases).length} cases with ${version}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
