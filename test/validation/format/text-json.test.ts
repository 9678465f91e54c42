import * as fs from 'fs';
import { formatJson, toJsonReport } from '../../../lib/validation/format/json';
import { formatText, useColor } from '../../../lib/validation/format/text';
import { manifestDir, MIXED, runOn } from '../fixtures/cli-run';

let dir: string;
beforeAll(() => { dir = manifestDir(MIXED); });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('text: grouped by file and object, each finding at file:line:column, no colour unless asked', async () => {
  const run = await runOn(dir);
  const out = formatText(run);
  expect(out).not.toMatch(/\u001b\[\d+m(?!\[31m)/);
  expect(out).toContain('bad/broken.yaml  ConfigMap/dup\n');
  // file:line:col  severity  message  rule-id, with no field path repeated before the message
  expect(out).toContain('bad/broken.yaml:5:3  error    duplicate field "name" (Remove one of the two keys; the API server silently keeps only one of them)  yaml-duplicate-key\n');
  expect(out).toMatch(/^bad\/tabs\.yml:6:1  error    YAML syntax error: found a tab character that violates indentation .*  yaml-syntax$/m);
  expect(out).not.toContain('ignored.txt');
  expect(out).toMatch(/✖ \d+ errors?, \d+ warnings?, \d+ infos? in 2 objects from 3 files; Pod Security: 1 privileged; failing at error\n$/);
  expect(formatText(run, { color: true })).toContain('\u001b[31merror');
});

test('useColor: only on a TTY and only without NO_COLOR', () => {
  expect(useColor({ isTTY: true }, {})).toBe(true);
  expect(useColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
  expect(useColor({ isTTY: false }, {})).toBe(false);
  expect(useColor({}, {})).toBe(false);
});

test('json: documented shape with summary counts and settings', async () => {
  const run = await runOn(dir);
  const report = JSON.parse(formatJson(run));
  expect(Object.keys(report)).toEqual(['formatVersion', 'tool', 'settings', 'summary', 'findings', 'skipped']);
  expect(report.settings).toEqual({ k8sVersion: '1.28', podSecurity: 'privileged', failOn: 'error' });
  expect(report.summary).toMatchObject({ files: 3, documents: 5, objects: 2, failed: true });
  expect(report.summary.errors).toBe(report.findings.filter((f: { severity: string }) => f.severity === 'error').length);
  const dup = report.findings.find((f: { ruleId: string }) => f.ruleId === 'yaml-duplicate-key');
  expect(dup).toMatchObject({ layer: 'schema', severity: 'error', path: 'metadata.name', object: { apiVersion: 'v1', kind: 'ConfigMap', name: 'dup' }, location: { file: 'bad/broken.yaml', line: 5, column: 3 } });
  expect(toJsonReport(run).findings).toEqual([...run.report.findings]);
});
