import rule from '../../../lib/validation/rules/volume-mounts';
import { ruleTester } from '../rule-tester';
import { ctr, oneContainer, pod } from '../fixtures/pod-spec';

const vols = { volumes: [{ name: 'data', emptyDir: {} }] };
ruleTester(rule, {
  valid: [pod(oneContainer({ volumeMounts: [{ name: 'data', mountPath: '/a', subPath: 'x/y' }, { name: 'data', mountPath: '/b', subPathExpr: '$(POD)' }] }, vols))],
  invalid: [
    { object: pod(oneContainer({ volumeMounts: [{ name: 'x', mountPath: '/a' }] }, vols)), errors: [{ path: 'spec.containers[0].volumeMounts[0].name', message: 'Not found: "x"' }] },
    { object: pod(oneContainer({ volumeMounts: [{ name: 'data', mountPath: '/a' }, { name: 'data', mountPath: '/a' }] }, vols)), errors: [{ path: 'spec.containers[0].volumeMounts[1].mountPath', message: 'Invalid value: "/a": must be unique' }] },
    { object: pod(oneContainer({ volumeMounts: [{ name: 'data', mountPath: '/a', subPath: '../etc' }] }, vols)), errors: [{ path: 'spec.containers[0].volumeMounts.subPath', message: "Invalid value: \"../etc\": must not contain '..'" }] },
    { object: pod(oneContainer({ volumeMounts: [{ name: 'data', mountPath: '/a', subPath: 'a', subPathExpr: 'b' }] }, vols)), errors: [{ path: 'spec.containers[0].volumeMounts[0].subPathExpr', message: 'Invalid value: "b": subPathExpr and subPath are mutually exclusive' }] },
    { object: pod(oneContainer({ volumeMounts: [{ name: 'data', mountPath: '' }] }, vols)), errors: [{ path: 'spec.containers[0].volumeMounts[0].mountPath', message: 'Required value' }] },
  ],
});

ruleTester(rule, {
  valid: [{
    name: 'StatefulSet volumeClaimTemplates are volumes of the pod',
    object: {
      apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 's' },
      spec: {
        selector: { matchLabels: { app: 'a' } }, serviceName: 's', volumeClaimTemplates: [{ metadata: { name: 'www' } }],
        template: { metadata: { labels: { app: 'a' } }, spec: { containers: [ctr('app', { volumeMounts: [{ name: 'www', mountPath: '/w' }] })] } },
      },
    },
  }],
  invalid: [],
});
