import { RuleMeta } from './types';

/**
 * The rule ids of the server layer (lib/server, `podwright validate --server` or
 * `--kubeconfig`, `PodwrightApp({ server })`), described as offline rules describe
 * themselves so that the configuration, `podwright rules` and SARIF's rule list know them.
 * Nothing here checks anything: each id names what a real API server said. This file is
 * plain data below both the configuration and the server layer (the engine never runs it).
 */
export interface ServerRuleMeta extends RuleMeta {
  readonly layer: 'server';
  /**
   * The server refuses the object (or what its controller creates): it will not apply.
   * Such a rule stays an error (the configuration cannot turn it off or grade it down);
   * one object can still be exempted from it, with the reason.
   */
  readonly refusal: boolean;
}

const source = 'a real kube-apiserver: a server-side dry run (dryRun=All, fieldValidation=Strict) of the object and of what its controller creates';

/** The four server rules, sorted by id. */
export const SERVER_RULE_METAS: readonly ServerRuleMeta[] = Object.freeze([
  {
    id: 'server-created-refused',
    layer: 'server',
    severity: 'error',
    refusal: true,
    scope: 'object',
    description: 'The API server accepts the workload but refuses an object its controller would create from it (a Pod, a ReplicaSet, a claim).',
    fix: 'Fix the pod template (or the name) the controller builds from: the API server accepts this object but refuses what its controller creates from it.',
    source,
  },
  {
    id: 'server-pod-security',
    layer: 'server',
    severity: 'error',
    refusal: true,
    scope: 'object',
    description: 'Pod Security Admission refuses the pod (or, for a workload, warns that it would refuse its pods) at the level the object promises.',
    fix: 'Change the pod spec so the Pod Security level it promises admits it, or promise a lower level (annotation podwright.io/pod-security).',
    source: `${source}, in a namespace enforcing the level the object promises`,
  },
  {
    id: 'server-refused',
    layer: 'server',
    severity: 'error',
    refusal: true,
    scope: 'object',
    description: 'The API server refuses the object; the message is the server\'s own.',
    fix: 'Fix the field the API server names; the message is the server\'s own.',
    source,
  },
  {
    id: 'server-warning',
    layer: 'server',
    severity: 'warning',
    refusal: false,
    scope: 'object',
    description: 'The API server accepts the object with a warning (a deprecated or ignored field, a value it will change).',
    fix: 'Read the API server\'s warning; it usually names a deprecated or ignored field.',
    source,
  },
].map((m) => Object.freeze(m as ServerRuleMeta)));

/** The ids of SERVER_RULE_METAS. */
export const SERVER_RULE_IDS: readonly string[] = Object.freeze(SERVER_RULE_METAS.map((m) => m.id));

/** The server rule with this id, if it is one. */
export function serverRuleMeta(id: string): ServerRuleMeta | undefined {
  return SERVER_RULE_METAS.find((m) => m.id === id);
}
