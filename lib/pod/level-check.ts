import { resolveConfig } from '../validation/config';
import { Engine } from '../validation/engine';
import { RULES } from '../validation/rules';
import { k8s } from 'cdk8s-plus-28';
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

const memo = new Map<string, Finding[]>();

/**
 * `podSecurityFindings` for a pod spec in cdk8s-plus-28's L1 shape, remembered by
 * content: constructs check every container they add, and thousands of apps share a
 * handful of security settings. The conversion to JSON is the costly part.
 */
export function cachedPodSecurityFindings(spec: k8s.PodSpec, level: SecurityLevel, k8sVersion: string): Finding[] {
  if (level === 'privileged') return [];
  const key = `${level}/${k8sVersion}/${JSON.stringify(spec)}`;
  let findings = memo.get(key);
  if (!findings) {
    findings = podSecurityFindings(k8s.toJson_PodSpec(spec) as KubeObject, level, k8sVersion);
    if (memo.size >= 1024) memo.clear();
    memo.set(key, findings);
  }
  return findings;
}
