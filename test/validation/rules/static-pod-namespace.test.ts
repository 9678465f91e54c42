import rule from '../../../lib/validation/rules/static-pod-namespace';
import { ruleTester } from '../rule-tester';

const pod = (metadata: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Pod', metadata, spec: { containers: [{ name: 'a', image: 'a:1' }] } });
const message = 'static Pod sets no metadata.namespace; the kubelet would put it and its mirror Pod in "default", where control-plane Pods do not belong and kube-system\'s policies do not apply';

ruleTester(rule, {
  valid: [
    { name: 'kube-system', input: { staticPod: true, object: pod({ name: 'etcd', namespace: 'kube-system' }) } },
    { name: 'any named namespace', input: { staticPod: true, object: pod({ name: 'agent', namespace: 'monitoring' }) } },
    { name: 'not a static Pod: the API server fills in the namespace', object: pod({ name: 'web' }) },
  ],
  invalid: [
    { name: 'no namespace', input: { staticPod: true, object: pod({ name: 'etcd' }) }, errors: [{ path: 'metadata.namespace', message }] },
    { name: 'empty namespace', input: { staticPod: true, object: pod({ name: 'etcd', namespace: '' }) }, errors: [{ path: 'metadata.namespace', message }] },
    { name: 'no metadata at all', input: { staticPod: true, object: { apiVersion: 'v1', kind: 'Pod', spec: { containers: [] } } }, errors: [{ path: 'metadata.namespace', message }] },
  ],
});
