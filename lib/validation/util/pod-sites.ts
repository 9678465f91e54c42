import { KubeObject, Path, PodSite } from '../types';
import { asObject } from './values';
import { segmentName } from './path';

/**
 * Where each built-in kind keeps its pod spec. Kinds not listed hold no pods.
 * Source: the Kubernetes API reference for each kind (core/v1 Pod and PodTemplate,
 * apps/v1, batch/v1, core/v1 ReplicationController).
 */
const TEMPLATE_PATHS: Readonly<Record<string, Path>> = {
  Deployment: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  PodTemplate: ['template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

function dig(obj: KubeObject, path: Path): KubeObject | undefined {
  let cur: KubeObject | undefined = obj;
  for (const seg of path) {
    if (!cur) return undefined;
    const name = String(segmentName(seg));
    cur = asObject(Object.prototype.hasOwnProperty.call(cur, name) ? cur[name] : undefined);
  }
  return cur;
}

/** The pod specs inside an object of the given kind (a Pod without a spec has none; a workload always has one). */
export function podSitesOf(kind: string, obj: KubeObject): PodSite[] {
  if (kind === 'Pod') {
    const spec = dig(obj, ['spec']);
    if (!spec) return [];
    return [{ spec, specPath: ['spec'], metadata: dig(obj, ['metadata']) ?? {}, metadataPath: ['metadata'], template: false }];
  }
  const tpl = TEMPLATE_PATHS[kind];
  if (!tpl) return [];
  // A missing template (or template spec) is an empty pod spec to the server: the
  // template is a value, not a pointer, in the Go types, and it is validated as such.
  const template = dig(obj, tpl);
  const spec = (template ? dig(template, ['spec']) : undefined) ?? {};
  return [{
    spec,
    specPath: [...tpl, 'spec'],
    metadata: (template ? dig(template, ['metadata']) : undefined) ?? {},
    metadataPath: [...tpl, 'metadata'],
    template: true,
  }];
}

/** Kinds that carry a pod template or are a Pod. */
export const POD_BEARING_KINDS: readonly string[] = ['Pod', ...Object.keys(TEMPLATE_PATHS)];

/** True for the built-in kinds that hold a pod spec (a Pod, or a pod template). */
export function holdsPods(kind: string): boolean {
  return kind === 'Pod' || Object.prototype.hasOwnProperty.call(TEMPLATE_PATHS, kind);
}
