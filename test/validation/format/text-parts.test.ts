import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { resolveConfig } from '../../../lib/validation/config';
import { joinChunks } from '../../../lib/validation/format/json-chunks';
import { groupPartsInOrder, textChunks } from '../../../lib/validation/format/text';
import { RULES } from '../../../lib/validation/rules';
import { Finding } from '../../../lib/validation/types';
import { FindingLines, lineKey, RunResult, validateFiles } from '../../../lib/validation/yaml/validate-files';

const pod = (name: string, extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
    - name: app
      image: nginx:latest
      securityContext:
        privileged: true
${extra}`;

describe('text report: an object of many documents, written a document at a time', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'podwright-parts-'));
    // "web" repeated (one group, many documents) between other objects, with Pod Security
    // findings that share a place (merged on one line), and a Service that selects nothing
    // (a cross-object finding of its own group).
    const docs: string[] = [];
    const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 3
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
        - name: app
          image: nginx:latest
`;
    for (let i = 0; i < 40; i++) {
      docs.push(pod('web', '      ports:\n        - containerPort: 80\n'));
      docs.push(pod(`other-${i}`));
      // Repeated too, each with a cross-object finding (pdb-missing) that joins its group.
      if (i % 4 === 0) docs.push(deployment);
    }
    docs.push('apiVersion: v1\nkind: Service\nmetadata:\n  name: lonely\nspec:\n  selector:\n    app: nobody\n  ports:\n    - port: 80\n');
    fs.writeFileSync(path.join(dir, 'pods.yaml'), docs.join('---\n'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const config = resolveConfig({ podSecurity: 'restricted' }, RULES.map((r) => r.meta.id));

  test.each([[undefined], [0]])('the parts, read in order, give the report of the group held whole (results in memory up to %s bytes)', async (memoryBytes) => {
    const run = await validateFiles(['.'], { config, cwd: dir, resultMemoryBytes: memoryBytes });
    try {
      // Each group's parts read before the next group (as the report does).
      const groups: { label: string; parts: unknown[][] }[] = [];
      for (const g of groupPartsInOrder(run)) groups.push({ label: g.label, parts: [...g.parts] });
      const web = groups.filter((g) => g.label === 'Pod/web');
      expect(web).toHaveLength(1);
      expect(web[0]!.parts).toHaveLength(40); // one part per document
      // The same run with its documents as a list made anew: the group is held whole.
      const whole: RunResult = { ...run, documents: [...run.documents] };
      const wholeParts: number[] = [];
      for (const g of groupPartsInOrder(whole)) if (g.label === 'Pod/web') wholeParts.push([...g.parts].length);
      expect(wholeParts).toEqual([1]);
      for (const verbose of [false, true]) {
        const text = joinChunks(textChunks(run, { verbose }));
        expect(text).toBe(joinChunks(textChunks(whole, { verbose })));
        expect(text.split('pods.yaml  Pod/web').length).toBe(2);
      }
      expect(joinChunks(textChunks(run))).toContain('Service/lonely');
      const api = groups.filter((g) => g.label === 'Deployment/api');
      expect(api).toHaveLength(1);
      expect(api[0]!.parts).toHaveLength(10);
      expect(api[0]!.parts.flat().filter((f) => (f as { ruleId: string }).ruleId === 'pdb-missing')).toHaveLength(10);
    } finally {
      run.close?.();
    }
  });
});

describe('FindingLines', () => {
  const f = (line?: number, column = 1) => ({ location: line === undefined ? undefined : { file: 'a.yaml', line, column } }) as unknown as Finding;
  test('least and greatest place of each document; NaN when not known or a finding has no location', () => {
    const lines = new FindingLines([]);
    lines.push([f(5, 3), f(2, 7), f(9, 1)], true);
    lines.push([f(1)], false);
    lines.push([f(3), f()], true);
    lines.push([], true);
    expect([lines.least(0), lines.greatest(0)]).toEqual([lineKey(f(2, 7)), lineKey(f(9, 1))]);
    expect(lines.least(1)).toBeNaN();
    expect(lines.greatest(2)).toBeNaN();
    expect(lines.least(3)).toBeGreaterThan(lines.greatest(3)); // no findings
    expect(lines.least(9)).toBeNaN();
    for (let i = 0; i < 3000; i++) lines.push([f(i)], true); // grows
    expect(lines.greatest(3003)).toBe(lineKey(f(2999)));
  });
});
