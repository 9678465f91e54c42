import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ObjectInput } from '../validation/types';

/**
 * The engine's inputs for every API object under `scope`, each tagged with the
 * construct path that produced it, so findings name the construct.
 */
export function inputsOf(scope: IConstruct): ObjectInput[] {
  const out: ObjectInput[] = [];
  for (const c of scope.node.findAll()) {
    if (ApiObject.isApiObject(c)) out.push({ object: c.toJson(), constructPath: c.node.path });
  }
  return out;
}
