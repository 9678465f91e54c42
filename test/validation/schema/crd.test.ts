import { formatPath } from '../../../lib/validation/util/path';
import { registerCrdSchema } from '../../../lib/validation/schema/crd';
import { clearRootCheckers, hasSchema, schemaProblems } from '../../../lib/validation/schema/validator';

const widgetSchema = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      required: ['size'],
      properties: {
        size: { type: 'integer' },
        mode: { type: 'string', enum: ['fast', 'slow'] },
        port: { 'x-kubernetes-int-or-string': true },
        tags: { type: 'array', items: { type: 'string' } },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      },
    },
    status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
  },
};

const show = (o: object) => schemaProblems(o, 'example.com/v1', 'Widget').map((p) => `${p.type} ${formatPath(p.path)}: ${p.message}`);

afterEach(() => clearRootCheckers());

test('without a registered schema, custom resources are not walked', () => {
  expect(hasSchema('example.com/v1', 'Widget')).toBe(false);
  expect(show({ apiVersion: 'example.com/v1', kind: 'Widget', spec: { bogus: 1 } })).toEqual([]);
});

test('a registered CRD schema checks unknown fields, types, required and enums', () => {
  registerCrdSchema('example.com/v1', 'Widget', widgetSchema);
  expect(hasSchema('example.com/v1', 'Widget')).toBe(true);
  const ok = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', labels: { a: 'b' } }, spec: { size: 3, mode: 'fast', port: 'http', tags: ['x'], labels: { a: 'b' }, extra: { anything: [1] } } };
  expect(show(ok)).toEqual([]);
  const bad = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', labels: { a: 1 } }, spec: { sise: 3, mode: 'medium', port: 1.5, tags: [1], labels: { a: true } } };
  expect(show(bad)).toEqual([
    'type metadata.labels[a]: cannot unmarshal number 1 into Go struct field ObjectMeta.metadata.labels.a of type string',
    'unknown-field spec.sise: unknown field "spec.sise"',
    'enum spec.mode: Unsupported value: "medium": supported values: "fast", "slow"',
    'type spec.port: cannot unmarshal number 1.5 into Go struct field .spec.port of type int32',
    'type spec.tags[0]: cannot unmarshal number 1 into Go struct field .spec.tags of type string',
    'type spec.labels[a]: cannot unmarshal bool into Go struct field .spec.labels.a of type string',
    'required spec.size: Required value',
  ]);
});

test('a schema that is not an object is refused', () => {
  expect(() => registerCrdSchema('example.com/v1', 'Widget', 'nope')).toThrow('openAPIV3Schema must be an object');
});
