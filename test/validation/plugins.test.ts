import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ConfigError, exemptionAnnotation, resolveConfig } from '../../lib/validation/config';
import { loadConfig } from '../../lib/validation/config-file';
import { Engine } from '../../lib/validation/engine';
import { defineRule, definePlugin, RuleDefinition } from '../../lib/validation/plugins';
import { RULES } from '../../lib/validation/rules';
import { rulesOf } from '../../lib/validation/rule-set';
import { Rule } from '../../lib/validation/types';

const ids = RULES.map((r) => r.meta.id);

const replicas = defineRule({
  id: 'acme/min-replicas', layer: 'practice', severity: 'warning', scope: 'object', kinds: ['Deployment'],
  description: 'Deployments run at least two replicas.', fix: 'Set spec.replicas to 2 or more.',
  check(ctx) {
    const spec = ctx.target.object.spec as { replicas?: number } | undefined;
    if ((spec?.replicas ?? 1) < 2) ctx.report({ path: ['spec', 'replicas'], message: `replicas is ${spec?.replicas ?? 1}` });
  },
});
const noLatest = defineRule({
  id: 'acme/pinned-image', layer: 'practice', severity: 'error', scope: 'pod',
  description: 'Images are pinned by digest.', fix: 'Use image@sha256:<digest>.',
  check(ctx) {
    const containers = (ctx.pod.spec.containers ?? []) as { image?: string }[];
    containers.forEach((c, i) => {
      if (!c.image?.includes('@sha256:')) ctx.report({ path: ['containers', i, 'image'], message: `image "${c.image}" is not pinned` });
    });
  },
});
const acme = definePlugin({ name: 'acme', rules: [replicas, noLatest] });

const deployment = (annotations: Record<string, string> = {}) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', annotations },
  spec: { replicas: 1, selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'c:1' }] } } },
});

const acmeFindings = (config: object, object: object) =>
  new Engine(resolveConfig(config, ids)).inspect({ object }).filter((f) => f.ruleId.startsWith('acme/')).map((f) => `${f.ruleId} ${f.severity} ${f.path}`);

describe('defineRule', () => {
  test('returns a frozen rule with the metadata podwright rules carry', () => {
    expect(replicas.meta).toEqual({
      id: 'acme/min-replicas', layer: 'practice', severity: 'warning', scope: 'object', kinds: ['Deployment'],
      description: 'Deployments run at least two replicas.', fix: 'Set spec.replicas to 2 or more.',
    });
    expect(Object.isFrozen(replicas)).toBe(true);
    expect(Object.isFrozen(replicas.meta)).toBe(true);
  });

  const base = { layer: 'practice', severity: 'error', scope: 'object', description: 'Checks a thing.', fix: 'Fix it.', check: () => undefined } as const;
  test.each<[string, Partial<RuleDefinition>, string]>([
    ['an id without namespace', { id: 'team-label' }, 'defineRule ("team-label"): id "team-label" must be "<plugin>/<rule>", each part lower-case letters, digits and dashes (e.g. "acme/team-label").'],
    ['an upper-case id', { id: 'Acme/x' }, 'must be "<plugin>/<rule>"'],
    ['an id too long for its annotation', { id: `acme/${'x'.repeat(60)}` }, 'too long for its exemption annotation'],
    ['a fix without period', { id: 'acme/x', fix: 'Fix it' }, 'defineRule ("acme/x"): fix must say how to fix a violation and end with a period.'],
    ['an unknown layer', { id: 'acme/x', layer: 'style' as never }, 'layer must be one of schema, api-server, pod-security, practice, not "style".'],
    ['an unknown severity', { id: 'acme/x', severity: 'fatal' as never }, 'severity must be one of error, warning, info, not "fatal".'],
    ['an empty description', { id: 'acme/x', description: ' ' }, 'description must say in one line what the rule checks.'],
    ['a bad version', { id: 'acme/x', minVersion: '28' }, 'minVersion must be a version such as "1.28".'],
  ])('refuses %s', (_name, change, message) => {
    expect(() => defineRule({ ...base, ...change } as RuleDefinition)).toThrow(message);
  });
});

describe('definePlugin', () => {
  test('refuses a rule outside its namespace, a duplicate id and a bad name', () => {
    expect(() => definePlugin({ name: 'other', rules: [replicas] })).toThrow('definePlugin: rules[0] has id "acme/min-replicas"; the rules of package "other" are named "other/<rule>".');
    expect(() => definePlugin({ name: 'acme', rules: [replicas, replicas] })).toThrow('definePlugin: two rules have the id "acme/min-replicas".');
    expect(() => definePlugin({ name: '@acme', rules: [] })).toThrow('the package name "@acme" must be lower-case letters, digits and dashes');
    expect(() => definePlugin({ name: 'acme', rules: [{ meta: replicas.meta } as unknown as Rule] })).toThrow('the rule needs a check(ctx) function.');
  });
});

describe('RULES', () => {
  test('is frozen: the list, each rule and its metadata', () => {
    expect(Object.isFrozen(RULES)).toBe(true);
    expect(() => (RULES as Rule[]).push(replicas)).toThrow(TypeError);
    expect(RULES.every((r) => Object.isFrozen(r) && Object.isFrozen(r.meta))).toBe(true);
    expect(() => { (RULES[0]!.meta as { severity: string }).severity = 'off'; }).toThrow(TypeError);
  });
});

describe('plugins in the configuration', () => {
  test('plugin rules run, and are re-graded, turned off and exempted like built-in ones', () => {
    expect(acmeFindings({ plugins: [acme] }, deployment())).toEqual([
      'acme/min-replicas warning spec.replicas',
      'acme/pinned-image error spec.template.spec.containers[0].image',
    ]);
    expect(acmeFindings({ plugins: [acme], rules: { 'acme/min-replicas': 'error', 'acme/pinned-image': 'off' } }, deployment()))
      .toEqual(['acme/min-replicas error spec.replicas']);
    expect(acmeFindings({ plugins: [acme], exemptions: [{ rule: 'acme/pinned-image', kind: 'Deployment', reason: 'pinned at deploy' }] }, deployment()))
      .toEqual(['acme/min-replicas warning spec.replicas']);
    expect(exemptionAnnotation('acme/min-replicas')).toBe('ignore-check.podwright.io/acme.min-replicas');
    expect(acmeFindings({ plugins: [acme] }, deployment({ [exemptionAnnotation('acme/min-replicas')]: 'a singleton on purpose' })))
      .toEqual(['acme/pinned-image error spec.template.spec.containers[0].image']);
    // Without the package, nothing runs under its ids.
    expect(acmeFindings({}, deployment())).toEqual([]);
  });

  test('the annotation is a name the API server accepts (the built-in metadata-annotations rule finds nothing)', () => {
    const findings = new Engine(resolveConfig({ plugins: [acme] }, ids)).inspect({ object: deployment({ [exemptionAnnotation('acme/min-replicas')]: 'why' }) });
    expect(findings.filter((f) => f.ruleId === 'metadata-annotations')).toEqual([]);
    // The id written as is would be refused: a qualified name holds at most one '/'.
    const slashed = new Engine(resolveConfig({ plugins: [acme] }, ids)).inspect({ object: deployment({ 'ignore-check.podwright.io/acme/min-replicas': 'why' }) });
    expect(slashed.filter((f) => f.ruleId === 'metadata-annotations').map((f) => f.path)).toEqual(['metadata.annotations']);
  });

  test('rulesOf lists built-in rules, then each package\'s', () => {
    const config = resolveConfig({ plugins: [acme] }, ids);
    expect(rulesOf(config).map((r) => r.meta.id)).toEqual([...ids, 'acme/min-replicas', 'acme/pinned-image']);
    expect(rulesOf(resolveConfig({}, ids))).toBe(RULES);
  });

  test.each<[string, object, string]>([
    ['an unknown plugin rule id', { plugins: [acme], rules: { 'acme/min-replica': 'off' } }, 'test.json: rules."acme/min-replica" is not a podwright rule or a rule of a loaded plugin; did you mean "acme/min-replicas"?'],
    ['a plugin rule id without its package', { rules: { 'acme/min-replicas': 'off' } }, 'test.json: rules."acme/min-replicas" is not a podwright rule or a rule of a loaded plugin'],
    ['a package loaded twice', { plugins: [acme, acme] }, 'test.json: plugins[1]: rule "acme/min-replicas" of package "acme" is already defined by package "acme"; load each package once.'],
    ['a package that is not one', { plugins: [{ rules: 'x' }] }, 'test.json: plugins[0] is not a rule package: expected { name, rules } as definePlugin returns.'],
    ['plugins that are not a list', { plugins: '@acme/k8s-rules' }, 'test.json: "plugins" must be an array of rule package names, such as ["@acme/k8s-rules"].'],
    ['a package that cannot be found', { plugins: ['@acme/nope'] }, 'test.json: plugins[0] "@acme/nope" cannot be found from /nowhere; install it there (npm install @acme/nope) or give a path such as "./rules/index.js".'],
  ])('refuses %s', (_name, raw, message) => {
    let error: unknown;
    try {
      resolveConfig(raw, ids, 'test.json', '/nowhere');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(message);
  });

  test('a package named in a file resolves from the file\'s folder; one that throws is named', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podwright-plugins-'));
    try {
      fs.mkdirSync(path.join(dir, 'team', 'rules'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'team', 'rules', 'index.js'), `exports.default = { name: 'team', rules: [{ meta: ${JSON.stringify({ ...replicas.meta, id: 'team/min-replicas' })}, check() {} }] };`);
      fs.writeFileSync(path.join(dir, 'team', 'broken.js'), 'throw new Error("boom");');
      fs.writeFileSync(path.join(dir, 'team', 'podwright.config.json'), JSON.stringify({ plugins: ['./rules'] }));
      fs.writeFileSync(path.join(dir, 'team', 'broken.json'), JSON.stringify({ plugins: ['./broken.js'] }));
      // Run from another folder: the path is the config file's, not the working folder's.
      const loaded = loadConfig('team/podwright.config.json', 'x', dir);
      expect(loaded.config.plugins.map((p) => p.name)).toEqual(['team']);
      expect(rulesOf(loaded.config).at(-1)!.meta.id).toBe('team/min-replicas');
      expect(() => loadConfig('team/broken.json', 'x', dir)).toThrow('team/broken.json: plugins[0] "./broken.js" failed to load: boom');
      // PodwrightApp's `plugins` come after the file's.
      expect(loadConfig('team/podwright.config.json', 'x', dir, [acme]).config.plugins.map((p) => p.name)).toEqual(['team', 'acme']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

test('a plugin rule that throws is named in the error, with the object', () => {
  const broken = definePlugin({
    name: 'acme',
    rules: [defineRule({
      id: 'acme/broken', layer: 'practice', severity: 'error', scope: 'object', description: 'Always throws.', fix: 'Fix the rule.',
      check() {
        throw new TypeError("Cannot read properties of undefined (reading 'labels')");
      },
    })],
  });
  const engine = new Engine(resolveConfig({ plugins: [broken] }, ids));
  expect(() => engine.check({ object: deployment() })).toThrow(/^rule acme\/broken threw on Deployment web: Cannot read properties of undefined \(reading 'labels'\)$/);
});
