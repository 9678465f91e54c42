import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { resolveConfig } from '../../../lib/validation/config';
import { loadConfigFile } from '../../../lib/validation/config-file';
import { Engine, MAX_PENDING_CUSTOM_RESOURCES, validate } from '../../../lib/validation/engine';
import { RULES } from '../../../lib/validation/rules';
import { cdk8sImportFiles, loadCrdFiles } from '../../../lib/validation/schema/crd-files';
import { CrdRegistry } from '../../../lib/validation/schema/crd-registry';
import { validateFiles } from '../../../lib/validation/yaml/validate-files';
import { GADGET_CRD, gadget } from '../fixtures/gadget-crd';

const ids = RULES.map((r) => r.meta.id);
const BAD = gadget({ size: 'big' });
const gadgets = (skipped: readonly { object: { kind?: string } }[]) => skipped.filter((x) => x.object.kind === 'Gadget');
const crRules = (findings: readonly { ruleId: string }[]) => findings.filter((f) => f.ruleId.startsWith('custom-resource-schema'));

describe('CRDs are per-run data', () => {
  test('a CRD in one run\'s input does not leak into the next run', () => {
    const first = validate([{ object: GADGET_CRD }, { object: BAD }]);
    expect(crRules(first.findings)).toHaveLength(1);
    const second = validate([{ object: BAD }]);
    expect(crRules(second.findings)).toEqual([]);
    expect(second.skipped.map((s) => s.object.kind)).toEqual(['Gadget']);
  });

  test('the configured registry is shared, never changed by a run', () => {
    const registry = new CrdRegistry();
    const config = { ...resolveConfig({}, ids), crdRegistry: registry };
    validate([{ object: GADGET_CRD }], config);
    expect(registry.size).toBe(0);
    registry.addCrd(GADGET_CRD);
    expect(crRules(validate([{ object: BAD }], config).findings)).toHaveLength(1);
    // Compiled once: every run looks up the same compiled schema.
    expect(new CrdRegistry(registry).lookup('example.com/v1', 'Gadget')).toBe(registry.lookup('example.com/v1', 'Gadget'));
  });

  test('a custom resource before its CRD: its findings join the list check() returned', () => {
    const engine = new Engine();
    const out = engine.check({ object: BAD });
    expect(engine.mayGrow(out)).toBe(true);
    engine.check({ object: GADGET_CRD });
    const report = engine.finish();
    expect(crRules(out)).toHaveLength(1);
    expect(crRules(report.findings)).toHaveLength(1);
    expect(gadgets(report.skipped)).toEqual([]);
    expect(engine.mayGrow(out)).toBe(false);
  });

  test(`past ${MAX_PENDING_CUSTOM_RESOURCES} waiting objects, the rest are not checked at once`, () => {
    const engine = new Engine();
    const small = { apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: 'g' }, spec: {} };
    for (let i = 0; i <= MAX_PENDING_CUSTOM_RESOURCES; i++) engine.check({ object: small });
    engine.check({ object: GADGET_CRD });
    const report = engine.finish();
    expect(gadgets(report.skipped)).toHaveLength(1);
    expect(report.findings.filter((f) => f.ruleId === 'custom-resource-schema')).toHaveLength(MAX_PENDING_CUSTOM_RESOURCES);
  });
});

describe('CRD files', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podwright-crd-'));
    fs.mkdirSync(path.join(dir, 'crds'));
    fs.writeFileSync(path.join(dir, 'crds', 'gadget.yaml'), yaml.dump(GADGET_CRD));
    fs.writeFileSync(path.join(dir, 'crds', 'notes.yaml'), 'a: 1\n');
    fs.writeFileSync(path.join(dir, 'plain.yaml'), 'a: 1\n');
    fs.writeFileSync(path.join(dir, 'crs.yaml'), yaml.dump(BAD));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('a folder is searched; a file or folder without a CRD is an error naming it', () => {
    expect(loadCrdFiles(['crds'], dir, '--crd').has('example.com/v1', 'Gadget')).toBe(true);
    expect(() => loadCrdFiles(['plain.yaml'], dir, '--crd')).toThrow('--crd: plain.yaml: no CustomResourceDefinition (apiextensions.k8s.io/v1) with a schema found; give the CRD\'s YAML file or a folder of them.');
    expect(() => loadCrdFiles(['nope'], dir, '--crd')).toThrow('--crd: nope: no such file or folder.');
  });

  test('config "crds" and the local files under imports: of cdk8s.yaml', async () => {
    fs.writeFileSync(path.join(dir, 'podwright.config.json'), JSON.stringify({ crds: ['crds/gadget.yaml'] }));
    const fromConfig = loadConfigFile({ cwd: dir }).config;
    expect(fromConfig.crds).toEqual(['crds/gadget.yaml']);
    expect(fromConfig.crdRegistry?.has('example.com/v1', 'Gadget')).toBe(true);
    const result = await validateFiles(['crs.yaml'], { config: fromConfig, cwd: dir });
    expect(crRules([...result.report.findings])).toHaveLength(1);

    fs.rmSync(path.join(dir, 'podwright.config.json'));
    fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), 'language: typescript\napp: node main.js\nimports:\n  - k8s@1.28.0\n  - gadgets:=crds/gadget.yaml\n  - https://example.com/crd.yaml\n  - plain.yaml\n');
    expect(cdk8sImportFiles(path.join(dir, 'cdk8s.yaml'))).toEqual([path.join(dir, 'crds', 'gadget.yaml'), path.join(dir, 'plain.yaml')]);
    expect(loadConfigFile({ cwd: dir }).config.crdRegistry?.has('example.com/v1', 'Gadget')).toBe(true);
    fs.rmSync(path.join(dir, 'cdk8s.yaml'));
    expect(loadConfigFile({ cwd: dir }).config.crdRegistry).toBeUndefined();
  });

  test('a CRD later in the files keeps its earlier custom resource\'s document in the run result', async () => {
    fs.writeFileSync(path.join(dir, 'z-crd.yaml'), yaml.dump(GADGET_CRD));
    const result = await validateFiles(['crs.yaml', 'z-crd.yaml'], { config: resolveConfig({}, ids), cwd: dir });
    expect([...result.documents].map((d) => d.file)).toContain('crs.yaml');
    expect(crRules([...result.documents].find((d) => d.file === 'crs.yaml')!.findings)).toHaveLength(1);
    expect(gadgets(result.report.skipped)).toEqual([]);
  });

  test('"crds" in the config must be a list of paths', () => {
    expect(() => resolveConfig({ crds: 'crds' }, ids)).toThrow('"crds" must be an array of CRD files or folders');
  });
});
