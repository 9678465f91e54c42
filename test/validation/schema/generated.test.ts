/**
 * lib/validation/schema/k8s-1.NN.json are derived from npm dependencies (cdk8s-plus-NN),
 * not written by hand: regenerating each must give the committed file byte for byte.
 */
import * as fs from 'fs';
import * as path from 'path';
import { checkedKinds } from '../../../lib/validation/kinds';
import { SCHEMA_VERSIONS, schemaFile } from '../../../lib/validation/schema/validator';
import { MAX_K8S_VERSION, MIN_K8S_VERSION } from '../../../lib/validation/util/version';

const { generate, MINORS } = require('../../../scripts/gen-schema.js') as { generate(minor: number): string; MINORS: number[] };
const fileOf = (minor: number) => path.resolve(__dirname, `../../../lib/validation/schema/k8s-1.${minor}.json`);

test('one generated schema per supported minor, and the validator loads each', () => {
  expect(MINORS.map((m) => `1.${m}`)).toEqual(SCHEMA_VERSIONS);
  expect(SCHEMA_VERSIONS[0]).toBe(MIN_K8S_VERSION);
  expect(SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]).toBe(MAX_K8S_VERSION);
  for (const v of SCHEMA_VERSIONS) expect(schemaFile(v).kubernetesVersion).toBe(v);
});

test.each([28, 29, 30, 31, 32, 33])('the committed 1.%i schema equals a fresh generation from its cdk8s-plus package', (minor) => {
  expect(fs.readFileSync(fileOf(minor), 'utf8')).toBe(generate(minor));
});

test('every kind a 1.28 API server serves has a root definition', () => {
  const kinds = checkedKinds('1.28');
  // The kinds issue 13 names, and the ones podwright checked before it.
  const expected: Record<string, string[]> = {
    'v1': ['ConfigMap', 'Endpoints', 'LimitRange', 'Namespace', 'PersistentVolume', 'PersistentVolumeClaim', 'Pod', 'PodTemplate', 'ReplicationController', 'ResourceQuota', 'Secret', 'Service', 'ServiceAccount'],
    'rbac.authorization.k8s.io/v1': ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
    'storage.k8s.io/v1': ['CSIDriver', 'StorageClass'],
    'scheduling.k8s.io/v1': ['PriorityClass'],
    'networking.k8s.io/v1': ['Ingress', 'IngressClass', 'NetworkPolicy'],
    'discovery.k8s.io/v1': ['EndpointSlice'],
    'coordination.k8s.io/v1': ['Lease'],
    'admissionregistration.k8s.io/v1': ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'],
    'admissionregistration.k8s.io/v1beta1': ['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding'],
    'apps/v1': ['DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet'],
    'batch/v1': ['CronJob', 'Job'],
    'policy/v1': ['PodDisruptionBudget'],
    'autoscaling/v2': ['HorizontalPodAutoscaler'],
    'flowcontrol.apiserver.k8s.io/v1beta3': ['FlowSchema', 'PriorityLevelConfiguration'],
    'apiextensions.k8s.io/v1': ['CustomResourceDefinition'],
    'apiregistration.k8s.io/v1': ['APIService'],
  };
  for (const [apiVersion, names] of Object.entries(expected)) {
    for (const kind of names) expect({ apiVersion, kind, checked: kinds[apiVersion]?.includes(kind) }).toEqual({ apiVersion, kind, checked: true });
  }
  const s = schemaFile('1.28');
  expect(s.definitions[s.roots['rbac.authorization.k8s.io/v1']!.RoleBinding!]!.properties.kind).toEqual({ type: 'string' });
  // Kinds without a status field do not accept one; kinds with one do.
  expect(s.definitions['io.k8s.api.rbac.v1.RoleBinding']!.properties.status).toBeUndefined();
  expect(s.definitions['io.k8s.api.core.v1.PersistentVolume']!.properties.status).toEqual({ type: 'any' });
  // Lists and API responses are not kinds one writes.
  expect(kinds.v1).not.toContain('Status');
  expect(kinds.v1).not.toContain('PodList');
  // flowcontrol v1 arrives in 1.29; v1beta2 leaves in 1.29 (deprecation guide).
  expect(checkedKinds('1.29')['flowcontrol.apiserver.k8s.io/v1']).toContain('FlowSchema');
  expect(checkedKinds('1.29')['flowcontrol.apiserver.k8s.io/v1beta2']).toBeUndefined();
});

test('JSON keys, types and required fields come through from the 1.28 OpenAPI', () => {
  const d = schemaFile('1.28').definitions;
  const podSpec = d['io.k8s.api.core.v1.PodSpec']!;
  expect(podSpec.properties.hostIPC).toEqual({ type: 'boolean' });
  expect(podSpec.properties.containers).toEqual({ type: 'array', items: { type: 'ref', ref: 'io.k8s.api.core.v1.Container' } });
  expect(podSpec.required).toEqual(['containers']);
  expect(d['io.k8s.api.core.v1.ResourceRequirements']!.properties.limits).toEqual({ type: 'map', values: { type: 'Quantity' } });
  expect(d['io.k8s.api.core.v1.HTTPGetAction']!.properties.port).toEqual({ type: 'IntOrString' });
  expect(d['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta']!.properties.creationTimestamp).toEqual({ type: 'Time' });
  expect(d['io.k8s.api.core.v1.ContainerPort']!.properties.containerPort).toEqual({ type: 'integer' });
  // A 1.28 field (native sidecars) is present; a 1.30 field is not.
  expect(d['io.k8s.api.core.v1.Container']!.properties.restartPolicy).toEqual({ type: 'string' });
  expect(d['io.k8s.api.core.v1.PodSecurityContext']!.properties.appArmorProfile).toBeUndefined();
  expect(schemaFile('1.30').definitions['io.k8s.api.core.v1.PodSecurityContext']!.properties.appArmorProfile).toEqual({ type: 'ref', ref: 'io.k8s.api.core.v1.AppArmorProfile' });
});
