import rule from '../../../lib/validation/rules/node-selector';
import { ruleTester } from '../rule-tester';
import { oneContainer, pod } from '../fixtures/pod-spec';

ruleTester(rule, {
  valid: [pod(oneContainer({}, { nodeSelector: { 'kubernetes.io/os': 'linux', disktype: '' } }))],
  invalid: [
    { object: pod(oneContainer({}, { nodeSelector: { 'a/b/c': 'x', ok: '-bad' } })), errors: [{ path: 'spec.nodeSelector', message: /^Invalid value: "a\/b\/c": a qualified name must consist/ }, { path: 'spec.nodeSelector', message: /^Invalid value: "-bad": a valid label must be an empty string/ }] },
  ],
});
