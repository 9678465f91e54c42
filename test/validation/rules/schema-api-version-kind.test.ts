import rule from '../../../lib/validation/rules/schema-api-version-kind';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' } },
    { name: 'custom resources are fine here', object: { apiVersion: 'example.com/v1', kind: 'Widget' } },
    { name: 'a removed version is fine for a target older than the removal', object: { apiVersion: 'batch/v1beta1', kind: 'CronJob' }, config: { k8sVersion: '1.24' } },
  ],
  invalid: [
    { name: 'no apiVersion', object: { kind: 'Pod', metadata: { name: 'p' } }, errors: [{ path: 'apiVersion', message: 'apiVersion not set' }] },
    { name: 'neither', object: { metadata: { name: 'p' } }, errors: [{ path: 'apiVersion', message: 'apiVersion not set' }, { path: 'kind', message: 'kind not set' }] },
    { name: 'empty kind', object: { apiVersion: 'v1', kind: '' }, errors: [{ path: 'kind', message: 'kind not set' }] },
    { name: 'not a string', object: { apiVersion: 1, kind: 'Pod' }, errors: [{ path: 'apiVersion', message: 'cannot unmarshal number into Go struct field .apiVersion of type string' }] },
    { name: 'batch/v1beta1 CronJob', object: { apiVersion: 'batch/v1beta1', kind: 'CronJob' }, errors: [{ path: 'apiVersion', message: 'no matches for kind "CronJob" in version "batch/v1beta1"' }] },
    { name: 'networking.k8s.io/v1beta1 Ingress', object: { apiVersion: 'networking.k8s.io/v1beta1', kind: 'Ingress' }, errors: [{ path: 'apiVersion', message: 'no matches for kind "Ingress" in version "networking.k8s.io/v1beta1"' }] },
    { name: 'policy/v1beta1 PodSecurityPolicy', object: { apiVersion: 'policy/v1beta1', kind: 'PodSecurityPolicy' }, errors: [{ path: 'apiVersion', message: 'no matches for kind "PodSecurityPolicy" in version "policy/v1beta1"' }] },
  ],
});

test('the fix names the replacement apiVersion', () => {
  const { runRule } = jest.requireActual('../rule-tester') as typeof import('../rule-tester');
  const [f] = runRule(rule, [{ object: { apiVersion: 'batch/v1beta1', kind: 'CronJob' } }]);
  expect(f?.fix).toBe('Use apiVersion "batch/v1": batch/v1beta1 CronJob was removed in Kubernetes 1.25; check the fields that changed between the versions.');
  const [psp] = runRule(rule, [{ object: { apiVersion: 'policy/v1beta1', kind: 'PodSecurityPolicy' } }]);
  expect(psp?.fix).toMatch(/Pod Security Admission/);
});
