/**
 * Debug profiles for `kubectl debug`: partial container specs that make the debug
 * container pass the target pod's Pod Security level.
 *
 * Facts this follows (kubectl's pkg/cmd/debug, KEP-1441 and KEP-4292):
 * - `--profile=restricted` (kubectl 1.27+) sets runAsNonRoot, drops ALL
 *   capabilities, forbids privilege escalation and sets seccomp RuntimeDefault on the
 *   debug container, but no user: an image that runs as root (busybox) is then refused
 *   by the kubelet unless the pod sets runAsUser.
 * - `--custom=FILE` takes a partial `corev1.Container` (JSON or YAML) and
 *   strategic-merge-patches it onto the container the profile produced; it may not set
 *   name, command, image, lifecycle or volumeDevices. It is alpha in kubectl 1.30
 *   (`KUBECTL_DEBUG_CUSTOM_PROFILE=true`), beta and on by default from 1.31; kubectl
 *   1.28 and 1.29 do not have it.
 * - An ephemeral container may not set ports, resources, probes or lifecycle, nor
 *   subPath / subPathExpr on a volume mount (validateEphemeralContainers in
 *   pkg/apis/core/validation/validation.go).
 * - `kubectl debug` adds ephemeral containers to Pods only: `kubectl debug deploy/x`
 *   fails with `"apps/v1, Kind=Deployment" not supported by debug`.
 */
import { PodDefinition } from '../pod/pod-definition';
import { podSecurityFindings } from '../pod/level-check';
import { DEFAULT_NON_ROOT_ID, SecurityLevel } from '../pod/security';
import { declaredLevel } from '../validation/config';
import { KubeObject } from '../validation/types';
import { podSitesOf } from '../validation/util/pod-sites';
import { asArray, asObject, asString, field, isObject } from '../validation/util/values';
import { DEFAULT_K8S_VERSION } from '../version';

/** A partial container spec for `kubectl debug --custom` (plain JSON data). */
export type DebugProfileSpec = KubeObject;

/** Options of debugProfileFor(). */
export interface DebugProfileOptions {
  /**
   * The container whose process namespace the debugger joins (`kubectl debug --target`)
   * and whose volume mounts it copies.
   * @default - the pod's first container
   */
  readonly target?: string;
  /**
   * The user the debugger runs as; must not be 0.
   * @default - the target container's runAsUser, else the pod's, else 65532
   */
  readonly runAsUser?: number;
}

/** One reason a debug profile would not be admitted. */
export interface DebugProfileIssue {
  /** The Pod Security rule that found it, for Pod Security findings. */
  readonly ruleId?: string;
  /** Field path, in the pod with the profile added as `spec.ephemeralContainers[N]`, or in the profile. */
  readonly path: string;
  readonly message: string;
}

/** Fields `kubectl debug --custom` refuses ("name, command, image, lifecycle and volume devices are not modifiable via custom profile"). */
const KUBECTL_CUSTOM_FORBIDDEN = ['name', 'command', 'image', 'lifecycle', 'volumeDevices'];
/** Fields the API server refuses on an ephemeral container ("cannot be set for an Ephemeral Container"). */
const EPHEMERAL_FORBIDDEN = ['ports', 'resources', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle'];

/**
 * The pod spec inside a podwright PodDefinition, a Pod, a workload (Deployment,
 * StatefulSet, Job, CronJob, ...) or a bare pod spec.
 */
export function podSpecOf(pod: PodDefinition | KubeObject): KubeObject {
  if (pod instanceof PodDefinition) return pod.toJson();
  const kind = asString(field(pod, 'kind'));
  if (kind !== undefined) {
    const [site] = podSitesOf(kind, pod);
    if (!site) throw new Error(`debugProfileFor: ${kind} '${asString(field(field(pod, 'metadata'), 'name')) ?? ''}' holds no pod spec; pass a Pod, a workload or a pod spec.`);
    return site.spec;
  }
  if (Array.isArray(field(pod, 'containers'))) return pod;
  throw new Error('debugProfileFor: expected a PodDefinition, a Pod, a workload or a pod spec with containers.');
}

/** kubectl's annotation naming a pod's default container (for exec, logs, attach). */
export const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

/**
 * The container `kubectl debug --target` should name: `target`, checked; else, for a
 * PodDefinition, its first main container (sidecars are not the app); else the
 * container named by the pod's `kubectl.kubernetes.io/default-container` annotation;
 * else the pod's first container.
 */
export function debugTargetOf(pod: PodDefinition | KubeObject, target?: string): string {
  const podSpec = podSpecOf(pod);
  const names = asArray(field(podSpec, 'containers')).map((c) => asString(field(c, 'name')) ?? '');
  if (target !== undefined) {
    if (!names.includes(target)) throw new Error(`debugProfileFor: target container '${target}' is not one of the pod's containers (${names.join(', ')}); name one of them.`);
    return target;
  }
  let preferred: string | undefined;
  if (pod instanceof PodDefinition) {
    preferred = pod.mainContainers[0]?.name;
  } else {
    const kind = asString(field(pod, 'kind'));
    const metadata = kind !== undefined ? podSitesOf(kind, pod)[0]?.metadata : undefined;
    preferred = asString(field(field(metadata, 'annotations'), DEFAULT_CONTAINER_ANNOTATION));
  }
  const chosen = preferred !== undefined && names.includes(preferred) ? preferred : names[0];
  if (!chosen) throw new Error('debugProfileFor: the pod has no containers to target.');
  return chosen;
}

/**
 * The `kubectl debug --custom` profile for a pod: a partial container spec that
 * passes the restricted Pod Security level whatever the pod's level (so it is admitted
 * in a namespace enforcing the pod's level or anything below), runs as the pod's user
 * (so it can read what the app writes and see its processes under `--target`), and
 * mounts the target container's volumes read-only at the same paths, so that the
 * debugger sees what the app sees. Mounts that use subPath are left out: ephemeral
 * containers may not use subPath, and the whole volume at that path would show
 * another tree.
 *
 * @param pod a podwright PodDefinition, or a Pod / workload / pod spec as plain JSON
 */
export function debugProfileFor(pod: PodDefinition | KubeObject, options: DebugProfileOptions = {}): DebugProfileSpec {
  const spec = podSpecOf(pod);
  const targetName = debugTargetOf(pod, options.target);
  const target = asArray(field(spec, 'containers')).find((c) => field(c, 'name') === targetName);
  const podContext = asObject(field(spec, 'securityContext'));
  const containerContext = asObject(field(target, 'securityContext'));
  const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
  const user = options.runAsUser ?? num(field(containerContext, 'runAsUser')) ?? num(field(podContext, 'runAsUser')) ?? DEFAULT_NON_ROOT_ID;
  if (user === 0) {
    throw new Error(`debugProfileFor: container '${targetName}' runs as root (runAsUser 0), and a restricted debug container must not; pass options.runAsUser with a non-root user.`);
  }
  const group = num(field(containerContext, 'runAsGroup')) ?? num(field(podContext, 'runAsGroup'));
  const mounts = asArray(field(target, 'volumeMounts'))
    .filter((m) => isObject(m) && !field(m, 'subPath') && !field(m, 'subPathExpr'))
    .map((m) => ({ mountPath: field(m, 'mountPath'), name: field(m, 'name'), readOnly: true }));
  const securityContext: Record<string, unknown> = {
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    runAsNonRoot: true,
    runAsUser: user,
    seccompProfile: { type: 'RuntimeDefault' },
  };
  if (group !== undefined) securityContext.runAsGroup = group;
  const profile: Record<string, unknown> = { securityContext: sortKeys(securityContext) };
  if (mounts.length > 0) profile.volumeMounts = mounts;
  return profile;
}

/**
 * Checks that a debug profile, added to the pod as an ephemeral container by
 * `kubectl debug --target=<target> --custom=<profile>`, would be admitted: kubectl's
 * and the API server's field limits for custom profiles and ephemeral containers,
 * volume mounts that name the pod's volumes, and the Pod Security rules at `level`
 * (podwright's own pss-* rules, which PSA runs on the pods/ephemeralcontainers update
 * of the whole pod). Returns the problems; an empty list means it would be admitted.
 */
export function checkDebugProfile(
  profile: DebugProfileSpec,
  podSpec: KubeObject,
  level: SecurityLevel,
  options: { readonly target?: string; readonly k8sVersion?: string } = {},
): DebugProfileIssue[] {
  const issues: DebugProfileIssue[] = [];
  for (const key of KUBECTL_CUSTOM_FORBIDDEN) {
    if (field(profile, key) !== undefined) {
      issues.push({ path: key, message: `${key} is not modifiable via a kubectl debug custom profile (kubectl refuses name, command, image, lifecycle and volumeDevices)` });
    }
  }
  for (const key of EPHEMERAL_FORBIDDEN) {
    if (field(profile, key) !== undefined && !KUBECTL_CUSTOM_FORBIDDEN.includes(key)) {
      issues.push({ path: key, message: `${key}: cannot be set for an Ephemeral Container` });
    }
  }
  const volumes = new Set(asArray(field(podSpec, 'volumes')).map((v) => asString(field(v, 'name'))));
  asArray(field(profile, 'volumeMounts')).forEach((m, i) => {
    for (const key of ['subPath', 'subPathExpr']) {
      if (field(m, key)) issues.push({ path: `volumeMounts[${i}].${key}`, message: `${key}: cannot be set for an Ephemeral Container` });
    }
    const name = asString(field(m, 'name')) ?? '';
    if (!volumes.has(name)) issues.push({ path: `volumeMounts[${i}].name`, message: `volume "${name}" is not a volume of the pod` });
  });
  const existing = asArray(field(podSpec, 'ephemeralContainers'));
  const debugger_ = {
    ...profile,
    name: 'debugger',
    image: 'busybox',
    targetContainerName: debugTargetOf(podSpec, options.target),
  };
  const spec = { ...podSpec, ephemeralContainers: [...existing, debugger_] };
  for (const f of podSecurityFindings(spec, level, options.k8sVersion ?? DEFAULT_K8S_VERSION)) {
    issues.push({ ruleId: f.ruleId, path: f.path, message: f.message });
  }
  return issues;
}

/** The Pod Security level an object promises (podwright's annotation on the object or its pod template), else `fallback`. */
export function promisedLevel(obj: KubeObject, fallback: SecurityLevel = 'restricted'): SecurityLevel {
  const kind = asString(field(obj, 'kind')) ?? '';
  const [site] = podSitesOf(kind, obj);
  for (const meta of [field(obj, 'metadata'), site?.metadata]) {
    const v = declaredLevel(meta);
    if (v) return v;
  }
  return fallback;
}

function sortKeys(obj: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(obj).sort().map((k) => [k, obj[k]]));
}
