import * as fs from 'fs';
import { formatText } from '../../../lib/validation/format/text';
import { manifestDir, runOn } from '../fixtures/cli-run';

/** Two Deployments whose containers set no securityContext: four restricted checks fail on each. */
const deployment = (name: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: 1
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
      - name: app
        image: nginx:1.25.3
`;

let dir: string;
beforeAll(() => { dir = manifestDir({ 'app.yaml': `${deployment('web')}---\n${deployment('api')}` }); });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const restricted = { podSecurity: 'restricted' };

test('one heading per file and object; the Pod Security checks failed at one place share a line, as PSA words its denial', async () => {
  const out = formatText(await runOn(dir, ['.'], restricted));
  expect(out).toContain('app.yaml  Deployment/web\n');
  expect(out).toContain('app.yaml  Deployment/api\n');
  const pss = out.split('\n').filter((l) => l.startsWith('app.yaml:') && l.includes('pss-run-as-non-root'));
  expect(pss).toHaveLength(2); // one line per Deployment
  expect(pss[0]).toMatch(/^app\.yaml:14:9  error    allowPrivilegeEscalation != false \(container "app" must set securityContext\.allowPrivilegeEscalation=false\), unrestricted capabilities .*  pss-allow-privilege-escalation,pss-capabilities-restricted,pss-run-as-non-root,pss-seccomp-restricted$/);
  // no line repeats a field path before the message
  expect(out).not.toMatch(/ spec\.template\.spec[.\w[\]]*: /);
});

test('each rule fix once, in a footer; info findings counted, not listed', async () => {
  const out = formatText(await runOn(dir, ['.'], restricted));
  const fixLines = out.split('\n').filter((l) => l.includes('Set securityContext.allowPrivilegeEscalation: false'));
  expect(fixLines).toHaveLength(1);
  expect(out).toMatch(/^How to fix \(once per rule; --verbose shows each finding's fix\):$/m);
  expect(out).not.toContain('service-account-token-automount');
  expect(out).toMatch(/^\d+ infos not shown \(--verbose lists them\)$/m);
});

test('--verbose: every finding on its own line with its fix, infos included', async () => {
  const out = formatText(await runOn(dir, ['.'], restricted), { verbose: true });
  expect(out.split('\n').filter((l) => l.includes('  pss-run-as-non-root'))).toHaveLength(2);
  expect(out.split('\n').filter((l) => l.includes('fix: Set securityContext.allowPrivilegeEscalation: false'))).toHaveLength(2);
  expect(out).toContain('service-account-token-automount');
  expect(out).not.toContain('How to fix');
});

test('wrapped to the given width; continuation lines indented; nothing lost', async () => {
  const run = await runOn(dir, ['.'], restricted);
  const wide = formatText(run);
  const narrow = formatText(run, { width: 60 });
  for (const line of narrow.split('\n')) {
    if (line.length > 60) expect(line.trim()).not.toContain(' '); // only a single word longer than the width may overflow
  }
  expect(narrow.split('\n').length).toBeGreaterThan(wide.split('\n').length);
  expect(narrow.replace(/\n {4}/g, ' ').replace(/\s+/g, ' ')).toBe(wide.replace(/\s+/g, ' '));
});

test('colour only when asked', async () => {
  const run = await runOn(dir, ['.'], restricted);
  expect(formatText(run)).not.toContain('\u001b[');
  expect(formatText(run, { color: true })).toContain('\u001b[31merror');
});
