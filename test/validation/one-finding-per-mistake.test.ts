import { resolveConfig } from '../../lib/validation/config';
import { validate } from '../../lib/validation/engine';
import { RULES } from '../../lib/validation/rules';
import { RuleSetting } from '../../lib/validation/types';
import { readYamlString } from '../../lib/validation/yaml/read';

/** The engine's precedence between rules (lib/validation/engine.ts, oneFindingPerMistake). */
const ids = RULES.map((r) => r.meta.id);
const pod = (container: Record<string, unknown>, spec: Record<string, unknown> = {}) => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' },
  spec: { containers: [{ name: 'web', image: 'nginx:1.25.3', ...container }], ...spec },
});
const found = (obj: unknown, rules: Record<string, RuleSetting> = {}) =>
  validate([{ object: obj }], resolveConfig({ podSecurity: 'privileged', rules }, ids)).findings
    .filter((f) => f.severity !== 'info').map((f) => `${f.severity} ${f.ruleId} ${f.path}`);

test('a protocol outside the enum is reported once, by the rule that knows the field', () => {
  const obj = pod({ ports: [{ containerPort: 80, protocol: 'tcp' }] });
  expect(found(obj).filter((f) => f.startsWith('error'))).toEqual(['error container-ports spec.containers[0].ports[0].protocol']);
});

test('with that rule off, the generic schema rule still reports it', () => {
  const obj = pod({ ports: [{ containerPort: 80, protocol: 'tcp' }] });
  expect(found(obj, { 'container-ports': 'off' }).filter((f) => f.startsWith('error'))).toEqual(['error schema-enum spec.containers[0].ports[0].protocol']);
});

test('an error never gives way to a rule re-graded to a warning', () => {
  const obj = pod({ ports: [{ containerPort: 80, protocol: 'tcp' }] });
  expect(found(obj, { 'container-ports': 'warning' })).toEqual(expect.arrayContaining([
    'error schema-enum spec.containers[0].ports[0].protocol',
    'warning container-ports spec.containers[0].ports[0].protocol',
  ]));
});

test('a field the server refuses hides the Pod Security findings inside it', () => {
  const obj = pod({ securityContext: { privileged: true, allowPrivilegeEscalation: false } });
  const all = validate([{ object: obj }], resolveConfig({ podSecurity: 'baseline' }, ids)).findings.map((f) => f.ruleId);
  expect(all).toContain('security-context');
  expect(all).not.toContain('pss-privileged');
});

test('findings about the whole pod do not hide findings inside it', () => {
  // runAsNonRoot is missing (pod level) and a port is wrong: both stay.
  const obj = pod({ ports: [{ containerPort: 0 }], securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } },
    { securityContext: { seccompProfile: { type: 'RuntimeDefault' } } });
  const all = validate([{ object: obj }]).findings.filter((f) => f.severity === 'error').map((f) => f.ruleId).sort();
  expect(all).toEqual(['container-ports', 'pss-run-as-non-root']);
});

test('a field the server names by another path is located at the field, and compared with other rules there', () => {
  // The server names mountPropagation by the list (volumeMounts.mountPropagation, no index),
  // and a gcePersistentDisk's fields as persistentDisk's: the finding keeps the server's
  // path, points at the line of the field, and stands for schema-enum / schema-required there.
  const text = [
    'apiVersion: v1', 'kind: Pod', 'metadata:', '  name: web', 'spec:', '  containers:', '    - name: web', '      image: nginx:1.25.3',
    '      volumeMounts:', '        - name: data', '          mountPath: /data', '          mountPropagation: Bogus',
    '  volumes:', '    - name: data', '      gcePersistentDisk:', '        fsType: ext4', '',
  ].join('\n');
  const report = validate(readYamlString(text, 'pod.yaml'), resolveConfig({ podSecurity: 'privileged' }, ids));
  const errors = report.findings.filter((f) => f.severity === 'error').map((f) => `${f.ruleId} ${f.path} ${f.location?.line}`);
  expect(errors).toEqual([
    'volume-definition spec.volumes[0].persistentDisk.pdName 15',
    'volume-mounts spec.containers[0].volumeMounts.mountPropagation 12',
  ]);
});

test('an undecodable value or unknown field stands alone, unless graded below error', () => {
  // A typo'd field and a missing required one beside it: strict decoding refuses the object
  // with the unknown field alone (see all-kinds.test.ts for the server's words).
  const obj = pod({ imagePullPolcy: 'Always', ports: [{ containerPort: 0 }] });
  expect(found(obj).filter((f) => f.startsWith('error'))).toEqual(['error schema-unknown-field spec.containers[0].imagePullPolcy']);
  expect(found(obj, { 'schema-unknown-field': 'warning' })).toEqual(expect.arrayContaining([
    'warning schema-unknown-field spec.containers[0].imagePullPolcy',
    'error container-ports spec.containers[0].ports[0].containerPort',
  ]));
});

test('schema-required gives way to an api-server error in the same top-level field of a built-in object', () => {
  const ingress = { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web' }, spec: { rules: [{ host: 'example.com', http: { paths: [{ path: '/' }] } }] } };
  // No pathType: the server's checks of the path stop there, before the missing backend.
  expect(found(ingress).filter((f) => f.startsWith('error'))).toEqual(['error ingress-spec spec.rules[0].http.paths[0].pathType']);
  // A Role without verbs: no api-server rule checks RBAC rules, schema-required says it; beside
  // an invalid name (metadata, another top-level field) it stays.
  const role = (name: string) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name, namespace: 'apps' }, rules: [{ apiGroups: [''], resources: ['pods'] }] });
  expect(found(role('reader')).filter((f) => f.startsWith('error'))).toEqual(['error schema-required rules[0].verbs']);
  expect(found(role('a/b')).filter((f) => f.startsWith('error'))).toEqual(['error metadata-name metadata.name', 'error schema-required rules[0].verbs']);
});

test('a StatefulSet the server refuses hides what its Pods would be refused for; one it accepts does not', () => {
  const sts = (name: string, templateLabels: Record<string, string>) => ({
    apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name },
    spec: {
      serviceName: 'db', selector: { matchLabels: { app: 'db' } },
      template: { metadata: { labels: templateLabels }, spec: { containers: [{ name: 'db', image: 'postgres:16.1', ports: [{ containerPort: 0 }] }] } },
    },
  });
  const errors = (o: unknown) => found(o).filter((f) => f.startsWith('error'));
  // The selector does not match: the StatefulSet is refused, nothing is created.
  expect(errors(sts('db', { app: 'web' }))).toEqual(['error statefulset-spec spec.template.metadata.labels']);
  // Accepted: its Pods are refused for the port (the server does not check the template).
  expect(errors(sts('db', { app: 'db' }))).toEqual(['error container-ports spec.template.spec.containers[0].ports[0].containerPort']);
  // Accepted with a name whose Pods' labels are too long: both are about the Pods, both stay.
  expect(errors(sts('d'.repeat(58), { app: 'db' }))).toEqual([
    'error controller-created-objects metadata.name',
    'error container-ports spec.template.spec.containers[0].ports[0].containerPort',
  ]);
});

describe('the server-labelled mutation corpus (test/fixtures/mutation-corpus.ts, whatever its size)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { mutationCorpus } = require('../fixtures/mutation-corpus') as typeof import('../fixtures/mutation-corpus');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { dependsOnCluster, podwrightErrors, showFindings } = require('../fixtures/corpus-agreement') as typeof import('../fixtures/corpus-agreement');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { labels } = require('../fixtures/mutation-corpus.labels.json') as import('../fixtures/corpus-agreement').LabelFile;
  /**
   * A single-defect case: the server refused the object with exactly one cause (its
   * message names one field, not a `[...]` list), or could not decode it.
   */
  const single = (id: string): boolean => {
    const label = labels[id];
    if (!label || label.verdict !== 'rejected' || dependsOnCluster(label)) return false;
    const m = label.message ?? '';
    return / is invalid: (?!\[)/.test(m) || / cannot be handled as /.test(m);
  };
  const cases = mutationCorpus().filter((c) => single(c.id));

  test('there are single-defect cases to check', () => {
    expect(cases.length).toBeGreaterThan(500);
  });

  test('every single-defect case yields exactly one error', () => {
    const results = cases.map((c) => ({ c, errors: podwrightErrors(c.object, c.level) }));
    const off = results.filter((r) => r.errors.length !== 1)
      .map((r) => `${r.c.id} (${r.errors.length}): ${showFindings(r.errors)} | server: ${labels[r.c.id]!.message}`);
    expect(off).toEqual([]);
    expect(results.length).toBeGreaterThan(500);
  });
});
