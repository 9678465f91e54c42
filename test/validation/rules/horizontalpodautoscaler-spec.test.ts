import rule from '../../../lib/validation/rules/horizontalpodautoscaler-spec';
import { ruleTester } from '../rule-tester';
import { hpa } from '../fixtures/objects-2b';

ruleTester(rule, {
  valid: [hpa({}), hpa({ minReplicas: 1, maxReplicas: 1 })],
  invalid: [
    { object: hpa({ minReplicas: 0 }), errors: [{ path: 'spec.minReplicas', message: 'Invalid value: 0: must be greater than or equal to 1' }] },
    { object: hpa({ minReplicas: 3, maxReplicas: 2 }), errors: [{ path: 'spec.maxReplicas', message: 'Invalid value: 2: must be greater than or equal to `minReplicas`' }] },
    { object: hpa({ maxReplicas: undefined }), errors: [{ path: 'spec.maxReplicas', message: 'Invalid value: 0: must be greater than 0' }] },
    { object: hpa({ scaleTargetRef: { kind: 'Deployment' } }), errors: [{ path: 'spec.scaleTargetRef.name', message: 'Required value' }] },
  ],
});
