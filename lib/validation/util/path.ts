import { MapKey, Path, PathSegment } from '../types';
import { Interner } from './interner';

/** A map key path segment, printed `[key]`. */
export function mapKey(key: string): MapKey {
  return { mapKey: key };
}

/** The property name or index a segment stands for in the data. */
export function segmentName(seg: PathSegment): string | number {
  return typeof seg === 'object' ? seg.mapKey : seg;
}

const SIMPLE_KEY = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/**
 * Formats a field path the way the API server prints it:
 * `spec.template.spec.containers[1].ports[0]`. Keys that are not plain
 * identifiers (annotation keys, for example) are written as `metadata.annotations[example.com/x]`,
 * as the server does.
 */
export function formatPath(path: Path): string {
  if (path.length === 0) return '';
  return formatPathFrom('', path);
}

/**
 * `formatPath(head ++ path)` where `head` is `formatPath(head)`, already formatted: the
 * engine formats a pod spec's path once and each finding's path below it from there.
 */
export function formatPathFrom(head: string, path: Path): string {
  if (path.length === 0) return head;
  let out = head;
  for (const seg of path) {
    if (typeof seg === 'number') {
      out += `[${seg}]`;
    } else if (typeof seg === 'object') {
      out += `[${seg.mapKey}]`;
    } else if (SIMPLE_KEY.test(seg) || /^\{[^{}]*\}$/.test(seg)) {
      // `{topologyKey, whenUnsatisfiable}` is a child name the server prints after a dot
      // (validateTopologySpreadConstraints), not a map key.
      out += out === '' ? seg : `.${seg}`;
    } else {
      out += `[${seg}]`;
    }
  }
  return paths.intern(out);
}

const paths = new Interner();
