import { validate } from '../../../lib/validation/engine';
import rule from '../../../lib/validation/rules/exemption-annotation';
import { ruleTester } from '../rule-tester';
import { oneContainer, pod } from '../fixtures/pod-spec';

const annotated = (annotations: Record<string, unknown>) => {
  const p = pod(oneContainer({})) as { metadata: Record<string, unknown> };
  return { ...p, metadata: { ...p.metadata, annotations } };
};

ruleTester(rule, {
  valid: [
    annotated({ 'ignore-check.podwright.io/pss-privileged': 'the node agent needs it' }),
    annotated({ 'example.com/other': '' }),
    annotated({ 'ignore-check.podwright.io/acme.min-replicas': 'a plugin rule, loaded by the configuration' }),
    // The server layer's ids (`podwright validate --server`) exempt from what the API server says.
    annotated({ 'ignore-check.podwright.io/server-warning': 'the deprecated field is read by our 1.27 clusters' }),
    annotated({ 'ignore-check.podwright.io/server-created-refused': 'the PriorityClass exists in the real cluster' }),
  ],
  invalid: [
    {
      name: 'a server rule misspelt, with a did-you-mean',
      object: annotated({ 'ignore-check.podwright.io/server-warnings': 'why' }),
      errors: [{ path: 'metadata.annotations[ignore-check.podwright.io/server-warnings]', message: 'annotation ignore-check.podwright.io/server-warnings exempts from "server-warnings", which is not a podwright rule, so it exempts nothing' }],
    },
    {
      name: 'a server rule without a reason',
      object: annotated({ 'ignore-check.podwright.io/server-warning': '' }),
      errors: [{ path: 'metadata.annotations[ignore-check.podwright.io/server-warning]', message: 'annotation ignore-check.podwright.io/server-warning gives no reason, so it exempts nothing' }],
    },
    {
      name: 'an unknown rule, with a did-you-mean',
      object: annotated({ 'ignore-check.podwright.io/pss-privilegd': 'why' }),
      errors: [{ path: 'metadata.annotations[ignore-check.podwright.io/pss-privilegd]', message: 'annotation ignore-check.podwright.io/pss-privilegd exempts from "pss-privilegd", which is not a podwright rule, so it exempts nothing' }],
    },
    {
      name: 'no reason',
      object: annotated({ 'ignore-check.podwright.io/pss-privileged': '' }),
      errors: [{ path: 'metadata.annotations[ignore-check.podwright.io/pss-privileged]', message: 'annotation ignore-check.podwright.io/pss-privileged gives no reason, so it exempts nothing' }],
    },
    {
      name: 'a blank reason',
      object: annotated({ 'ignore-check.podwright.io/pss-privileged': '  ' }),
      errors: [{ path: 'metadata.annotations[ignore-check.podwright.io/pss-privileged]', message: /gives no reason/ }],
    },
  ],
});

test('the did-you-mean names the rule; an annotation without a reason exempts nothing', () => {
  const findings = validate([{ object: annotated({ 'ignore-check.podwright.io/no-such-rule': 'x', 'ignore-check.podwright.io/pss-privilegd': 'x' }) }]).findings
    .filter((f) => f.ruleId === 'exemption-annotation');
  expect(findings.map((f) => [f.severity, f.fix])).toEqual([
    ['error', 'Run `podwright rules` for the list of rule ids.'],
    ['error', 'Did you mean ignore-check.podwright.io/pss-privileged?'],
  ]);
  const privileged = (annotations: Record<string, unknown>) => {
    const o = annotated(annotations) as unknown as { spec: { containers: { securityContext?: unknown }[] } };
    o.spec.containers[0]!.securityContext = { privileged: true };
    return validate([{ object: o }]).findings.map((f) => f.ruleId);
  };
  expect(privileged({ 'ignore-check.podwright.io/pss-privileged': '' })).toContain('pss-privileged');
  expect(privileged({ 'ignore-check.podwright.io/pss-privileged': 'a test rig' })).not.toContain('pss-privileged');
});

test('a misspelt server rule gets the did-you-mean of the server rule', () => {
  const findings = validate([{ object: annotated({ 'ignore-check.podwright.io/server-warnings': 'x' }) }]).findings.filter((f) => f.ruleId === 'exemption-annotation');
  expect(findings.map((f) => f.fix)).toEqual(['Did you mean ignore-check.podwright.io/server-warning?']);
});
