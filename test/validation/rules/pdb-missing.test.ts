import rule from '../../../lib/validation/rules/pdb-missing';
import { runRule } from '../rule-tester';

const dep = (replicas: number | undefined, extraSpec: Record<string, unknown> = {}, namespace?: string) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', ...(namespace ? { namespace } : {}) },
  spec: { ...(replicas === undefined ? {} : { replicas }), selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web', tier: 'fe' } }, spec: { containers: [{ name: 'a', image: 'x' }], ...extraSpec } } },
});
const pdb = (selector: unknown, namespace?: string) => ({
  apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web', ...(namespace ? { namespace } : {}) }, spec: { maxUnavailable: 1, selector },
});
const paths = (...objects: unknown[]) => runRule(rule, objects.map((object) => ({ object }))).map((f) => `${f.object.kind}/${f.path}: ${f.message}`);

describe('pdb-missing', () => {
  test('valid: a matching PDB (before or after the workload)', () => {
    expect(paths(dep(3), pdb({ matchLabels: { app: 'web' } }))).toEqual([]);
    expect(paths(pdb({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['fe'] }] }), dep(3))).toEqual([]);
  });
  test('valid: one replica, unset replicas, or spread replicas', () => {
    expect(paths(dep(1), dep(undefined))).toEqual([]);
    expect(paths(dep(3, { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', labelSelector: {} }] }))).toEqual([]);
    expect(paths(dep(3, { affinity: { podAntiAffinity: {} } }))).toEqual([]);
  });
  test('invalid: no PDB', () => {
    expect(paths(dep(2))).toEqual([
      'Deployment/spec.replicas: Deployment "web" runs 2 replicas but no PodDisruptionBudget in the output selects its pods, and it sets no topologySpreadConstraints or podAntiAffinity; a node drain may evict all replicas at once',
    ]);
  });
  test('invalid: the PDB selects other pods or sits in another namespace', () => {
    expect(paths(dep(3), pdb({ matchLabels: { app: 'api' } }))).toEqual([expect.stringMatching(/^Deployment\/spec.replicas: /)]);
    expect(paths(dep(3, {}, 'a'), pdb({ matchLabels: { app: 'web' } }, 'b'))).toHaveLength(1);
  });
});
