import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { StaticPod } from '../constructs/static-pod';
import { ObjectInput } from '../validation/types';

/**
 * The engine's inputs for every API object (and every static Pod) under `scope`, each tagged with the
 * construct path that produced it, so findings name the construct.
 */
export function inputsOf(scope: IConstruct): ObjectInput[] {
  const out: ObjectInput[] = [];
  for (const c of scope.node.findAll()) {
    if (ApiObject.isApiObject(c)) out.push({ object: c.toJson(), constructPath: c.node.path });
    // Static Pods are not API objects of a chart; they are checked as static Pod manifests.
    else if (StaticPod.isStaticPod(c)) out.push({ object: c.toJson(), constructPath: c.node.path, staticPod: true });
  }
  return out;
}

/** The engine's inputs for the static Pods under `scope` (they are not API objects of a chart). */
export function staticPodInputsOf(scope: IConstruct): ObjectInput[] {
  return scope.node.findAll().filter(StaticPod.isStaticPod)
    .map((c) => ({ object: c.toJson(), constructPath: c.node.path, staticPod: true }));
}
