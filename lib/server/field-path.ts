import { Path, PathSegment } from '../validation/types';
import { mapKey } from '../validation/util/path';

/**
 * Parses a field path as the API server prints it (`field.Path.String()`):
 * `spec.template.spec.containers[0].image`, `metadata.labels[app.kubernetes.io/name]`,
 * `spec.containers[0].resources.limits[cpu]`. Numeric brackets are list indexes, other
 * brackets map keys (which may hold dots and slashes). The inverse of formatPath.
 */
export function parseFieldPath(field: string): Path {
  const out: PathSegment[] = [];
  let i = 0;
  let name = '';
  const flush = () => {
    if (name !== '') out.push(name);
    name = '';
  };
  while (i < field.length) {
    const ch = field[i]!;
    if (ch === '.') {
      flush();
      i++;
    } else if (ch === '[') {
      flush();
      const end = field.indexOf(']', i + 1);
      const inner = end < 0 ? field.slice(i + 1) : field.slice(i + 1, end);
      out.push(/^\d+$/.test(inner) ? Number(inner) : mapKey(inner));
      i = end < 0 ? field.length : end + 1;
    } else {
      name += ch;
      i++;
    }
  }
  flush();
  return out;
}
