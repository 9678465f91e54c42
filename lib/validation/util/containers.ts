import { KubeObject, Path } from '../types';
import { asArray, isObject } from './values';

/** The three lists of containers a pod spec holds. */
export type ContainerKind = 'containers' | 'initContainers' | 'ephemeralContainers';

export interface ContainerSite {
  readonly container: KubeObject;
  /** Path relative to the pod spec, e.g. `['initContainers', 0]`. */
  readonly path: Path;
  readonly kind: ContainerKind;
  /** The container's name, or '' when missing. */
  readonly name: string;
}

const ALL: readonly ContainerKind[] = ['containers', 'initContainers', 'ephemeralContainers'];

/**
 * Every container of a pod spec: containers, then init containers, then ephemeral
 * containers. (Pod Security Admission visits init containers first; the pss-* rules
 * use lib/validation/util/pss.ts for that order.)
 * Entries that are not mappings are skipped (the schema layer reports them).
 */
export function containersOf(spec: KubeObject, kinds: readonly ContainerKind[] = ALL): readonly ContainerSite[] {
  const memo = kinds === ALL ? listed : kinds === PSA_ORDER ? listedForPsa : undefined;
  if (!memo) return collect(spec, kinds);
  // Two dozen rules ask for the same pod's containers: listed once per pod spec and order.
  let sites = memo.get(spec);
  if (!sites) {
    sites = collect(spec, kinds);
    memo.set(spec, sites);
  }
  return sites;
}

/** Pod Security Admission's order (`visitContainers` in policy/visitor.go). */
export const PSA_ORDER: readonly ContainerKind[] = ['initContainers', 'containers', 'ephemeralContainers'];

const listed = new WeakMap<KubeObject, readonly ContainerSite[]>();
const listedForPsa = new WeakMap<KubeObject, readonly ContainerSite[]>();

function collect(spec: KubeObject, kinds: readonly ContainerKind[]): readonly ContainerSite[] {
  const out: ContainerSite[] = [];
  for (const kind of kinds) {
    asArray(spec[kind]).forEach((c, i) => {
      if (isObject(c)) out.push({ container: c, path: [kind, i], kind, name: typeof c.name === 'string' ? c.name : '' });
    });
  }
  return out;
}
