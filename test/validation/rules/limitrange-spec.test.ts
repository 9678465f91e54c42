import rule from '../../../lib/validation/rules/limitrange-spec';
import { ruleTester } from '../rule-tester';

// Every case labelled by kube-apiserver v1.28.15 (dry-run create, strict field validation);
// the server prints quantities as Go structs in "Invalid value", podwright as written.
const lr = (limits: unknown[]) => ({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'lr' }, spec: { limits } });

ruleTester(rule, {
  valid: [
    lr([{ type: 'Container', max: { cpu: '2' }, min: { cpu: '100m' }, default: { cpu: '1' }, defaultRequest: { cpu: '500m' } }]),
    lr([{ type: 'PersistentVolumeClaim', min: { storage: '1Gi' } }]),
  ],
  invalid: [
    {
      name: 'min above max (and the defaults made from max)',
      object: lr([{ type: 'Container', max: { cpu: '1' }, min: { cpu: '2' } }]),
      errors: [
        { path: 'spec.limits[0].min[cpu]', message: /: min value 2 is greater than max value 1$/ },
        { path: 'spec.limits[0].defaultRequest[cpu]', message: /: min value 2 is greater than default request value 1$/ },
        { path: 'spec.limits[0].default[cpu]', message: /: min value 2 is greater than default value 1$/ },
      ],
    },
    {
      name: 'default above max',
      object: lr([{ type: 'Container', default: { cpu: '3' }, max: { cpu: '2' } }]),
      errors: [
        { path: 'spec.limits[0].defaultRequest[cpu]', message: /: default request value 3 is greater than max value 2$/ },
        { path: 'spec.limits[0].default[cpu]', message: /: default value 3 is greater than max value 2$/ },
      ],
    },
    { name: 'default on a Pod item', object: lr([{ type: 'Pod', default: { cpu: '1' } }]), errors: [{ path: 'spec.limits[0].default', message: "Forbidden: may not be specified when `type` is 'Pod'" }] },
    { name: 'PVC item without storage', object: lr([{ type: 'PersistentVolumeClaim', max: { cpu: '1' } }]), errors: [{ path: 'spec.limits[0].limits', message: 'Required value: either minimum or maximum storage value is required, but neither was provided' }] },
    { name: 'ratio below 1', object: lr([{ type: 'Container', maxLimitRequestRatio: { cpu: '500m' } }]), errors: [{ path: 'spec.limits[0].maxLimitRequestRatio[cpu]', message: 'Invalid value: "500m": ratio 500m is less than 1' }] },
    { name: 'unknown type', object: lr([{ type: 'Foo' }]), errors: [{ path: 'spec.limits[0].type', message: 'Invalid value: "Foo": must be a standard limit type or fully qualified' }] },
    { name: 'defaultRequest above default', object: lr([{ type: 'Container', defaultRequest: { cpu: '2' }, default: { cpu: '1' } }]), errors: [{ path: 'spec.limits[0].defaultRequest[cpu]', message: 'Invalid value: "2": default request value 2 is greater than default limit value 1' }] },
  ],
});
