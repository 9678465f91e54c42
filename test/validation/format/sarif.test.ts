import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { RULES } from '../../../lib/validation/rules';
import { SERVER_RULE_IDS } from '../../../lib/validation/server-rules';
import { formatSarif } from '../../../lib/validation/format/sarif';
import { manifestDir, MIXED, runOn } from '../fixtures/cli-run';

let dir: string;
beforeAll(() => { dir = manifestDir(MIXED); });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function multitool(): string | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const bin = require('@microsoft/sarif-multitool') as string;
    const probe = spawnSync(bin, ['--version'], { encoding: 'utf8', timeout: 300_000 });
    if (probe.status === 0) return bin;
    console.warn(`SARIF multitool cannot run here (${probe.error?.message ?? probe.stderr}); schema validation skipped.`);
  } catch (e) {
    console.warn(`SARIF multitool not installed (${(e as Error).message}); schema validation skipped.`);
  }
  return undefined;
}

/** Runs `Sarif.Multitool validate` (JSON schema + SARIF rules) and returns its error-level results. */
function validateWithMultitool(bin: string, sarif: string): string[] {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'podwright-sarif-'));
  try {
    fs.writeFileSync(path.join(tmp, 'in.sarif'), sarif);
    const res = spawnSync(bin, ['validate', path.join(tmp, 'in.sarif'), '-o', path.join(tmp, 'out.sarif'), '--log', 'ForceOverwrite'], { encoding: 'utf8', timeout: 300_000 });
    expect(res.status).toBe(0);
    const out = JSON.parse(fs.readFileSync(path.join(tmp, 'out.sarif'), 'utf8'));
    return (out.runs[0].results ?? []).filter((r: { level?: string }) => r.level === 'error')
      .map((r: { ruleId: string; message: { arguments?: string[] } }) => `${r.ruleId} ${JSON.stringify(r.message.arguments)}`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

test('SARIF 2.1.0: rules from RULES and the server layer\'s, results with rule index, level, relative URI, region and logical locations', async () => {
  const run = await runOn(dir);
  const sarif = JSON.parse(formatSarif(run));
  expect(sarif.version).toBe('2.1.0');
  const driver = sarif.runs[0].tool.driver;
  expect(driver.name).toBe('podwright');
  expect(driver.rules.map((r: { id: string }) => r.id)).toEqual([...RULES.map((r) => r.meta.id), ...SERVER_RULE_IDS]);
  for (const r of driver.rules) {
    expect(r).toMatchObject({ shortDescription: { text: expect.any(String) }, fullDescription: { text: expect.any(String) }, help: { text: expect.any(String) }, helpUri: expect.stringMatching(/^https:\/\//), defaultConfiguration: { level: expect.stringMatching(/^(error|warning|note)$/) } });
  }
  const results = sarif.runs[0].results;
  expect(results).toHaveLength(run.report.findings.length);
  for (const res of results) expect(driver.rules[res.ruleIndex].id).toBe(res.ruleId);
  const dup = results.find((r: { ruleId: string }) => r.ruleId === 'yaml-duplicate-key');
  expect(dup.level).toBe('error');
  expect(dup.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'bad/broken.yaml' }, region: { startLine: 5, startColumn: 3 } });
  expect(dup.locations[0].logicalLocations).toEqual([
    { name: 'ConfigMap/dup', fullyQualifiedName: 'ConfigMap/dup', kind: 'object' },
    { name: 'metadata.name', fullyQualifiedName: 'ConfigMap/dup/metadata.name', kind: 'member' },
  ]);
});

test('a finding without a file location still gets a result', async () => {
  const run = await runOn(dir);
  const f = [...run.report.findings][0]!;
  const { location: _dropped, ...noLocation } = f;
  const sarif = JSON.parse(formatSarif({ ...run, report: { ...run.report, findings: [noLocation] } }));
  expect(sarif.runs[0].results).toHaveLength(1);
  expect(sarif.runs[0].results[0].locations[0].physicalLocation).toBeUndefined();
  expect(sarif.runs[0].results[0].locations[0].logicalLocations.length).toBeGreaterThan(0);
});

test('the output validates with Microsoft\'s SARIF multitool (and a broken log does not)', async () => {
  const bin = multitool();
  if (!bin) return;
  const run = await runOn(dir);
  expect(validateWithMultitool(bin, formatSarif(run))).toEqual([]);
  const broken = JSON.parse(formatSarif(run));
  delete broken.runs[0].results[0].message;
  expect(validateWithMultitool(bin, JSON.stringify(broken)).length).toBeGreaterThan(0);
});
