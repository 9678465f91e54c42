import { KubeObject, Path } from '../types';
import { isObject } from './values';

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
  // Two dozen rules ask for the same pod's containers, one pod after the other: the last
  // pod spec's list is kept (one per order), so each pod spec is listed once.
  if (memo.spec !== spec) {
    memo.sites = collect(spec, kinds);
    memo.spec = spec;
  }
  return memo.sites;
}

/** Pod Security Admission's order (`visitContainers` in policy/visitor.go). */
export const PSA_ORDER: readonly ContainerKind[] = ['initContainers', 'containers', 'ephemeralContainers'];

/** The last pod spec listed in one order, and its list. */
interface Listed {
  spec: KubeObject | undefined;
  sites: readonly ContainerSite[];
}

const listed: Listed = { spec: undefined, sites: [] };
const listedForPsa: Listed = { spec: undefined, sites: [] };

function collect(spec: KubeObject, kinds: readonly ContainerKind[]): readonly ContainerSite[] {
  const out: ContainerSite[] = [];
  for (const kind of kinds) {
    const list = spec[kind];
    if (!Array.isArray(list)) continue;
    for (let i = 0; i < list.length; i++) {
      const c: unknown = list[i];
      if (isObject(c)) out.push({ container: c, path: [kind, i], kind, name: typeof c.name === 'string' ? c.name : '' });
    }
  }
  return out;
}
