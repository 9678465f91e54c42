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

/** Each kind's template, pod spec and pod metadata paths: shared, so that the engine formats each once. */
const SITE_PATHS: ReadonlyMap<string, { readonly template: Path; readonly spec: Path; readonly metadata: Path }> = new Map(
  Object.entries(TEMPLATE_PATHS).map(([kind, template]) => [kind, { template, spec: Object.freeze([...template, 'spec']), metadata: Object.freeze([...template, 'metadata']) }]),
);
const POD_SPEC_PATH: Path = Object.freeze(['spec']);
const POD_METADATA_PATH: Path = Object.freeze(['metadata']);

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
    return [{ spec, specPath: POD_SPEC_PATH, metadata: dig(obj, POD_METADATA_PATH) ?? {}, metadataPath: POD_METADATA_PATH, template: false }];
  }
  const paths = SITE_PATHS.get(kind);
  if (!paths) return [];
  // A missing template (or template spec) is an empty pod spec to the server: the
  // template is a value, not a pointer, in the Go types, and it is validated as such.
  const template = dig(obj, paths.template);
  const spec = (template ? dig(template, ['spec']) : undefined) ?? {};
  return [{
    spec,
    specPath: paths.spec,
    metadata: (template ? dig(template, ['metadata']) : undefined) ?? {},
    metadataPath: paths.metadata,
    template: true,
  }];
}

/** Kinds that carry a pod template or are a Pod. */
export const POD_BEARING_KINDS: readonly string[] = ['Pod', ...Object.keys(TEMPLATE_PATHS)];

/** True for the built-in kinds that hold a pod spec (a Pod, or a pod template). */
export function holdsPods(kind: string): boolean {
  return kind === 'Pod' || Object.prototype.hasOwnProperty.call(TEMPLATE_PATHS, kind);
}
