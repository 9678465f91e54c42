import rule from '../../../lib/validation/rules/custom-resource-schema';
import { GADGET_CRD, gadget } from '../fixtures/gadget-crd';
import { runRule } from '../rule-tester';

const check = (spec: unknown) => runRule(rule, [{ object: GADGET_CRD }, { object: gadget(spec) }]).map((f) => `${f.path}: ${f.message}`);

describe('custom-resource-schema', () => {
  test('valid: a custom resource its CRD accepts', () => {
    expect(check({ size: 3 })).toEqual([]);
  });

  test('invalid: the server\'s words for a type, a bound and a missing field', () => {
    expect(check({ size: '3' })).toEqual(['spec.size: Invalid value: "string": spec.size in body must be of type integer: "string"']);
    expect(check({ size: 11 })).toEqual(['spec.size: Invalid value: 11: spec.size in body should be less than or equal to 10']);
    expect(check({})).toEqual(['spec.size: Required value']);
  });

  test('a CR of a kind without a CRD is not this rule\'s business', () => {
    expect(runRule(rule, [{ object: gadget({ size: 'x' }) }])).toEqual([]);
  });
});
