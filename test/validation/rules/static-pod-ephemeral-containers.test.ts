import rule from '../../../lib/validation/rules/static-pod-ephemeral-containers';
import { ruleTester } from '../rule-tester';

const pod = (spec: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'etcd', namespace: 'kube-system' }, spec });
const debug = { name: 'debugger', image: 'busybox:1.36' };

ruleTester(rule, {
  valid: [
    { name: 'no ephemeral containers', input: { staticPod: true, object: pod({ containers: [{ name: 'a', image: 'a:1' }] }) } },
    { name: 'an empty list', input: { staticPod: true, object: pod({ containers: [{ name: 'a', image: 'a:1' }], ephemeralContainers: [] }) } },
    { name: 'not a static Pod: another rule handles ephemeral containers at create', object: pod({ containers: [{ name: 'a', image: 'a:1' }], ephemeralContainers: [debug] }) },
  ],
  invalid: [
    { name: 'one', input: { staticPod: true, object: pod({ containers: [{ name: 'a', image: 'a:1' }], ephemeralContainers: [debug] }) },
      errors: [{ path: 'spec.ephemeralContainers', message: 'static Pod declares 1 ephemeral container(s); ephemeral containers are not supported by static pods' }] },
    { name: 'two', input: { staticPod: true, object: pod({ containers: [{ name: 'a', image: 'a:1' }], ephemeralContainers: [debug, { ...debug, name: 'd2' }] }) },
      errors: [{ path: 'spec.ephemeralContainers', message: 'static Pod declares 2 ephemeral container(s); ephemeral containers are not supported by static pods' }] },
  ],
});
