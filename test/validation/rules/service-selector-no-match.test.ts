import rule from '../../../lib/validation/rules/service-selector-no-match';
import { deployment, pod } from '../fixtures/pss-pods';
import { runRule } from '../rule-tester';

const svc = (selector?: Record<string, string>, type?: string) => ({
  apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' },
  spec: { ...(selector ? { selector } : {}), ...(type ? { type, externalName: 'example.com' } : {}), ports: [{ port: 80 }] },
});
const findings = (...objects: unknown[]) => runRule(rule, objects.map((object) => ({ object }))).map((f) => `${f.path}: ${f.message}`);

describe('service-selector-no-match', () => {
  test('valid: selector matches a template or a Pod (subset of labels)', () => {
    expect(findings(svc({ app: 'd' }), deployment({ containers: [{ name: 'a', image: 'x' }] }))).toEqual([]);
    expect(findings(pod({ containers: [] }, { labels: { app: 'p', tier: 'x' } }), svc({ app: 'p' }))).toEqual([]);
  });
  test('valid: no selector, ExternalName, or no pods in the output at all', () => {
    expect(findings(svc(), svc({ app: 'x' }, 'ExternalName'), pod({ containers: [] }))).toEqual([]);
    expect(findings(svc({ app: 'elsewhere' }))).toEqual([]);
  });
  test('invalid: selector matches nothing', () => {
    expect(findings(svc({ app: 'd', tier: 'web' }), deployment({ containers: [{ name: 'a', image: 'x' }] }))).toEqual([
      'spec.selector: Service "web" selects app=d,tier=web, which matches no Pod or pod template in the output; it will have no endpoints',
    ]);
  });
});
