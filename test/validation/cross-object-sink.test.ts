import { Engine } from '../../lib/validation/engine';
import { Finding } from '../../lib/validation/types';

const objects = [
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'lonely' }, spec: { selector: { app: 'nobody' }, ports: [{ port: 80 }] } },
  {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
    spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'a', image: 'nginx:1.25' }] } } },
  },
];

describe('Engine.sendCrossObjectFindingsTo', () => {
  const run = (sink?: (f: Finding) => void) => {
    const engine = new Engine();
    if (sink) engine.sendCrossObjectFindingsTo(sink);
    for (const object of objects) engine.check({ object });
    engine.releaseFindings();
    return engine.finish().findings;
  };

  test('the sink gets the cross-object findings, in order, instead of the report', () => {
    const inReport = run();
    expect(inReport.map((f) => f.ruleId)).toEqual(['pdb-missing', 'service-selector-no-match']);
    const sent: Finding[] = [];
    expect(run((f) => sent.push(f))).toEqual([]);
    expect(sent).toEqual(inReport);
  });
});
