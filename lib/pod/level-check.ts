import { resolveConfig } from '../validation/config';
import { Engine } from '../validation/engine';
import { RULES } from '../validation/rules';
import { Finding, KubeObject, Rule } from '../validation/types';
import { SecurityLevel } from './security';

let pssRules: readonly Rule[] | undefined;
/** One engine per level and version: constructs check every container they add. */
const engines = new Map<string, Engine>();

/**
 * Checks a pod spec against a Pod Security level with podwright's own Pod Security
 * rules (lib/validation/rules/pss-*.ts), the same ones `podwright validate` runs,
 * so that constructs and the validator can never disagree about a level.
 */
export function podSecurityFindings(spec: KubeObject, level: SecurityLevel, k8sVersion: string): Finding[] {
  if (level === 'privileged') return [];
  const key = `${level}/${k8sVersion}`;
  let engine = engines.get(key);
  if (!engine) {
    const rules = (pssRules ??= RULES.filter((r) => r.meta.layer === 'pod-security'));
    engine = new Engine(resolveConfig({ podSecurity: level, k8sVersion }, rules.map((r) => r.meta.id)), rules);
    engines.set(key, engine);
  }
  // The engine keeps what it reports; here that is only pods that break their level, which throw.
  return engine.check({ object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'level-check' }, spec } });
}
