import rule from '../../../lib/validation/rules/schema-api-version-kind';
import { ruleTester } from '../rule-tester';

ruleTester(rule, {
  valid: [
    { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' } },
    { name: 'custom resources are fine here', object: { apiVersion: 'example.com/v1', kind: 'Widget' } },
    { name: 'flowcontrol v1beta2 is served by 1.28 (removed in 1.29)', object: { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2', kind: 'FlowSchema' }, config: { k8sVersion: '1.28' } },
    { name: 'flowcontrol v1beta3 is served by 1.31 (removed in 1.32)', object: { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', kind: 'PriorityLevelConfiguration' }, config: { k8sVersion: '1.31' } },
    { name: 'flowcontrol v1 from 1.29', object: { apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind: 'FlowSchema' }, config: { k8sVersion: '1.29' } },
    { name: 'ValidatingAdmissionPolicy v1 from 1.30', object: { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy' }, config: { k8sVersion: '1.30' } },
  ],
  invalid: [
    { name: 'no apiVersion', object: { kind: 'Pod', metadata: { name: 'p' } }, errors: [{ path: 'apiVersion', message: 'apiVersion not set' }] },
    { name: 'neither', object: { metadata: { name: 'p' } }, errors: [{ path: 'apiVersion', message: 'apiVersion not set' }, { path: 'kind', message: 'kind not set' }] },
    { name: 'empty kind', object: { apiVersion: 'v1', kind: '' }, errors: [{ path: 'kind', message: 'kind not set' }] },
    { name: 'not a string', object: { apiVersion: 1, kind: 'Pod' }, errors: [{ path: 'apiVersion', message: 'cannot unmarshal number into Go struct field .apiVersion of type string' }] },
    { name: 'batch/v1beta1 CronJob', object: { apiVersion: 'batch/v1beta1', kind: 'CronJob' }, errors: [{ path: 'apiVersion', message: 'no matches for kind "CronJob" in version "batch/v1beta1"' }] },
    { name: 'networking.k8s.io/v1beta1 Ingress', object: { apiVersion: 'networking.k8s.io/v1beta1', kind: 'Ingress' }, errors: [{ path: 'apiVersion', message: 'no matches for kind "Ingress" in version "networking.k8s.io/v1beta1"' }] },
    { name: 'autoscaling/v2beta2 (removed in 1.26)', object: { apiVersion: 'autoscaling/v2beta2', kind: 'HorizontalPodAutoscaler' }, errors: [{ path: 'apiVersion', message: 'no matches for kind "HorizontalPodAutoscaler" in version "autoscaling/v2beta2"' }] },
    { name: 'rbac v1beta1 (removed in 1.22)', object: { apiVersion: 'rbac.authorization.k8s.io/v1beta1', kind: 'RoleBinding' }, errors: [{ path: 'apiVersion', message: 'no matches for kind "RoleBinding" in version "rbac.authorization.k8s.io/v1beta1"' }] },
    { name: 'flowcontrol v1beta2 at 1.29', object: { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2', kind: 'FlowSchema' }, config: { k8sVersion: '1.29' }, errors: [{ path: 'apiVersion', message: 'no matches for kind "FlowSchema" in version "flowcontrol.apiserver.k8s.io/v1beta2"' }] },
    { name: 'flowcontrol v1beta3 at 1.32', object: { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', kind: 'FlowSchema' }, config: { k8sVersion: '1.32' }, errors: [{ path: 'apiVersion', message: 'no matches for kind "FlowSchema" in version "flowcontrol.apiserver.k8s.io/v1beta3"' }] },
    { name: 'ValidatingAdmissionPolicy v1 before 1.30 (found from the schemas)', object: { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy' }, config: { k8sVersion: '1.29' }, errors: [{ path: 'apiVersion', message: 'no matches for kind "ValidatingAdmissionPolicy" in version "admissionregistration.k8s.io/v1"' }] },
    { name: 'policy/v1beta1 PodSecurityPolicy', object: { apiVersion: 'policy/v1beta1', kind: 'PodSecurityPolicy' }, errors: [{ path: 'apiVersion', message: 'no matches for kind "PodSecurityPolicy" in version "policy/v1beta1"' }] },
  ],
});

test('the fix names the replacement apiVersion', () => {
  const { runRule } = jest.requireActual('../rule-tester') as typeof import('../rule-tester');
  const [f] = runRule(rule, [{ object: { apiVersion: 'batch/v1beta1', kind: 'CronJob' } }]);
  expect(f?.fix).toBe('Use apiVersion "batch/v1": batch/v1beta1 CronJob was removed in Kubernetes 1.25; check the fields that changed between the versions.');
  const [psp] = runRule(rule, [{ object: { apiVersion: 'policy/v1beta1', kind: 'PodSecurityPolicy' } }]);
  expect(psp?.fix).toMatch(/Pod Security Admission/);
  const [fs] = runRule(rule, [{ object: { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2', kind: 'FlowSchema' } }], { k8sVersion: '1.29' });
  expect(fs?.fix).toBe('Use apiVersion "flowcontrol.apiserver.k8s.io/v1": flowcontrol.apiserver.k8s.io/v1beta2 FlowSchema was removed in Kubernetes 1.29; check the fields that changed between the versions.');
  const [vap] = runRule(rule, [{ object: { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy' } }], { k8sVersion: '1.29' });
  expect(vap?.fix).toMatch(/^Use apiVersion "admissionregistration.k8s.io\/v1beta1": Kubernetes 1.29 serves ValidatingAdmissionPolicy as /);
});
