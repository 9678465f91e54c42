/**
 * podwright's full engine (every rule, 1.28) on the server-labelled kind cases: errors at
 * exactly the fields where the server refused each object (test/fixtures/kind-cases).
 */
import { resolveConfig } from '../../lib/validation/config';
import { Engine } from '../../lib/validation/engine';
import { RULES } from '../../lib/validation/rules';
import { KIND_CASES } from '../fixtures/kind-cases/cases';

test.each(KIND_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
  const engine = new Engine(resolveConfig({}, RULES.map((r) => r.meta.id)), RULES);
  engine.check({ object: c.object });
  const report = engine.finish();
  expect(report.skipped).toEqual([]);
  const paths = [...new Set(report.findings.filter((f) => f.severity === 'error').map((f) => f.path))].sort();
  expect(paths).toEqual([...c.fields].sort());
});
