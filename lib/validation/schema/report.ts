import { ObjectRuleContext } from '../types';
import { SchemaProblemType, schemaProblems } from './validator';

/** Reports the problems of one type from the object's (cached) schema walk. */
export function reportSchemaProblems(ctx: ObjectRuleContext, type: SchemaProblemType, reword: (message: string) => string = (m) => m): void {
  const { object, apiVersion, kind } = ctx.target;
  for (const p of schemaProblems(object, apiVersion, kind, ctx.settings.k8sVersion)) {
    if (p.type !== type) continue;
    const message = reword(p.message);
    ctx.report(p.fix ? { path: p.path, message, fix: p.fix } : { path: p.path, message });
  }
}
