/**
 * False-alarm check for the Layer 2b rules (object metadata, workloads, Service,
 * ConfigMap, Secret, PDB, HPA, NetworkPolicy, Ingress) against the website
 * corpus: no error finding on any document of an ACCEPTED file, and the expected
 * findings on REJECTED files whose server message is an `is invalid:` error in
 * this area.
 */
import * as fs from 'fs';
import * as path from 'path';
import YAML from 'yaml';
import { resolveConfig } from '../../lib/validation/config';
import { Engine } from '../../lib/validation/engine';
import { Finding, Rule } from '../../lib/validation/types';
import configmapData from '../../lib/validation/rules/configmap-data';
import cronjobSpec from '../../lib/validation/rules/cronjob-spec';
import daemonsetSpec from '../../lib/validation/rules/daemonset-spec';
import deploymentSpec from '../../lib/validation/rules/deployment-spec';
import horizontalpodautoscalerSpec from '../../lib/validation/rules/horizontalpodautoscaler-spec';
import ingressSpec from '../../lib/validation/rules/ingress-spec';
import jobSpec from '../../lib/validation/rules/job-spec';
import metadataAnnotations from '../../lib/validation/rules/metadata-annotations';
import metadataLabels from '../../lib/validation/rules/metadata-labels';
import metadataName from '../../lib/validation/rules/metadata-name';
import metadataNamespace from '../../lib/validation/rules/metadata-namespace';
import networkpolicySpec from '../../lib/validation/rules/networkpolicy-spec';
import poddisruptionbudgetSpec from '../../lib/validation/rules/poddisruptionbudget-spec';
import replicasetSpec from '../../lib/validation/rules/replicaset-spec';
import replicationcontrollerSpec from '../../lib/validation/rules/replicationcontroller-spec';
import secretData from '../../lib/validation/rules/secret-data';
import serviceNodePortRange from '../../lib/validation/rules/service-node-port-range';
import serviceSpec from '../../lib/validation/rules/service-spec';
import statefulsetSpec from '../../lib/validation/rules/statefulset-spec';
import statefulsetVolumeClaimTemplates from '../../lib/validation/rules/statefulset-volume-claim-templates';
import { WEBSITE_EXAMPLES } from '../fixtures/website-examples';

const RULES: readonly Rule[] = [
  configmapData, cronjobSpec, daemonsetSpec, deploymentSpec, horizontalpodautoscalerSpec, ingressSpec, jobSpec,
  metadataAnnotations, metadataLabels, metadataName, metadataNamespace, networkpolicySpec, poddisruptionbudgetSpec,
  replicasetSpec, replicationcontrollerSpec, secretData, serviceNodePortRange, serviceSpec, statefulsetSpec, statefulsetVolumeClaimTemplates,
];

const CORPUS = WEBSITE_EXAMPLES;

function labels(): { file: string; verdict: string; message: string }[] {
  const text = fs.readFileSync(path.join(CORPUS, 'LABELS.tsv'), 'utf8');
  return text.split('\n').slice(1).filter((l) => l.trim() !== '').map((l) => {
    const [file = '', , verdict = '', message = ''] = l.split('\t');
    return { file, verdict, message };
  });
}

function findingsFor(file: string): Finding[] {
  const engine = new Engine(resolveConfig({}, RULES.map((r) => r.meta.id)), RULES);
  const docs = YAML.parseAllDocuments(fs.readFileSync(path.join(CORPUS, file), 'utf8'));
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    if (doc.errors.length > 0) continue;
    const object: unknown = doc.toJS();
    if (object === null || object === undefined) continue;
    // Lists (kind: List) hold their objects in items; check each like kubectl does.
    const items = typeof object === 'object' && !Array.isArray(object) && (object as { kind?: unknown }).kind === 'List'
      ? ((object as { items?: unknown }).items as unknown[] | undefined) ?? []
      : [object];
    for (const item of items) engine.check({ object: item, file });
  }
  return [...engine.finish().findings];
}

const rows = labels();

describe('Layer 2b rules on the k8s-website-examples corpus', () => {
  test('the corpus is there', () => {
    expect(rows.filter((r) => r.verdict === 'ACCEPTED').length).toBeGreaterThan(200);
  });

  test('no error finding on any ACCEPTED file', () => {
    const errors = rows.filter((r) => r.verdict === 'ACCEPTED')
      .flatMap((r) => findingsFor(r.file).filter((f) => f.severity === 'error').map((f) => `${r.file}: ${f.ruleId} ${f.path}: ${f.message}`));
    expect(errors).toEqual([]);
  });

  test('application/job/job-tmpl.yaml: metadata.name and spec.template.labels, as the server said', () => {
    const row = rows.find((r) => r.file === 'application/job/job-tmpl.yaml');
    expect(row?.message).toContain('metadata.name: Invalid value: "process-item-$ITEM"');
    expect(row?.message).toContain('spec.template.labels: Invalid valu');
    const found = findingsFor('application/job/job-tmpl.yaml').map((f) => `${f.ruleId} ${f.path}`);
    expect(found).toContain('metadata-name metadata.name');
    expect(found).toContain('job-spec spec.template.labels');
  });

  test('controllers/job-success-policy-example.yaml: the empty name is found', () => {
    const row = rows.find((r) => r.file === 'controllers/job-success-policy-example.yaml');
    expect(row?.message).toContain('resource name may not be empty');
    const found = findingsFor('controllers/job-success-policy-example.yaml');
    expect(found.map((f) => `${f.ruleId} ${f.path}: ${f.message}`))
      .toContain('metadata-name metadata.name: Required value: name or generateName is required');
  });
});
