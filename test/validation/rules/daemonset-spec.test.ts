import rule from '../../../lib/validation/rules/daemonset-spec';
import { ruleTester } from '../rule-tester';
import { daemonSet } from '../fixtures/objects-2b';

ruleTester(rule, {
  valid: [
    daemonSet(),
    daemonSet({ updateStrategy: { type: 'OnDelete' } }),
    daemonSet({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '10%' } } }),
  ],
  invalid: [
    {
      name: 'both non-zero',
      object: daemonSet({ updateStrategy: { rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } } }),
      errors: [{ path: 'spec.updateStrategy.rollingUpdate.maxSurge', message: 'Invalid value: 1: may not be set when maxUnavailable is non-zero' }],
    },
    {
      name: 'both zero',
      object: daemonSet({ updateStrategy: { rollingUpdate: { maxUnavailable: 0 } } }),
      errors: [{ path: 'spec.updateStrategy.rollingUpdate.maxUnavailable', message: 'Required value: cannot be 0 when maxSurge is 0' }],
    },
    {
      name: 'unknown type',
      object: daemonSet({ updateStrategy: { type: 'Rolling' } }),
      errors: [{ path: 'spec.updateStrategy', message: /^Unsupported value: .*supported values: "RollingUpdate", "OnDelete"$/ }],
    },
    { object: daemonSet({ selector: {} }), errors: [{ path: 'spec.selector', message: 'Invalid value: {}: empty selector is invalid for daemonset' }] },
  ],
});
