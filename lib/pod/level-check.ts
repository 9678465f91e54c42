import { resolveConfig } from '../validation/config';
import { Engine } from '../validation/engine';
import { RULES } from '../validation/rules';
import { Finding, KubeObject, Rule } from '../validation/types';
import { SecurityLevel } from './security';

let pssRules: readonly Rule[] | undefined;

/**
 * Checks a pod spec against a Pod Security level with podwright's own Pod Security
 * rules (lib/validation/rules/pss-*.ts), the same ones `podwright validate` runs,
 * so that constructs and the validator can never disagree about a level.
 */
export function podSecurityFindings(spec: KubeObject, level: SecurityLevel, k8sVersion: string): Finding[] {
  if (level === 'privileged') return [];
  pssRules ??= RULES.filter((r) => r.meta.layer === 'pod-security');
  const config = resolveConfig({ podSecurity: level, k8sVersion }, pssRules.map((r) => r.meta.id));
  const engine = new Engine(config, pssRules);
  return engine.check({ object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'level-check' }, spec } });
}
