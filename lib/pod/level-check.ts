import { k8s } from 'cdk8s-plus-28';
import { resolveConfig } from '../validation/config';
import { Engine } from '../validation/engine';
import { RULES } from '../validation/rules';
import { Finding, KubeObject } from '../validation/types';
import { SecurityLevel } from './security';

/**
 * Constructs check what they build with podwright's own rules, the ones `podwright
 * validate` runs, so constructs and the validator never disagree: at once, each added
 * container against the Pod Security rules of the pod's level; at synth, the whole pod
 * against the schema and API-server rules too (what the server would refuse). Practice
 * rules (warnings) are left to the synth gate.
 */
/**
 * Which rules a check runs: everything but practices, the Pod Security controls alone,
 * or the API-server and schema rules alone (for a pod part checked on its own, beside a
 * stand-in container that Pod Security would fault).
 */
export type CheckScope = 'all' | 'pod-security' | 'api';

const engines = new Map<string, Engine>();

function engineFor(scope: CheckScope, level: SecurityLevel, k8sVersion: string): Engine {
  const key = `${scope}/${level}/${k8sVersion}`;
  let engine = engines.get(key);
  if (!engine) {
    const rules = RULES.filter((r) => (scope === 'all' ? r.meta.layer !== 'practice'
      : scope === 'api' ? r.meta.layer !== 'practice' && r.meta.layer !== 'pod-security'
        : r.meta.layer === 'pod-security'));
    engine = new Engine(resolveConfig({ podSecurity: level, k8sVersion }, rules.map((r) => r.meta.id)), rules);
    engines.set(key, engine);
  }
  return engine;
}

/** The errors the rules find in a pod spec (JSON shape), at the pod's level. */
export function podSpecErrors(spec: KubeObject, level: SecurityLevel, k8sVersion: string, scope: CheckScope = 'all'): Finding[] {
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'pod-check' }, spec };
  return engineFor(scope, level, k8sVersion).inspect({ object: pod }).filter((f) => f.severity === 'error');
}

const memo = new Map<string, Finding[]>();

/**
 * `podSpecErrors` for a pod spec in cdk8s-plus-28's L1 shape, remembered by content:
 * constructs check every container they add, and thousands of apps share a handful of
 * container shapes. The conversion to JSON is the costly part.
 */
export function cachedPodSpecErrors(spec: k8s.PodSpec, level: SecurityLevel, k8sVersion: string, scope: CheckScope = 'all'): Finding[] {
  const key = `${scope}/${level}/${k8sVersion}/${JSON.stringify(spec)}`;
  let findings = memo.get(key);
  if (!findings) {
    findings = podSpecErrors(k8s.toJson_PodSpec(spec) as KubeObject, level, k8sVersion, scope);
    if (memo.size >= 1024) memo.clear();
    memo.set(key, findings);
  }
  return findings;
}

/** The Pod Security findings alone (for debug profiles, whose ephemeral container the API rules would refuse at create). */
export function podSecurityFindings(spec: KubeObject, level: SecurityLevel, k8sVersion: string): Finding[] {
  return podSpecErrors(spec, level, k8sVersion, 'pod-security');
}
