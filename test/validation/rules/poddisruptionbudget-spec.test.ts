import rule from '../../../lib/validation/rules/poddisruptionbudget-spec';
import { ruleTester } from '../rule-tester';
import { pdb } from '../fixtures/objects-2b';

ruleTester(rule, {
  valid: [pdb({ minAvailable: 2 }), pdb({ maxUnavailable: '50%', unhealthyPodEvictionPolicy: 'AlwaysAllow' })],
  invalid: [
    { object: pdb({ minAvailable: 1, maxUnavailable: 1 }), errors: [{ path: 'spec', message: /: minAvailable and maxUnavailable cannot be both set$/ }] },
    { object: pdb({ minAvailable: '120%' }), errors: [{ path: 'spec.minAvailable', message: 'Invalid value: "120%": must not be greater than 100%' }] },
    { object: pdb({ maxUnavailable: '1/2' }), errors: [{ path: 'spec.maxUnavailable', message: /^Invalid value: "1\/2": a valid percent string must be a numeric string followed by an ending '%'/ }] },
    { object: pdb({ minAvailable: 1, unhealthyPodEvictionPolicy: 'Never' }), errors: [{ path: 'spec.unhealthyPodEvictionPolicy', message: 'Unsupported value: "Never": supported values: "AlwaysAllow", "IfHealthyBudget"' }] },
  ],
});
