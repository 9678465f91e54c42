import rule from '../../../lib/validation/rules/custom-resource-validation-rule';
import { GADGET_CRD, gadget } from '../fixtures/gadget-crd';
import { runRule } from '../rule-tester';

const check = (spec: unknown) => runRule(rule, [{ object: GADGET_CRD }, { object: gadget(spec) }]).map((f) => `${f.path}: ${f.message}`);

describe('custom-resource-validation-rule', () => {
  test('valid: the rule holds (with the defaults applied first, as the server does)', () => {
    expect(check({ size: 3 })).toEqual([]);
    expect(check({ size: 3, minReplicas: 5 })).toEqual([]);
  });

  test('invalid: a failed rule, against a defaulted field, in the server\'s words', () => {
    expect(check({ size: 3, minReplicas: 6 })).toEqual(['spec: Invalid value: "object": minReplicas must not exceed maxReplicas']);
  });

  test('not evaluated when the object has blocking schema errors (the server skips them too)', () => {
    expect(check({ size: 'x', minReplicas: 6 })).toEqual([]);
  });
});
