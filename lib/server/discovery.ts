import { KubeClient } from './client';

/** One REST resource of the API, as discovery describes it. */
export interface RestResource {
  /** Plural resource name, e.g. `deployments`. */
  readonly name: string;
  readonly kind: string;
  readonly namespaced: boolean;
  /** The API path prefix of its group and version: `/api/v1` or `/apis/apps/v1`. */
  readonly groupVersionPath: string;
}

interface ApiResourceList {
  readonly resources?: readonly { name: string; kind: string; namespaced: boolean }[];
}

/**
 * Maps an object's apiVersion and kind to its REST path through the server's own
 * discovery documents (`GET /api/v1`, `GET /apis/<group>/<version>`), fetched once per
 * group and version. Cluster-scoped kinds (Namespace, ClusterRole, PersistentVolume, ...)
 * come out with `namespaced: false`.
 */
export class Discovery {
  private readonly lists = new Map<string, Promise<ReadonlyMap<string, RestResource>>>();

  constructor(private readonly client: KubeClient) {}

  /** The resource for an apiVersion and kind, or undefined when the server does not serve it. */
  async resourceFor(apiVersion: string, kind: string): Promise<RestResource | undefined> {
    const gvPath = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
    let list = this.lists.get(gvPath);
    if (!list) {
      list = this.load(gvPath);
      this.lists.set(gvPath, list);
    }
    return (await list).get(kind);
  }

  private async load(gvPath: string): Promise<ReadonlyMap<string, RestResource>> {
    const res = await this.client.request('GET', gvPath);
    const map = new Map<string, RestResource>();
    if (res.status !== 200) return map;
    for (const r of (res.body as ApiResourceList).resources ?? []) {
      // Subresources (`pods/status`) share their parent's kind; keep the resource itself.
      if (r.name.includes('/')) continue;
      map.set(r.kind, { name: r.name, kind: r.kind, namespaced: r.namespaced, groupVersionPath: gvPath });
    }
    return map;
  }
}

/** The path of a collection (`.../namespaces/ns/pods`) or, with a name, of one object. */
export function restPath(resource: RestResource, namespace: string | undefined, name?: string, subresource?: string): string {
  let path = resource.groupVersionPath;
  if (resource.namespaced) path += `/namespaces/${encodeURIComponent(namespace ?? 'default')}`;
  path += `/${resource.name}`;
  if (name !== undefined) path += `/${encodeURIComponent(name)}`;
  if (subresource !== undefined) path += `/${subresource}`;
  return path;
}
