import { CustomResourceProblem, CustomResourceSchema, ObjectRuleContext } from '../types';

const cache = new WeakMap<object, { schema: CustomResourceSchema; problems: readonly CustomResourceProblem[] }>();

/**
 * Every problem of one custom resource, found in one walk (and one run of its CEL
 * rules) shared by the custom-resource rules, cached per object and schema.
 */
export function customResourceProblems(object: object, schema: CustomResourceSchema): readonly CustomResourceProblem[] {
  const hit = cache.get(object);
  if (hit && hit.schema === schema) return hit.problems;
  const problems = schema.validate(object);
  cache.set(object, { schema, problems });
  return problems;
}

/** Reports the problems of one type of the object being checked, when it is a custom resource of a known CRD. */
export function reportCustomResourceProblems(ctx: ObjectRuleContext, type: CustomResourceProblem['type']): void {
  const schema = ctx.target.customResource;
  if (!schema) return;
  for (const p of customResourceProblems(ctx.target.object, schema)) {
    if (p.type !== type) continue;
    ctx.report(p.fix ? { path: p.path, message: p.message, fix: p.fix } : { path: p.path, message: p.message });
  }
}
