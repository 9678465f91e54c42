/**
 * A repository mixing one object of every kind a Kubernetes 1.28 API server serves by
 * default and accepts from a manifest (test/fixtures/all-kinds/all-kinds-1.28.yaml, each
 * document accepted by kube-apiserver v1.28.15 in a dry-run create with strict field
 * validation): every object is checked, and none gets an error.
 */
import * as fs from 'fs';
import * as path from 'path';
import YAML from 'yaml';
import { resolveConfig } from '../../lib/validation/config';
import { Engine } from '../../lib/validation/engine';
import { RULES } from '../../lib/validation/rules';

const FILE = path.resolve(__dirname, '../fixtures/all-kinds/all-kinds-1.28.yaml');
const objects = YAML.parseAllDocuments(fs.readFileSync(FILE, 'utf8')).map((d) => d.toJS() as Record<string, unknown>);

function run(k8sVersion: string) {
  const engine = new Engine(resolveConfig({ k8sVersion }, RULES.map((r) => r.meta.id)), RULES);
  for (const object of objects) engine.check({ object, file: FILE });
  return engine.finish();
}

test('the fixture holds the kinds issue 13 names', () => {
  const kinds = new Set(objects.map((o) => o.kind));
  for (const k of ['ServiceAccount', 'Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'PersistentVolume', 'PersistentVolumeClaim', 'StorageClass',
    'ResourceQuota', 'LimitRange', 'PriorityClass', 'IngressClass', 'Namespace', 'Endpoints', 'EndpointSlice', 'Lease',
    'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration']) expect({ k, present: kinds.has(k) }).toEqual({ k, present: true });
  expect(objects.length).toBeGreaterThanOrEqual(45);
});

test('at 1.28 every object is checked and none has an error', () => {
  const report = run('1.28');
  expect(report.skipped).toEqual([]);
  expect(report.findings.filter((f) => f.severity === 'error').map((f) => `${f.ruleId} ${f.object.kind} ${f.path}: ${f.message}`)).toEqual([]);
});

test('at 1.32 the flowcontrol v1beta3 objects are refused, naming v1 (removed in 1.32)', () => {
  const errors = run('1.32').findings.filter((f) => f.severity === 'error').map((f) => `${f.ruleId} ${f.object.kind} ${f.path}`);
  expect(errors).toEqual([
    'schema-api-version-kind PriorityLevelConfiguration apiVersion',
    'schema-api-version-kind FlowSchema apiVersion',
  ]);
});

test('the RoleBinding typo of issue 13 (nme:) is an unknown field, no longer "not checked"', () => {
  const engine = new Engine(resolveConfig({}, RULES.map((r) => r.meta.id)), RULES);
  engine.check({
    object: {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'b', namespace: 'lab' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' }, subjects: [{ kind: 'ServiceAccount', nme: 'sa' }],
    },
  });
  const report = engine.finish();
  expect(report.skipped).toEqual([]);
  // Strict decoding refuses the object before validation, so the missing name is not
  // reported beside the typo: the real v1.28.15 server answers this object (schema rules
  // off, `podwright validate --server`) with only `RoleBinding in version "v1" cannot be
  // handled as a RoleBinding: strict decoding error: unknown field "subjects[0].nme"`.
  expect(report.findings.filter((f) => f.severity === 'error').map((f) => [f.ruleId, f.path, f.message])).toEqual([
    ['schema-unknown-field', 'subjects[0].nme', 'unknown field "subjects[0].nme"'],
  ]);
});

test('a repository mixing every built-in kind, CRDs and their custom resources (some before their CRD): only the custom resource of an unknown CRD is not checked', async () => {
  const { validateFiles } = await import('../../lib/validation/yaml/validate-files');
  const fixtures = path.resolve(__dirname, 'schema/fixtures');
  const os = await import('os');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podwright-mixed-repo-'));
  try {
    // The custom resources come first in the stream, their CRDs after the built-in kinds.
    const application = YAML.parseAllDocuments(fs.readFileSync(path.join(fixtures, 'crd-cases/argo-cd.yaml'), 'utf8'))[0]!.toString();
    const unknown = 'apiVersion: example.org/v1\nkind: Gizmo\nmetadata:\n  name: g\n  namespace: default\nspec: {}\n';
    fs.writeFileSync(path.join(dir, 'a-custom-resources.yaml'), `${application}---\n${unknown}`);
    fs.copyFileSync(FILE, path.join(dir, 'b-built-in.yaml'));
    fs.copyFileSync(path.join(fixtures, 'crds/argo-cd/application-crd.yaml'), path.join(dir, 'c-application-crd.yaml'));
    fs.copyFileSync(path.join(fixtures, 'crds/prometheus-operator/monitoring.coreos.com_servicemonitors.yaml'), path.join(dir, 'd-servicemonitor-crd.yaml'));
    const run = await validateFiles([dir], { config: resolveConfig({ k8sVersion: '1.28' }, RULES.map((r) => r.meta.id)), cwd: dir });
    expect(run.report.skipped.map((s) => `${s.object.kind}/${s.object.name}`)).toEqual(['Gizmo/g']);
    expect(run.report.objectCount).toBe(objects.length + 4);
    expect([...run.report.findings].filter((f) => f.severity === 'error').map((f) => `${f.ruleId} ${f.object.kind}/${f.object.name} ${f.path}`)).toEqual([]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
