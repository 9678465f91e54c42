/**
 * The schema layer against the Kubernetes website examples, each labelled with a
 * real API server's verdict (see test/fixtures/k8s-website-examples/SOURCE.md).
 *
 * - ACCEPTED files: the schema rules find nothing, except the fields newer than
 *   1.28 listed in EXPECTED_1_28_FINDINGS (the labels come from a 1.32 server;
 *   podwright's target, and its schema, is 1.28, where these fields do not exist).
 * - REJECTED files whose server message is a strict-decoding unknown field, a
 *   JSON unmarshal error, a removed API version or a missing apiVersion/kind:
 *   the schema rules report it at the same path, with the server's wording.
 */
import * as fs from 'fs';
import * as path from 'path';
import YAML from 'yaml';
import { resolveConfig } from '../../../lib/validation/config';
import { Engine } from '../../../lib/validation/engine';
import { isCheckedKind } from '../../../lib/validation/kinds';
import { Finding, Rule } from '../../../lib/validation/types';
import schemaApiVersionKind from '../../../lib/validation/rules/schema-api-version-kind';
import schemaEnum from '../../../lib/validation/rules/schema-enum';
import schemaQuantity from '../../../lib/validation/rules/schema-quantity';
import schemaRequired from '../../../lib/validation/rules/schema-required';
import schemaType from '../../../lib/validation/rules/schema-type';
import schemaUnknownField from '../../../lib/validation/rules/schema-unknown-field';
import { WEBSITE_EXAMPLES } from '../../fixtures/website-examples';

const CORPUS = WEBSITE_EXAMPLES;
const RULES: readonly Rule[] = [schemaApiVersionKind, schemaEnum, schemaQuantity, schemaRequired, schemaType, schemaUnknownField];

/** Fields that 1.32 accepted but that do not exist in Kubernetes 1.28: correct findings for a 1.28 target. */
const EXPECTED_1_28_FINDINGS: Readonly<Record<string, readonly string[]>> = {
  // admissionregistration.k8s.io/v1 ValidatingAdmissionPolicy(Binding): served from 1.30
  // (a 1.28 server serves v1beta1 and v1alpha1 only: "no kind ... is registered",
  // test/fixtures/website-corpus-1.28.labels.json).
  'policy/service-cluster-cidr-address-range.yaml': ['schema-api-version-kind apiVersion', 'schema-api-version-kind apiVersion'],
  'service/networking/vap-servicecidr-default.yaml': ['schema-api-version-kind apiVersion', 'schema-api-version-kind apiVersion'],
  'service/networking/vap-servicecidr-deny.yaml': ['schema-api-version-kind apiVersion', 'schema-api-version-kind apiVersion'],
  // Job successPolicy: added in 1.30 (JobSuccessPolicy).
  'controllers/job-success-policy.yaml': ['schema-unknown-field spec.successPolicy'],
  'controllers/job-success-policy-example.yaml': ['schema-unknown-field spec.successPolicy'],
  // Image volumes: added in 1.31 (ImageVolume).
  'pods/image-volumes.yaml': ['schema-unknown-field spec.volumes[0].image'],
  'pods/image-volumes-subpath.yaml': ['schema-unknown-field spec.volumes[0].image'],
  // Pod-level resources: added in 1.32 (PodLevelResources).
  'pods/resource/pod-level-cpu-request-limit.yaml': ['schema-unknown-field spec.resources'],
  'pods/resource/pod-level-memory-request-limit.yaml': ['schema-unknown-field spec.resources'],
  'pods/resource/pod-level-pid-limit.yaml': ['schema-unknown-field spec.resources'],
  'pods/resource/pod-level-resize.yaml': ['schema-unknown-field spec.resources'],
  'pods/resource/pod-level-resource-managers-container-scope-mixed.yaml': ['schema-unknown-field spec.resources'],
  'pods/resource/pod-level-resource-managers-empty-shared-pool.yaml': ['schema-unknown-field spec.resources'],
  'pods/resource/pod-level-resource-managers-pod-scope-mixed.yaml': ['schema-unknown-field spec.resources'],
  'pods/resource/pod-level-resources.yaml': ['schema-unknown-field spec.resources'],
  // securityContext.appArmorProfile: added in 1.30 (before, AppArmor was set by annotation).
  'pods/security/apparmor/default-pod.yaml': ['schema-unknown-field spec.securityContext.appArmorProfile'],
  'pods/security/apparmor/hello-apparmor.yaml': ['schema-unknown-field spec.securityContext.appArmorProfile'],
  'pods/security/hello-apparmor-2.yaml': ['schema-unknown-field spec.securityContext.appArmorProfile'],
  // supplementalGroupsPolicy: added in 1.31 (SupplementalGroupsPolicy).
  'pods/security/security-context-6.yaml': ['schema-unknown-field spec.securityContext.supplementalGroupsPolicy'],
  // clusterTrustBundle projection: added in 1.29 (ClusterTrustBundleProjection).
  'pods/storage/projected-clustertrustbundle.yaml': [
    'schema-unknown-field spec.volumes[0].projected.sources[0].clusterTrustBundle',
    'schema-unknown-field spec.volumes[0].projected.sources[1].clusterTrustBundle',
  ],
  // PVC volumeAttributesClassName: added in 1.29 (VolumeAttributesClass).
  'policy/gold-vac-pvc.yaml': ['schema-unknown-field spec.volumeAttributesClassName'],
};

/**
 * Files the `yaml` package refuses but the server's YAML reader accepted. They
 * are skipped (their YAML problems are the yaml-* rules' concern), and listed so
 * that nothing is skipped silently.
 */
const YAML_PARSE_SKIPS: Readonly<Record<string, string>> = {
  // `\'` inside a double-quoted scalar: an invalid escape for YAML 1.2, accepted by go-yaml.
  'pods/inject/envars-file-container.yaml': 'invalid escape \\\' in a double-quoted string',
  // A tab in the indentation: refused by kubectl as well (REJECTED).
  'controllers/job-pod-failure-policy-ignore.yaml': 'tab in indentation',
  'pods/inject/pod-multiple-secret-env-variable.yaml': 'tab in indentation',
};

interface Label { readonly file: string; readonly verdict: string; readonly message: string }

function readLabels(): Label[] {
  return fs.readFileSync(path.join(CORPUS, 'LABELS.tsv'), 'utf8').split('\n').slice(1).filter((l) => l.trim() !== '')
    .map((l) => {
      const [file = '', , verdict = '', message = ''] = l.split('\t');
      return { file, verdict, message };
    });
}

interface FileResult { readonly findings: Finding[]; readonly yamlErrors: boolean; readonly checkedObjects: number; readonly notChecked: readonly string[] }

function checkFile(file: string, k8sVersion = '1.28'): FileResult {
  const engine = new Engine(resolveConfig({ k8sVersion }, RULES.map((r) => r.meta.id)), RULES);
  let yamlErrors = false;
  let checkedObjects = 0;
  const notChecked: string[] = [];
  for (const doc of YAML.parseAllDocuments(fs.readFileSync(path.join(CORPUS, file), 'utf8'))) {
    if (doc.errors.length > 0) {
      yamlErrors = true;
      continue;
    }
    const object: unknown = doc.toJS();
    if (object === null || typeof object !== 'object') continue;
    const o = object as Record<string, unknown>;
    if (isCheckedKind(String(o.apiVersion ?? ''), String(o.kind ?? ''), k8sVersion)) checkedObjects++;
    engine.check({ object, file });
  }
  const report = engine.finish();
  // What the engine itself reports as "not checked".
  for (const s of report.skipped) notChecked.push(`${String(s.object.apiVersion)} ${String(s.object.kind)}`);
  return { findings: [...report.findings], yamlErrors, checkedObjects, notChecked };
}

const show = (f: Finding) => `${f.ruleId} ${f.path}`;
{
  const labels = readLabels();
  const results = new Map<string, FileResult>(labels.map((l) => [l.file, checkFile(l.file)]));
  const get = (file: string): FileResult => {
    const r = results.get(file);
    if (!r) throw new Error(`${file} is not in LABELS.tsv`);
    return r;
  };

  describe('schema rules on the k8s-website-examples corpus', () => {
    test('the corpus has the files this test expects', () => {
      expect(labels.length).toBeGreaterThan(250);
      for (const f of [...Object.keys(EXPECTED_1_28_FINDINGS), ...Object.keys(YAML_PARSE_SKIPS)]) expect(results.has(f)).toBe(true);
      // Enough objects of checked kinds were really checked.
      const checked = [...results.values()].reduce((n, r) => n + r.checkedObjects, 0);
      expect(checked).toBeGreaterThan(200);
    });

    test('only the listed files have YAML the parser refuses', () => {
      const withErrors = labels.filter((l) => get(l.file).yamlErrors).map((l) => l.file).sort();
      expect(withErrors).toEqual(Object.keys(YAML_PARSE_SKIPS).sort());
    });

    test('ACCEPTED files: no schema finding except fields newer than 1.28', () => {
      const unexpected: string[] = [];
      for (const l of labels.filter((x) => x.verdict === 'ACCEPTED')) {
        const got = get(l.file).findings.map(show).sort();
        const want = [...(EXPECTED_1_28_FINDINGS[l.file] ?? [])].sort();
        if (JSON.stringify(got) !== JSON.stringify(want)) unexpected.push(`${l.file}: got ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
      }
      expect(unexpected).toEqual([]);
    });

    test('at 1.32, the labelling server\'s minor: ACCEPTED files get no schema finding at all', () => {
      const unexpected: string[] = [];
      for (const l of labels.filter((x) => x.verdict === 'ACCEPTED')) {
        const got = checkFile(l.file, '1.32').findings.map(show);
        if (got.length > 0) unexpected.push(`${l.file}: got ${JSON.stringify(got)}`);
      }
      expect(unexpected).toEqual([]);
    });

    test('at 1.32, every object of a built-in kind is checked (removed versions are reported, not skipped): only custom resources and config files are not', () => {
      const notChecked = new Set<string>();
      for (const l of labels) for (const k of checkFile(l.file, '1.32').notChecked) notChecked.add(k);
      expect([...notChecked].sort()).toEqual([
        // A kube-apiserver configuration file, not an API object.
        'apiserver.k8s.io/v1alpha1 AdmissionConfiguration',
        // Custom resources (Gateway API and CSI snapshot CRDs).
        'gateway.networking.k8s.io/v1 GRPCRoute',
        'gateway.networking.k8s.io/v1 Gateway',
        'gateway.networking.k8s.io/v1 GatewayClass',
        'gateway.networking.k8s.io/v1 HTTPRoute',
        // A kind (kubernetes-sigs/kind) cluster configuration file, not an API object.
        'kind.x-k8s.io/v1alpha4 Cluster',
        'snapshot.storage.k8s.io/v1 VolumeSnapshot',
        'snapshot.storage.k8s.io/v1 VolumeSnapshotClass',
      ]);
    });

    test('REJECTED for an unknown field: reported at the server\'s path', () => {
      const cases = labels.filter((l) => l.verdict === 'REJECTED' && /strict decoding error: unknown field/.test(l.message));
      expect(cases.length).toBeGreaterThanOrEqual(5);
      for (const l of cases) {
        if (l.file in YAML_PARSE_SKIPS) continue;
        const fieldPath = /unknown field "([^"]+)"/.exec(l.message)![1]!;
        const got = get(l.file).findings.filter((f) => f.ruleId === 'schema-unknown-field');
        expect({ file: l.file, paths: got.map((f) => f.path) }).toEqual({ file: l.file, paths: expect.arrayContaining([fieldPath]) });
        expect(got.find((f) => f.path === fieldPath)!.message).toBe(`unknown field "${fieldPath}"`);
      }
    });

    test('REJECTED for a JSON unmarshal error: reported with the server\'s message', () => {
      const cases = labels.filter((l) => l.verdict === 'REJECTED' && /json: cannot unmarshal/.test(l.message));
      expect(cases.length).toBeGreaterThanOrEqual(2);
      for (const l of cases) {
        const got = get(l.file).findings.filter((f) => f.ruleId === 'schema-type');
        expect(got.length).toBeGreaterThan(0);
        // The server prints `json: <our message>`.
        expect(got.some((f) => l.message.includes(`json: ${f.message}`))).toBe(true);
      }
      expect(get('pods/pod-with-node-affinity.yaml').findings.map(show)).toContain('schema-type spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution');
      expect(get('secret/serviceaccount/mysecretname.yaml').findings.map(show)).toContain('schema-type metadata.annotations');
    });

    test('REJECTED for a removed API version: no matches for kind', () => {
      const cases = labels.filter((l) => l.verdict === 'REJECTED' && /no matches for kind/.test(l.message));
      expect(cases.length).toBeGreaterThanOrEqual(5);
      for (const l of cases) {
        const [, kind, version] = /no matches for kind "([^"]+)" in version "([^"]+)"/.exec(l.message)!;
        const got = get(l.file).findings.filter((f) => f.ruleId === 'schema-api-version-kind');
        expect(got.map((f) => `${f.path}: ${f.message}`)).toContain(`apiVersion: no matches for kind "${kind}" in version "${version}"`);
      }
    });

    test('REJECTED for a missing apiVersion or kind', () => {
      expect(get('pods/inject/pod-single-secret-env-variable.yaml').findings.map((f) => `${f.ruleId} ${f.path}: ${f.message}`))
        .toEqual(['schema-api-version-kind apiVersion: apiVersion not set']);
      expect(get('debug/custom-profile.yaml').findings.map((f) => `${f.ruleId} ${f.path}: ${f.message}`))
        .toEqual(['schema-api-version-kind apiVersion: apiVersion not set', 'schema-api-version-kind kind: kind not set']);
    });

    test('REJECTED for an unsupported enum value', () => {
      expect(get('pods/pod-with-numeric-toleration.yaml').findings.map((f) => `${f.ruleId} ${f.path}: ${f.message}`))
        .toEqual(['schema-enum spec.tolerations[0].operator: Unsupported value: "Gt": supported values: "Equal", "Exists"']);
    });
  });
}
