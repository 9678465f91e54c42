/**
 * How the server layer turns verdicts into findings (plain data; the verdicts below have the
 * shape and wording test/server/controller-objects.test.ts gets from kube-apiserver v1.28.15).
 */
import { EffectiveVerdict } from '../../../lib/server/effective';
import { DryRunTarget } from '../../../lib/server/api-server';
import { checkInputs, findingsOf, ServerFindingSettings, withServerFindings } from '../../../lib/server/server-layer';
import { Finding, ObjectInput, Path } from '../../../lib/validation/types';
import { formatPath } from '../../../lib/validation/util/path';
import { RunResult } from '../../../lib/validation/yaml/validate-files';

const located = (object: unknown): ObjectInput => ({
  object,
  file: 'app.yaml',
  locate: (path: Path) => ({ file: 'app.yaml', line: 1 + formatPath(path).length, column: 1 }),
});

const deployment = {
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
  spec: { template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx ' }] } } },
};
const accepted = { accepted: true, status: 201, causes: [], warnings: [] };

describe('findingsOf', () => {
  test('a refused Pod of an accepted Deployment is located at the template field', () => {
    const effective: EffectiveVerdict = {
      verdict: accepted,
      created: [
        { kind: 'ReplicaSet', name: 'web-5d4f6b8c7d', object: {}, createdBy: 'the Deployment controller', templatePath: [], addedLabels: ['pod-template-hash'], verdict: accepted },
        {
          kind: 'Pod', name: 'web-5d4f6b8c7d-x2b7z', object: {}, createdBy: 'the ReplicaSet controller', templatePath: ['spec', 'template'], addedLabels: ['pod-template-hash'],
          verdict: {
            accepted: false, status: 422, reason: 'Invalid', message: 'Pod "web-5d4f6b8c7d-x2b7z" is invalid: ...',
            causes: [{ field: 'spec.containers[0].image', message: 'Invalid value: "nginx ": must not have leading or trailing whitespace', reason: 'FieldValueInvalid' }],
            warnings: [],
          },
        },
      ],
      podSecurityWarnings: [],
      valid: false,
    };
    const [f, ...rest] = findingsOf(located(deployment), effective);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      ruleId: 'server-created-refused', layer: 'server', severity: 'error',
      path: 'spec.template.spec.containers[0].image',
      message: 'the ReplicaSet controller would create Pod "web-5d4f6b8c7d-x2b7z", which the API server refuses: spec.containers[0].image: Invalid value: "nginx ": must not have leading or trailing whitespace',
      object: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      location: { file: 'app.yaml', line: 1 + 'spec.template.spec.containers[0].image'.length, column: 1 },
    });
  });

  test('a label the controller derived from the name is located at metadata.name', () => {
    const sts = { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'a'.repeat(58) }, spec: {} };
    const value = `${'a'.repeat(58)}-5d4f6b8c7d`;
    const effective: EffectiveVerdict = {
      verdict: accepted,
      created: [{
        kind: 'Pod', name: `${'a'.repeat(58)}-0`, object: { metadata: { labels: { 'controller-revision-hash': value } } },
        createdBy: 'the StatefulSet controller', templatePath: ['spec', 'template'], addedLabels: ['controller-revision-hash'],
        verdict: { accepted: false, status: 422, reason: 'Invalid', message: '...', causes: [{ field: 'metadata.labels', message: `Invalid value: "${value}": must be no more than 63 characters`, reason: 'FieldValueInvalid' }], warnings: [] },
      }],
      podSecurityWarnings: [],
      valid: false,
    };
    expect(findingsOf(located(sts), effective).map((f) => f.path)).toEqual(['metadata.name']);
  });

  test('refusals per cause, PSA warnings as errors on the pod spec, other warnings as warnings', () => {
    const effective: EffectiveVerdict = {
      verdict: {
        accepted: false, status: 422, reason: 'Invalid', message: 'x',
        causes: [{ field: 'metadata.labels[app.kubernetes.io/name]', message: 'Invalid value: "-x-"', reason: 'FieldValueInvalid' }],
        warnings: ['would violate PodSecurity "restricted:v1.28": runAsNonRoot != true', 'unknown field "spec.foo"'],
      },
      created: [],
      podSecurityWarnings: ['would violate PodSecurity "restricted:v1.28": runAsNonRoot != true'],
      valid: false,
    };
    expect(findingsOf(located(deployment), effective).map((f) => [f.ruleId, f.severity, f.path])).toEqual([
      ['server-refused', 'error', 'metadata.labels[app.kubernetes.io/name]'],
      ['server-pod-security', 'error', 'spec.template.spec'],
      ['server-warning', 'warning', ''],
    ]);
  });
});

describe('findingsOf: the configuration\'s severities and exemptions', () => {
  // kube-apiserver v1.28.15's warning for a nodeSelector on the deprecated label (seen in test/server/server-rule-config.test.ts).
  const WARNING = 'spec.nodeSelector[beta.kubernetes.io/arch]: deprecated since v1.14; use "kubernetes.io/arch" instead';
  const refusal = { field: 'spec.replicas', message: 'Invalid value: -1: must be greater than or equal to 0', reason: 'FieldValueInvalid' };
  const psa = 'would violate PodSecurity "restricted:v1.28": runAsNonRoot != true';
  const effective: EffectiveVerdict = {
    verdict: { accepted: false, status: 422, reason: 'Invalid', message: 'x', causes: [refusal], warnings: [psa, WARNING] },
    created: [{
      kind: 'Pod', name: 'web-5d4f6b8c7d-x2b7z', object: {}, createdBy: 'the ReplicaSet controller', templatePath: ['spec', 'template'], addedLabels: ['pod-template-hash'],
      verdict: { accepted: false, status: 403, reason: 'Forbidden', message: 'pods "web-5d4f6b8c7d-x2b7z" is forbidden: no PriorityClass with name high was found', causes: [], warnings: [] },
    }],
    podSecurityWarnings: [psa],
    valid: false,
  };
  const withAnnotations = (annotations: Record<string, string>, namespace?: string) => located({
    ...deployment, metadata: { ...deployment.metadata, annotations, ...(namespace ? { namespace } : {}) },
  });
  const shown = (input: ObjectInput, settings?: ServerFindingSettings) => findingsOf(input, effective, settings).map((f) => [f.ruleId, f.severity]);
  const ALL = [['server-refused', 'error'], ['server-pod-security', 'error'], ['server-warning', 'warning'], ['server-created-refused', 'error']];

  test('without settings, each rule at its default severity', () => {
    expect(shown(located(deployment))).toEqual(ALL);
  });

  test.each(['error', 'warning', 'info'] as const)('server-warning set to "%s"', (setting) => {
    expect(shown(located(deployment), { rules: { 'server-warning': setting } })).toEqual(ALL.map(([id, s]) => [id, id === 'server-warning' ? setting : s]));
  });

  test('server-warning "off": no warning, the rest stays', () => {
    expect(shown(located(deployment), { rules: { 'server-warning': 'off' } })).toEqual(ALL.filter(([id]) => id !== 'server-warning'));
  });

  test('refusals stay errors even when a hand-built configuration says otherwise (resolveConfig refuses it)', () => {
    expect(shown(located(deployment), { rules: { 'server-refused': 'off', 'server-pod-security': 'info', 'server-created-refused': 'warning' } })).toEqual(ALL);
  });

  test('an annotation with a reason exempts the object from that rule; one without a reason does not', () => {
    expect(shown(withAnnotations({ 'ignore-check.podwright.io/server-created-refused': 'the PriorityClass high exists in every real cluster' }))).toEqual(ALL.slice(0, 3));
    expect(shown(withAnnotations({ 'ignore-check.podwright.io/server-warning': '' }))).toEqual(ALL);
  });

  test('a configured exemption applies to the objects its kind, namespace and name select', () => {
    const exemptions = [{ rule: 'server-warning', kind: 'Deployment', namespace: 'legacy', reason: 'the beta label is on every node we run' }];
    expect(shown(withAnnotations({}, 'legacy'), { exemptions })).toEqual(ALL.filter(([id]) => id !== 'server-warning'));
    expect(shown(withAnnotations({}, 'apps'), { exemptions })).toEqual(ALL);
    expect(shown(located({ ...deployment, kind: 'StatefulSet', metadata: { name: 'web', namespace: 'legacy' } }), { exemptions })).toEqual(ALL);
  });

  test('a warning that names a field of the object sits there; one that names none, or another, at the root', () => {
    const atTemplate = 'spec.template.spec.nodeSelector[beta.kubernetes.io/arch]: deprecated since v1.14; use "kubernetes.io/arch" instead';
    const selected = { ...deployment, spec: { ...deployment.spec, template: { ...deployment.spec.template, spec: { ...deployment.spec.template.spec, nodeSelector: { 'beta.kubernetes.io/arch': 'amd64' } } } } };
    const warned = (object: unknown, warnings: string[]) => findingsOf(located(object), { verdict: { ...accepted, warnings }, created: [], podSecurityWarnings: [], valid: true })
      .map((f) => [f.path, f.location?.line]);
    expect(warned(selected, [atTemplate])).toEqual([[
      'spec.template.spec.nodeSelector[beta.kubernetes.io/arch]', 1 + 'spec.template.spec.nodeSelector[beta.kubernetes.io/arch]'.length,
    ]]);
    // The field is not in the object (the server's path, another object's), or the warning names none.
    expect(warned(deployment, [atTemplate, 'unknown field "spec.foo"', 'spec.template.spec.containers[3].image: x'])).toEqual([['', 1], ['', 1], ['', 1]]);
  });

  test('the warning keeps the server\'s words', () => {
    expect(findingsOf(located(deployment), effective, { rules: { 'server-warning': 'error' } }).find((f) => f.ruleId === 'server-warning')).toMatchObject({
      layer: 'server', severity: 'error', message: WARNING, path: '', fix: 'Read the API server\'s warning; it usually names a deprecated or ignored field.',
    });
  });
});

describe('withServerFindings', () => {
  test('adds findings to their documents and the report, and drops clean documents again', () => {
    const finding = findingsOf(located(deployment), {
      verdict: { accepted: false, status: 422, reason: 'Invalid', message: 'm', causes: [], warnings: [] }, created: [], podSecurityWarnings: [], valid: false,
    });
    const run: RunResult = {
      report: { findings: [], skipped: [], objectCount: 2, settings: { k8sVersion: '1.28', podSecurity: 'restricted' } },
      documents: [{ object: { kind: 'Deployment', name: 'web' }, findings: [] }, { object: { kind: 'Pod', name: 'p' }, findings: [] }],
      documentCount: 2,
      files: ['app.yaml'],
      failOn: 'error',
    };
    const merged = withServerFindings(run, [finding, []], false);
    expect(merged.documents).toEqual([{ object: { kind: 'Deployment', name: 'web' }, findings: finding }]);
    expect(merged.report.findings).toEqual(finding);
    expect(withServerFindings(run, [finding, []], true).documents).toHaveLength(2);
    expect(() => withServerFindings(run, [finding], false)).toThrow('server layer: 1 inputs for 2 documents');
  });

  test('a refusal the offline engine already reported as an error, same field and words, is not repeated', () => {
    const cause = { field: 'spec.replicas', message: 'Invalid value: -1: must be greater than or equal to 0', reason: 'FieldValueInvalid' };
    const other = { field: 'spec.template.spec.containers[0].image', message: 'Required value', reason: 'FieldValueRequired' };
    const server = findingsOf(located(deployment), {
      verdict: { accepted: false, status: 422, reason: 'Invalid', message: 'm', causes: [cause, other], warnings: [] }, created: [], podSecurityWarnings: [], valid: false,
    });
    const offline = (severity: 'error' | 'warning', message = cause.message): Finding => ({
      ruleId: 'deployment-spec', layer: 'api-server', severity, message, fix: 'f', object: { kind: 'Deployment', name: 'web' }, path: 'spec.replicas',
    });
    const runWith = (findings: Finding[]): RunResult => ({
      report: { findings, skipped: [], objectCount: 1, settings: { k8sVersion: '1.28', podSecurity: 'restricted' } },
      documents: [{ object: { kind: 'Deployment', name: 'web' }, findings }],
      documentCount: 1,
      files: ['app.yaml'],
      failOn: 'error',
    });
    const serverPaths = (run: RunResult) => [...run.report.findings].filter((f) => f.layer === 'server').map((f) => f.path);
    // Same field, same words, already an error: only the other cause is added.
    expect(serverPaths(withServerFindings(runWith([offline('error')]), [server], false))).toEqual(['spec.template.spec.containers[0].image']);
    // Graded below error offline (a configured severity): the server's refusal stays.
    expect(serverPaths(withServerFindings(runWith([offline('warning')]), [server], false))).toEqual(['spec.replicas', 'spec.template.spec.containers[0].image']);
    // Other words at the same field: both stay.
    expect(serverPaths(withServerFindings(runWith([offline('error', 'must be positive')]), [server], false))).toEqual(['spec.replicas', 'spec.template.spec.containers[0].image']);
  });
});

describe('checkInputs: the level each object is dry-run at, as the offline engine judges it', () => {
  /** A target that accepts everything and records the level each object was checked at. */
  const recorder = () => {
    const levels: [string, string | undefined][] = [];
    const target: DryRunTarget = {
      resourceFor: async (_apiVersion, kind) => (kind === 'Pod' || kind === 'Namespace' ? { name: `${kind.toLowerCase()}s`, kind, namespaced: kind === 'Pod', groupVersionPath: '/api/v1' } : undefined),
      dryRun: async (object, options) => {
        levels.push([String((object.metadata as { name?: string }).name), options?.level]);
        return { accepted: true, status: 201, causes: [], warnings: [] };
      },
    };
    return { levels, target };
  };
  const podIn = (name: string, namespace?: string, annotations?: Record<string, string>) => ({
    object: { apiVersion: 'v1', kind: 'Pod', metadata: { name, ...(namespace ? { namespace } : {}), ...(annotations ? { annotations } : {}) }, spec: { containers: [{ name: 'a', image: 'a:1' }] } },
  });
  const namespace = (name: string, labels: Record<string, string>) => ({ object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } } });

  test('annotation, then the Namespace\'s enforce label (input before configuration), then the configured namespace level, then the default', async () => {
    const { levels, target } = recorder();
    await checkInputs(target, [
      podIn('promised', 'monitoring', { 'podwright.io/pod-security': 'baseline' }),
      podIn('in-input-namespace', 'monitoring'),
      podIn('in-configured-labels', 'agents'),
      podIn('in-configured-level', 'legacy'),
      podIn('elsewhere', 'apps'),
      podIn('no-namespace'),
      // The Namespace may come after the objects in it.
      namespace('monitoring', { 'pod-security.kubernetes.io/enforce': 'privileged' }),
    ], {
      podSecurity: 'restricted',
      concurrency: 1,
      namespaces: {
        monitoring: { labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } },
        agents: { labels: { 'pod-security.kubernetes.io/enforce': 'privileged' } },
        legacy: { podSecurity: 'baseline' },
      },
    });
    expect(levels).toEqual([
      ['promised', 'baseline'],
      ['in-input-namespace', 'privileged'],
      ['in-configured-labels', 'privileged'],
      ['in-configured-level', 'baseline'],
      ['elsewhere', 'restricted'],
      ['no-namespace', 'restricted'],
      ['monitoring', 'restricted'],
    ]);
  });
});
