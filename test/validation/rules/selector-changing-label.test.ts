import rule from '../../../lib/validation/rules/selector-changing-label';
import { ruleTester } from '../rule-tester';

const dep = (selector: unknown) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' },
  spec: { selector, template: { metadata: { labels: { app: 'd', version: '1.2.3' } }, spec: { containers: [{ name: 'a', image: 'x' }] } } },
});

ruleTester(rule, {
  valid: [dep({ matchLabels: { app: 'd' } })],
  invalid: [
    { object: dep({ matchLabels: { app: 'd', 'app.kubernetes.io/version': '1.2.3' } }),
      errors: [{ path: 'spec.selector.matchLabels[app.kubernetes.io/version]', message: 'spec.selector uses label "app.kubernetes.io/version", which changes between releases; the selector is immutable, so a release that changes it cannot be applied' }] },
    { object: dep({ matchExpressions: [{ key: 'version', operator: 'In', values: ['1'] }] }), errors: [{ path: 'spec.selector.matchExpressions[0].key' }] },
  ],
});
