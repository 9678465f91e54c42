/**
 * lib/validation/schema/k8s-1.28.json is derived from npm dependencies, not
 * written by hand: regenerating it must give the committed file byte for byte.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CHECKED_KINDS } from '../../../lib/validation/kinds';
import { schemaFile } from '../../../lib/validation/schema/validator';

const { generate } = require('../../../scripts/gen-schema.js') as { generate(): string };
const FILE = path.resolve(__dirname, '../../../lib/validation/schema/k8s-1.28.json');

test('the committed schema equals a fresh generation from cdk8s-plus-28 and kubernetes-models', () => {
  expect(fs.readFileSync(FILE, 'utf8')).toBe(generate());
});

test('every checked kind of kinds.ts has a root definition', () => {
  const s = schemaFile();
  for (const [apiVersion, kinds] of Object.entries(CHECKED_KINDS)) {
    for (const kind of kinds) {
      const root = s.roots[apiVersion]?.[kind];
      expect({ apiVersion, kind, root: typeof root }).toEqual({ apiVersion, kind, root: 'string' });
      expect(s.definitions[root!]?.properties.kind).toEqual({ type: 'string' });
    }
  }
  expect(s.roots['autoscaling/v2']!.HorizontalPodAutoscaler).toBe('io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler');
});

test('JSON keys, types and required fields come through from the 1.28 OpenAPI', () => {
  const d = schemaFile().definitions;
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
});
