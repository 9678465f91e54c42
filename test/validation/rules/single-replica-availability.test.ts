import rule from '../../../lib/validation/rules/single-replica-availability';
import { runRule } from '../rule-tester';

const workload = (kind: string, replicas: number | undefined, namespace?: string) => ({
  apiVersion: 'apps/v1', kind, metadata: { name: 'web', ...(namespace ? { namespace } : {}) },
  spec: { ...(replicas === undefined ? {} : { replicas }), selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web', tier: 'fe' } }, spec: { containers: [{ name: 'a', image: 'x' }] } } },
});
const pdb = (selector: unknown, namespace?: string) => ({
  apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web-pdb', ...(namespace ? { namespace } : {}) }, spec: { maxUnavailable: 1, selector },
});
const svc = (selector: Record<string, string> | undefined, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1', kind: 'Service', metadata: { name: 'web-svc' }, spec: { ...(selector ? { selector } : {}), ports: [{ port: 80 }], ...extra },
});
const lines = (...objects: unknown[]) => runRule(rule, objects.map((object) => ({ object }))).map((f) => `${f.object.kind}/${f.path}: ${f.message}`);

describe('single-replica-availability', () => {
  test('valid: two or more replicas behind a budget and a Service', () => {
    expect(lines(workload('Deployment', 2), pdb({ matchLabels: { app: 'web' } }), svc({ app: 'web' }))).toEqual([]);
    expect(lines(workload('StatefulSet', 3), pdb({ matchLabels: { app: 'web' } }))).toEqual([]);
  });
  test('valid: one replica on its own, behind a headless Service, a selector-less Service, or a budget for other pods', () => {
    expect(lines(workload('Deployment', 1))).toEqual([]);
    expect(lines(workload('StatefulSet', 1), svc({ app: 'web' }, { clusterIP: 'None' }))).toEqual([]);
    expect(lines(workload('Deployment', 1), svc(undefined))).toEqual([]);
    expect(lines(workload('Deployment', 1), pdb({ matchLabels: { app: 'api' } }))).toEqual([]);
    expect(lines(workload('Deployment', 1, 'a'), pdb({ matchLabels: { app: 'web' } }, 'b'))).toEqual([]);
  });
  test('invalid: one replica behind a budget (object order does not matter)', () => {
    expect(lines(pdb({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['fe'] }] }), workload('Deployment', 1))).toEqual([
      'Deployment/spec.replicas: Deployment "web" runs 1 replica, but PodDisruptionBudget "web-pdb" selects its pod; a budget over one pod either blocks every node drain or lets the drain take the app down',
    ]);
  });
  test('invalid: one replica (unset counts as 1) behind a Service', () => {
    expect(lines(workload('Deployment', undefined), svc({ app: 'web' }))).toEqual([
      'Deployment/spec: Deployment "web" runs 1 replica behind Service "web-svc"; the Service has no endpoint whenever that pod restarts, is evicted or is rescheduled',
    ]);
  });
});
