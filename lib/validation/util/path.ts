import { MapKey, Path, PathSegment } from '../types';

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
  let out = '';
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
  return intern(out);
}

const interned = new Map<string, string>();

/**
 * One shared copy of each recent path. Findings and anchors keep paths for a whole run
 * (20,000-document files repeat the same few hundred), and a string built with `+=` is
 * otherwise kept as a tree of its pieces.
 */
function intern(s: string): string {
  const known = interned.get(s);
  if (known !== undefined) return known;
  if (interned.size >= 4096) interned.clear();
  interned.set(s, s);
  return s;
}
