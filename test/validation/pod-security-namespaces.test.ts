import * as fs from 'fs';
import * as os from 'os';
import { Readable } from 'stream';
import { ConfigError, resolveConfig } from '../../lib/validation/config';
import { validate } from '../../lib/validation/engine';
import { formatText } from '../../lib/validation/format/text';
import { RULES } from '../../lib/validation/rules';
import { ObjectInput } from '../../lib/validation/types';
import { validateFiles } from '../../lib/validation/yaml/validate-files';
import { manifestDir } from './fixtures/cli-run';

/** Pod Security the way PSA applies it: the level comes from the object's Namespace (issue 14). */
const ids = RULES.map((r) => r.meta.id);
const config = (raw: Record<string, unknown> = {}) => resolveConfig(raw, ids);

const namespace = (name: string, labels: Record<string, string>) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
/** A pod that passes baseline and fails restricted (no securityContext at all). */
const pod = (ns: string | undefined, annotations?: Record<string, string>) => ({
  apiVersion: 'v1', kind: 'Pod',
  metadata: { name: 'web', ...(ns ? { namespace: ns } : {}), ...(annotations ? { annotations } : {}) },
  spec: { containers: [{ name: 'web', image: 'nginx:1.25.3' }] },
});
const hostPid = (ns: string) => ({ ...pod(ns), spec: { hostPID: true, containers: [{ name: 'web', image: 'nginx:1.25.3' }] } });
const inputs = (...objects: unknown[]): ObjectInput[] => objects.map((object) => ({ object }));
const pss = (report: ReturnType<typeof validate>) => report.findings.filter((f) => f.layer === 'pod-security').map((f) => f.ruleId).sort();
const BASELINE = { 'pod-security.kubernetes.io/enforce': 'baseline' };

test('a namespace labelled baseline in the input makes its objects baseline-judged, before or after them', () => {
  for (const order of [[namespace('apps', BASELINE), pod('apps')], [pod('apps'), namespace('apps', BASELINE)]]) {
    const report = validate(inputs(...order));
    expect(pss(report)).toEqual([]);
    expect(report.podSecurityLevels).toEqual({ privileged: 0, baseline: 1, restricted: 0 });
  }
  // baseline still refuses what baseline refuses
  expect(pss(validate(inputs(hostPid('apps'), namespace('apps', BASELINE))))).toEqual(['pss-host-namespaces']);
  // other namespaces, and objects without one, keep the default level
  const other = validate(inputs(namespace('apps', BASELINE), pod('web'), pod(undefined)));
  expect(pss(other)).toContain('pss-run-as-non-root');
  expect(other.podSecurityLevels).toEqual({ privileged: 0, baseline: 0, restricted: 2 });
});

test('the order: own annotation, Namespace label (input or config), config level, default', () => {
  const own = validate(inputs(namespace('apps', BASELINE), pod('apps', { 'podwright.io/pod-security': 'restricted' })));
  expect(own.podSecurityLevels?.restricted).toBe(1);
  const labelsInConfig = validate(inputs(pod('apps')), config({ namespaces: { apps: { labels: { 'pod-security.kubernetes.io/enforce': 'privileged' }, podSecurity: 'restricted' } } }));
  expect(labelsInConfig.podSecurityLevels?.privileged).toBe(1);
  const inputBeatsConfigLevel = validate(inputs(namespace('apps', { 'pod-security.kubernetes.io/enforce': 'privileged' }), pod('apps')), config({ namespaces: { apps: { podSecurity: 'restricted' } } }));
  expect(inputBeatsConfigLevel.podSecurityLevels?.privileged).toBe(1);
  const configLevel = validate(inputs(pod('apps'), pod('web')), config({ podSecurity: 'restricted', namespaces: { apps: { podSecurity: 'baseline' } } }));
  expect(configLevel.podSecurityLevels).toEqual({ privileged: 0, baseline: 1, restricted: 1 });
  // a Namespace without the enforce label leaves the decision to the configuration
  expect(validate(inputs(namespace('apps', { team: 'a' }), pod('apps')), config({ namespaces: { apps: { podSecurity: 'baseline' } } })).podSecurityLevels?.baseline).toBe(1);
});

test('an enforce level PSA cannot read is enforced as restricted; enforce-version picks the policy version', () => {
  expect(validate(inputs(namespace('apps', { 'pod-security.kubernetes.io/enforce': 'baseline-ish' }), pod('apps')), config({ podSecurity: 'privileged' })).podSecurityLevels?.restricted).toBe(1);
  // Since 1.25 restricted skips allowPrivilegeEscalation for Windows pods; at v1.24 it does not.
  const windows = (ns: string) => ({ ...pod(ns), spec: { os: { name: 'windows' }, securityContext: { runAsNonRoot: true }, containers: [{ name: 'web', image: 'nginx:1.25.3' }] } });
  const at = (version?: string) => pss(validate(inputs(
    namespace('apps', { 'pod-security.kubernetes.io/enforce': 'restricted', ...(version ? { 'pod-security.kubernetes.io/enforce-version': version } : {}) }), windows('apps'))));
  expect(at()).not.toContain('pss-allow-privilege-escalation');
  expect(at('latest')).not.toContain('pss-allow-privilege-escalation');
  expect(at('v1.24')).toContain('pss-allow-privilege-escalation');
  expect(at('v1.99')).not.toContain('pss-allow-privilege-escalation'); // newer than the target counts as latest
});

test('the configuration checks namespaces like every other key', () => {
  expect(() => config({ namespaces: { apps: { podSecurty: 'baseline' } } })).toThrow(new ConfigError('podwright.config.json: namespaces."apps": unknown key "podSecurty"; did you mean "podSecurity"?'));
  expect(() => config({ namespaces: { apps: { podSecurity: 'strict' } } })).toThrow(ConfigError);
});

describe('files and standard input: a Namespace after its objects still sets their level, and the summary counts levels', () => {
  const yaml = (o: unknown) => JSON.stringify(o);
  let dir: string;
  beforeAll(() => {
    dir = manifestDir({
      'a-pods.yaml': `${yaml(pod('apps'))}\n---\n${yaml(pod('web'))}\n`,
      'b-namespace.yaml': yaml(namespace('apps', BASELINE)),
      // block style, between other documents, after the objects in it
      'c-mixed.yaml': `${yaml(pod('ops'))}\n---\n# ops runs node agents\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: ops\n  labels:\n    pod-security.kubernetes.io/enforce: privileged\n---\n${yaml(pod('web'))}\n`,
    });
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('files', async () => {
    const run = await validateFiles(['.'], { config: config(), cwd: dir });
    expect(run.report.podSecurityLevels).toEqual({ privileged: 1, baseline: 1, restricted: 2 });
    expect(formatText(run)).toMatch(/; Pod Security: 2 restricted, 1 baseline, 1 privileged; failing at error\n$/);
  });

  test('a file larger than the scan buffer: the kind line across its edge, the word elsewhere', async () => {
    // validate-files scans a megabyte at a time and makes strings only of the lines that
    // hold the word Namespace; here it is in many lines that declare nothing, one
    // `kind: Namespace` line starts 4 bytes before the first megabyte ends, and another
    // comes after more such lines.
    const MB = 1024 * 1024;
    const head = `${yaml(pod('ops'))}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: notes\ndata:\n  notes: |\n`;
    const line = '    a Namespace is named here, "kind": "Namespace" is not a key here\n';
    const noise = line.repeat(3_000);
    const tail = '---\napiVersion: v1\n';
    const pad = MB - 4 - head.length - noise.length - tail.length - 3;
    expect(pad).toBeGreaterThan(0);
    const text = `${head}${noise}# ${'p'.repeat(pad)}\n${tail}kind: Namespace\nmetadata:\n  name: ops\n  labels:\n    pod-security.kubernetes.io/enforce: privileged\n---\n${yaml(hostPid('ops'))}\n`
      + `---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: more\ndata:\n  notes: |\n${line.repeat(20)}---\n`
      + `${yaml(pod('dev'))}\n---\n${yaml(namespace('dev', BASELINE))}\n`;
    expect(text.indexOf('kind: Namespace')).toBe(MB - 4);
    const big = manifestDir({ 'big.yaml': text });
    try {
      const run = await validateFiles(['.'], { config: config(), cwd: big });
      expect(run.report.podSecurityLevels).toEqual({ privileged: 2, baseline: 1, restricted: 0 });
      expect([...run.report.findings].filter((f) => f.layer === 'pod-security')).toEqual([]);
    } finally {
      fs.rmSync(big, { recursive: true, force: true });
    }
  });

  test('standard input, read from a temporary copy that is removed', async () => {
    const text = `${yaml(pod('apps'))}\n---\n${yaml(namespace('apps', BASELINE))}\n`;
    const before = fs.readdirSync(os.tmpdir()).filter((n: string) => n.startsWith('podwright-stdin-')).length;
    const run = await validateFiles(['-'], { config: config(), cwd: dir, stdin: Readable.from([Buffer.from(text)]) });
    expect(run.report.podSecurityLevels).toEqual({ privileged: 0, baseline: 1, restricted: 0 });
    expect(run.files).toEqual(['<stdin>']);
    expect([...run.report.findings].filter((f) => f.layer === 'pod-security')).toEqual([]);
    expect(fs.readdirSync(os.tmpdir()).filter((n: string) => n.startsWith('podwright-stdin-')).length).toBe(before);
  });
});
