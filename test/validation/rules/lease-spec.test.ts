import rule from '../../../lib/validation/rules/lease-spec';
import { ruleTester } from '../rule-tester';

// Every case labelled by kube-apiserver v1.28.15 (dry-run create, strict field validation).
const lease = (spec: Record<string, unknown>) => ({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'l' }, spec });

ruleTester(rule, {
  valid: [
    lease({ holderIdentity: 'x', leaseDurationSeconds: 15, leaseTransitions: 1 }),
    { name: 'no spec', object: { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'l' } } },
  ],
  invalid: [
    { name: 'zero duration', object: lease({ leaseDurationSeconds: 0 }), errors: [{ path: 'spec.leaseDurationSeconds', message: 'Invalid value: 0: must be greater than 0' }] },
    {
      name: 'negative duration and transitions',
      object: lease({ leaseDurationSeconds: -1, leaseTransitions: -1 }),
      errors: [{ path: 'spec.leaseDurationSeconds', message: 'Invalid value: -1: must be greater than 0' }, { path: 'spec.leaseTransitions', message: 'Invalid value: -1: must be greater than or equal to 0' }],
    },
  ],
});
