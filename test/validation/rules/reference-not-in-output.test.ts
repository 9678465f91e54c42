import rule from '../../../lib/validation/rules/reference-not-in-output';
import { deployment, pod } from '../fixtures/pss-pods';
import { runRule } from '../rule-tester';

const findings = (...objects: unknown[]) => runRule(rule, objects.map((object) => ({ object }))).map((f) => `${f.path}: ${f.message}`);
const cm = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: {} });
const spec = {
  serviceAccountName: 'builder',
  volumes: [{ name: 'c', configMap: { name: 'app-config' } }, { name: 'o', secret: { secretName: 'opt', optional: true } }, { name: 'd', persistentVolumeClaim: { claimName: 'data' } }],
  containers: [{ name: 'a', image: 'x', env: [{ name: 'PW', valueFrom: { secretKeyRef: { name: 'db', key: 'pw' } } }], envFrom: [{ configMapRef: { name: 'app-config' } }] }],
};

describe('reference-not-in-output', () => {
  test('valid: everything referenced is in the output; default SA and optional refs are skipped', () => {
    expect(findings(
      pod({ serviceAccountName: 'default', volumes: [{ name: 'o', secret: { secretName: 'x', optional: true } }, { name: 'c', configMap: { name: 'cfg' } }], containers: [] }),
      cm('cfg'),
    )).toEqual([]);
  });
  test('invalid: each missing object once per workload, at its first reference', () => {
    expect(findings(deployment(spec))).toEqual([
      'spec.template.spec.serviceAccountName: ServiceAccount "builder" is referenced but not in the output; it must already exist in the namespace, or the pod will not start',
      'spec.template.spec.volumes[0].configMap.name: ConfigMap "app-config" is referenced but not in the output; it must already exist in the namespace, or the pod will not start',
      'spec.template.spec.volumes[2].persistentVolumeClaim.claimName: PersistentVolumeClaim "data" is referenced but not in the output; it must already exist in the namespace, or the pod will not start',
      'spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef.name: Secret "db" is referenced but not in the output; it must already exist in the namespace, or the pod will not start',
    ]);
  });
  test('an object later in the output satisfies the reference', () => {
    expect(findings(deployment(spec), cm('app-config')).some((f) => f.includes('app-config'))).toBe(false);
  });
});
