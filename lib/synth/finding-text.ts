import { Finding } from '../validation/types';

/**
 * One finding as one line of text:
 * `error  app/web/Resource  Pod/web  spec.containers[0].image: Required value  [container-image-required]`
 * followed by the fix. Used by the synth gate; the CLI's text format groups findings by file.
 */
export function formatFindingLine(f: Finding): string {
  const where = f.location ? `${f.location.file}:${f.location.line}:${f.location.column}` : f.constructPath ?? '';
  const obj = `${f.object.kind ?? '?'}/${f.object.namespace ? `${f.object.namespace}/` : ''}${f.object.name ?? '?'}`;
  const field = f.path ? `${f.path}: ` : '';
  return `${f.severity.padEnd(7)} ${where}  ${obj}  ${field}${f.message}  [${f.ruleId}]\n        fix: ${f.fix}`;
}
