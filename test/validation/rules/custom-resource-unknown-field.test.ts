import rule from '../../../lib/validation/rules/custom-resource-unknown-field';
import { GADGET_CRD, gadget } from '../fixtures/gadget-crd';
import { runRule } from '../rule-tester';

describe('custom-resource-unknown-field', () => {
  test('valid: only declared fields', () => {
    expect(runRule(rule, [{ object: GADGET_CRD }, { object: gadget({ size: 3, minReplicas: 1 }) }])).toEqual([]);
  });

  test('invalid: strict field validation names each unknown field, in metadata too', () => {
    const cr = { ...gadget({ size: 3, sise: 4 }), extra: 1, metadata: { name: 'g', nme: 'x' } };
    const findings = runRule(rule, [{ object: GADGET_CRD }, { object: cr }]).map((f) => `${f.path}: ${f.message}`);
    expect(findings.sort()).toEqual(['extra: unknown field "extra"', 'metadata.nme: unknown field "metadata.nme"', 'spec.sise: unknown field "spec.sise"']);
  });

  test('invalid: found when the CRD comes after its custom resource in the input', () => {
    const findings = runRule(rule, [{ object: gadget({ size: 3, sise: 4 }) }, { object: GADGET_CRD }]);
    expect(findings.map((f) => f.path)).toEqual(['spec.sise']);
  });
});
