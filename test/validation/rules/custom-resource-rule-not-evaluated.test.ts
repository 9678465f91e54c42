import rule from '../../../lib/validation/rules/custom-resource-rule-not-evaluated';
import { GADGET_CRD, gadget } from '../fixtures/gadget-crd';
import { runRule } from '../rule-tester';

const check = (spec: unknown) => runRule(rule, [{ object: GADGET_CRD }, { object: gadget(spec) }]).map((f) => `${f.severity} ${f.path}: ${f.message}`);

describe('custom-resource-rule-not-evaluated', () => {
  test('valid: nothing to say about a CRD without such rules', () => {
    const crd = JSON.parse(JSON.stringify(GADGET_CRD));
    delete crd.spec.versions[0].schema.openAPIV3Schema.properties.spec['x-kubernetes-validations'];
    delete crd.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.name['x-kubernetes-validations'];
    expect(runRule(rule, [{ object: crd }, { object: gadget({ size: 3, name: 'x' }) }])).toEqual([]);
  });

  test('invalid: a transition rule is said to be skipped', () => {
    expect(check({ size: 3 })).toEqual(['info spec: transition rule not evaluated (it compares with the stored object, oldSelf; the server skips it on create): self.size == oldSelf.size']);
  });

  test('invalid: a rule with a function podwright lacks is said to be not evaluated, never passed', () => {
    const out = check({ size: 3, name: 'x' });
    expect(out).toHaveLength(2);
    expect(out.find((m) => m.startsWith('info spec.name'))).toMatch(/^info spec\.name: validation rule not evaluated: podwright's CEL library cannot compile it \(found no matching overload for '.*isIPv4\(\)'\): self\.isIPv4\(\)$/);
  });

  test('invalid: blocking schema errors: the server\'s own note', () => {
    expect(check({ size: 'x' })).toEqual(['info : some validation rules were not checked because the object was invalid; correct the existing errors to complete validation']);
  });
});
