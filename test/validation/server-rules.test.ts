/**
 * The server layer's ids (lib/validation/server-rules.ts) in the configuration, in
 * `podwright rules`, docs/rules.md and SARIF's rule list. Plain data: no server.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ConfigError, exemptionsOf, resolveConfig } from '../../lib/validation/config';
import { loadConfigFile } from '../../lib/validation/config-file';
import { formatRulesMarkdown, formatRulesText } from '../../lib/validation/format/rules';
import { toSarif } from '../../lib/validation/format/sarif';
import { ruleMetasOf } from '../../lib/validation/rule-set';
import { RULES } from '../../lib/validation/rules';
import { SERVER_RULE_IDS, SERVER_RULE_METAS } from '../../lib/validation/server-rules';
import { RunResult } from '../../lib/validation/yaml/validate-files';

const ids = RULES.map((r) => r.meta.id);
const REFUSALS = ['server-created-refused', 'server-pod-security', 'server-refused'];

function configError(raw: unknown): string {
  try {
    resolveConfig(raw, ids, 'podwright.config.json');
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('no ConfigError');
}

describe('the four ids describe themselves', () => {
  test('sorted, unique, none of them an offline rule, each with a description, a fix and a source', () => {
    expect(SERVER_RULE_IDS).toEqual(['server-created-refused', 'server-pod-security', 'server-refused', 'server-warning']);
    for (const m of SERVER_RULE_METAS) {
      expect(ids).not.toContain(m.id);
      expect(m.layer).toBe('server');
      expect(m.description.length).toBeGreaterThan(10);
      expect(m.fix).toMatch(/\.$/);
      expect(m.source ?? '').not.toBe('');
    }
    expect(SERVER_RULE_METAS.filter((m) => m.refusal).map((m) => m.id)).toEqual(REFUSALS);
    expect(SERVER_RULE_METAS.filter((m) => !m.refusal).map((m) => [m.id, m.severity])).toEqual([['server-warning', 'warning']]);
  });
});

describe('configuration', () => {
  test.each(['off', 'info', 'warning', 'error'] as const)('server-warning takes "%s"', (setting) => {
    expect(resolveConfig({ rules: { 'server-warning': setting } }, ids).rules).toEqual({ 'server-warning': setting });
  });

  test.each(REFUSALS)('%s takes "error" (its default, so a configuration may say it)', (id) => {
    expect(resolveConfig({ rules: { [id]: 'error' } }, ids).rules).toEqual({ [id]: 'error' });
  });

  test.each(REFUSALS.flatMap((id) => (['off', 'warning', 'info'] as const).map((s) => [id, s] as const)))('%s cannot be set to "%s": the object would not apply', (id, setting) => {
    expect(configError({ rules: { [id]: setting } })).toBe(
      `podwright.config.json: rules."${id}" is "${setting}"; a refusal by the API server stays an error (the object would not apply), so only "error" is allowed. `
      + 'To accept one object the server refuses for a reason of its own (a PriorityClass or admission webhook your cluster has), exempt it with the reason: '
      + `"exemptions": [{ "rule": "${id}", "kind": "...", "name": "...", "reason": "..." }], or the annotation ignore-check.podwright.io/${id}: "<reason>".`,
    );
  });

  test('a bad value or a misspelt id gets the error every rule gets', () => {
    expect(configError({ rules: { 'server-warning': 'loud' } })).toBe('podwright.config.json: rules."server-warning" is "loud"; use one of "off", "error", "warning", "info".');
    expect(configError({ rules: { 'server-warnings': 'off' } })).toBe('podwright.config.json: rules."server-warnings" is not a podwright rule; did you mean "server-warning"?');
    expect(configError({ exemptions: [{ rule: 'server-refuse', name: 'web', reason: 'x' }] })).toBe('podwright.config.json: exemptions[0].rule "server-refuse" is not a podwright rule; did you mean "server-refused"?');
  });

  test('every server id can be exempted, by kind, namespace and name, and the reason is required', () => {
    const exemptions = SERVER_RULE_IDS.map((rule) => ({ rule, kind: 'Deployment', namespace: 'apps', name: 'web', reason: `${rule}: known` }));
    expect(resolveConfig({ exemptions }, ids).exemptions).toEqual(exemptions);
    expect(configError({ exemptions: [{ rule: 'server-refused', name: 'web' }] })).toBe('podwright.config.json: exemptions[0].reason is required: say why the exemption is safe.');
    expect(configError({ exemptions: [{ rule: 'server-warning', name: 'web', reason: ' ' }] })).toBe('podwright.config.json: exemptions[0].reason is required: say why the exemption is safe.');
  });

  test('the configuration file is read the same way (file name in the message)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podwright-server-rules-'));
    try {
      fs.writeFileSync(path.join(dir, 'podwright.config.json'), JSON.stringify({ rules: { 'server-warning': 'error' } }));
      expect(loadConfigFile({ cwd: dir }).config.rules).toEqual({ 'server-warning': 'error' });
      fs.writeFileSync(path.join(dir, 'strict.json'), JSON.stringify({ rules: { 'server-pod-security': 'warning' } }));
      expect(() => loadConfigFile({ cwd: dir, file: 'strict.json' })).toThrow('strict.json: rules."server-pod-security" is "warning"; a refusal by the API server stays an error');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('exemptionsOf: one object\'s exemptions, as the engine and the server layer read them', () => {
  const exemptions = [
    { rule: 'server-warning', kind: 'Deployment', name: 'web', reason: 'config: deprecated field accepted' },
    { rule: 'server-refused', namespace: 'legacy', reason: 'config: a webhook of the test cluster' },
  ];
  test('annotations with a reason, then matching configuration entries', () => {
    const map = exemptionsOf({ 'ignore-check.podwright.io/server-created-refused': 'the PriorityClass exists in production', 'ignore-check.podwright.io/server-pod-security': '' },
      { kind: 'Deployment', name: 'web', namespace: 'legacy' }, exemptions);
    expect(map && [...map]).toEqual([
      ['server-created-refused', 'the PriorityClass exists in production'],
      ['server-warning', 'config: deprecated field accepted'],
      ['server-refused', 'config: a webhook of the test cluster'],
    ]);
  });
  test('no match, no map', () => {
    expect(exemptionsOf(undefined, { kind: 'StatefulSet', name: 'web', namespace: 'default' }, exemptions)).toBeUndefined();
    expect(exemptionsOf({ 'example.com/x': 'y' }, { kind: 'Deployment', name: 'api' }, exemptions)).toBeUndefined();
  });
});

describe('listed with the rules', () => {
  test('ruleMetasOf: the registry, then the server layer\'s', () => {
    expect(ruleMetasOf({ plugins: [] }).map((m) => m.id)).toEqual([...ids, ...SERVER_RULE_IDS]);
  });

  test('podwright rules (text): layer, default severity, description and fix; refusals say they stay errors', () => {
    const text = formatRulesText();
    for (const m of SERVER_RULE_METAS) expect(text).toContain(`${m.id}  [server, ${m.severity}]\n  ${m.description}\n  fix: ${m.fix}\n  reported by: --server, --kubeconfig, PodwrightApp({ server })`);
    expect(text).toContain('server-refused  [server, error]');
    expect(text).toMatch(/server-refused {2}\[server, error\][^]*?; always an error \(the API server refuses the object, so it would not apply\)/);
    expect(text).not.toMatch(/server-warning {2}\[server, warning\]\n[^\n]*\n[^\n]*\n[^\n]*always an error/);
    expect(text).toContain(`\n${ids.length + 4} rules.\n`);
  });

  test('docs/rules.md has a server section with each rule', () => {
    const md = formatRulesMarkdown();
    expect(md).toContain('## server\n');
    for (const id of SERVER_RULE_IDS) expect(md).toContain(`### ${id}\n`);
  });

  test('SARIF: the four rules in tool.driver.rules, with layer, default level and fix; a configured server-warning sets its level', () => {
    const run: RunResult = {
      report: { findings: [], skipped: [], objectCount: 0, settings: { k8sVersion: '1.28', podSecurity: 'restricted' } },
      documents: [], documentCount: 0, files: [], failOn: 'error',
    };
    const rulesOf = (settings = {}) => (toSarif(run, { rules: ruleMetasOf({ plugins: [] }), ruleSettings: settings }) as {
      runs: { tool: { driver: { rules: { id: string; defaultConfiguration: { level: string; enabled: boolean }; help: { text: string }; properties: { layer: string } }[] } } }[];
    }).runs[0]!.tool.driver.rules.filter((r) => r.id.startsWith('server-'));
    expect(rulesOf().map((r) => [r.id, r.properties.layer, r.defaultConfiguration.level])).toEqual([
      ['server-created-refused', 'server', 'error'], ['server-pod-security', 'server', 'error'], ['server-refused', 'server', 'error'], ['server-warning', 'server', 'warning'],
    ]);
    for (const r of rulesOf()) expect(r.help.text).toContain(`Fix: ${SERVER_RULE_METAS.find((m) => m.id === r.id)!.fix}`);
    expect(rulesOf({ 'server-warning': 'off' }).find((r) => r.id === 'server-warning')!.defaultConfiguration).toEqual({ level: 'warning', enabled: false });
    expect(rulesOf({ 'server-warning': 'error' }).find((r) => r.id === 'server-warning')!.defaultConfiguration).toEqual({ level: 'error', enabled: true });
  });
});
