import { registerCrdSchema } from '../../../lib/validation/schema/crd';
import { clearRootCheckers } from '../../../lib/validation/schema/validator';
import { validate } from '../../../lib/validation/engine';

afterEach(() => clearRootCheckers());

test('a custom resource is "not checked" until its CRD schema is registered', () => {
  const obj = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { size: 'big', colour: 'red' } };
  const before = validate([{ object: obj }]);
  expect(before.skipped.map((s) => s.object.kind)).toEqual(['Widget']);
  expect(before.findings).toEqual([]);

  registerCrdSchema('example.com/v1', 'Widget', {
    type: 'object',
    properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } },
  });
  const after = validate([{ object: obj }]);
  expect(after.skipped).toEqual([]);
  expect(after.findings.map((f) => `${f.ruleId} ${f.path}`).sort()).toEqual([
    'schema-type spec.size',
    'schema-unknown-field spec.colour',
  ]);
});
