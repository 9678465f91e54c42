import { resolveConfig } from '../../lib/validation/config';
import { validate } from '../../lib/validation/engine';
import { RULES } from '../../lib/validation/rules';
import { RuleSetting } from '../../lib/validation/types';

/** The engine's precedence between rules (lib/validation/engine.ts, oneFindingPerMistake). */
const ids = RULES.map((r) => r.meta.id);
const pod = (container: Record<string, unknown>, spec: Record<string, unknown> = {}) => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' },
  spec: { containers: [{ name: 'web', image: 'nginx:1.25.3', ...container }], ...spec },
});
const found = (obj: unknown, rules: Record<string, RuleSetting> = {}) =>
  validate([{ object: obj }], resolveConfig({ podSecurity: 'privileged', rules }, ids)).findings
    .filter((f) => f.severity !== 'info').map((f) => `${f.severity} ${f.ruleId} ${f.path}`);

test('a protocol outside the enum is reported once, by the rule that knows the field', () => {
  const obj = pod({ ports: [{ containerPort: 80, protocol: 'tcp' }] });
  expect(found(obj).filter((f) => f.startsWith('error'))).toEqual(['error container-ports spec.containers[0].ports[0].protocol']);
});

test('with that rule off, the generic schema rule still reports it', () => {
  const obj = pod({ ports: [{ containerPort: 80, protocol: 'tcp' }] });
  expect(found(obj, { 'container-ports': 'off' }).filter((f) => f.startsWith('error'))).toEqual(['error schema-enum spec.containers[0].ports[0].protocol']);
});

test('an error never gives way to a rule re-graded to a warning', () => {
  const obj = pod({ ports: [{ containerPort: 80, protocol: 'tcp' }] });
  expect(found(obj, { 'container-ports': 'warning' })).toEqual(expect.arrayContaining([
    'error schema-enum spec.containers[0].ports[0].protocol',
    'warning container-ports spec.containers[0].ports[0].protocol',
  ]));
});

test('a field the server refuses hides the Pod Security findings inside it', () => {
  const obj = pod({ securityContext: { privileged: true, allowPrivilegeEscalation: false } });
  const all = validate([{ object: obj }], resolveConfig({ podSecurity: 'baseline' }, ids)).findings.map((f) => f.ruleId);
  expect(all).toContain('security-context');
  expect(all).not.toContain('pss-privileged');
});

test('findings about the whole pod do not hide findings inside it', () => {
  // runAsNonRoot is missing (pod level) and a port is wrong: both stay.
  const obj = pod({ ports: [{ containerPort: 0 }], securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } },
    { securityContext: { seccompProfile: { type: 'RuntimeDefault' } } });
  const all = validate([{ object: obj }]).findings.filter((f) => f.severity === 'error').map((f) => f.ruleId).sort();
  expect(all).toEqual(['container-ports', 'pss-run-as-non-root']);
});
