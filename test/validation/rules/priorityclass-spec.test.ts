import rule from '../../../lib/validation/rules/priorityclass-spec';
import { ruleTester } from '../rule-tester';

// Every case labelled by kube-apiserver v1.28.15 (dry-run create, strict field validation).
const pc = (name: string, body: Record<string, unknown>) => ({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, ...body });

ruleTester(rule, {
  valid: [
    pc('pc', { value: 1000 }),
    pc('pc', { value: 1_000_000_000, preemptionPolicy: 'Never' }),
  ],
  invalid: [
    { name: 'system- prefix', object: pc('system-mine', { value: 1000 }), errors: [{ path: 'metadata.name', message: "Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-mine is not a known system priority class" }] },
    { name: 'above 1000000000', object: pc('pc', { value: 1_000_000_001 }), errors: [{ path: 'value', message: 'Forbidden: maximum allowed value of a user defined priority is 1000000000' }] },
  ],
});
