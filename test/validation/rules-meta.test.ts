import * as fs from 'fs';
import * as path from 'path';
import { RULES } from '../../lib/validation/rules';

/**
 * Keeps the rule list honest (model: kube-linter's built_in_checks_test.go): every rule
 * has a unique id equal to its file name, a description, a fix that ends with a period,
 * a test file at the mirrored path, is registered once in sorted order, and every rule
 * file in the folder is registered.
 */
const rulesDir = path.resolve(__dirname, '../../lib/validation/rules');
const testsDir = path.resolve(__dirname, 'rules');
const files = fs.readdirSync(rulesDir).filter((f) => f.endsWith('.ts') && f !== 'index.ts').map((f) => f.replace(/\.ts$/, ''));

test('every rule file is registered, and nothing else is', () => {
  expect(RULES.map((r) => r.meta.id).sort()).toEqual([...files].sort());
});

test('the list is sorted by id and ids are unique', () => {
  const ids = RULES.map((r) => r.meta.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids).toEqual([...ids].sort());
});

describe.each(RULES.map((r) => [r.meta.id, r] as const))('%s', (id, rule) => {
  test('its id equals its file name and its module exports it', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(path.join(rulesDir, `${id}.ts`)) as { default: unknown };
    expect(mod.default).toBe(rule);
  });

  test('it describes itself', () => {
    const m = rule.meta;
    expect(m.description.length).toBeGreaterThan(10);
    expect(m.fix).toMatch(/\.$/);
    expect(['schema', 'api-server', 'pod-security', 'practice']).toContain(m.layer);
    expect(['error', 'warning', 'info']).toContain(m.severity);
    if (m.layer === 'pod-security') expect(['baseline', 'restricted']).toContain(m.podSecurityLevel);
    if (m.layer !== 'practice') expect(m.source ?? '').not.toBe('');
  });

  test('it has a test file with valid and invalid cases', () => {
    const file = path.join(testsDir, `${id}.test.ts`);
    expect(fs.existsSync(file)).toBe(true);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toMatch(/valid/);
    expect(text).toMatch(/invalid|toHaveLength\([1-9]|errors:/);
  });
});
