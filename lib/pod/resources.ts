import { k8s } from 'cdk8s-plus-28';
import { quantityError } from '../validation/schema/quantity';

/** Amounts of one kind (requests or limits), as Kubernetes quantities (`250m`, `256Mi`, `1Gi`). */
export interface ResourceAmounts {
  /** @default - none */
  readonly cpu?: string;
  /** @default - none */
  readonly memory?: string;
  /**
   * Local ephemeral storage (`ephemeral-storage`): the container's writable layer, its
   * logs, and emptyDir volumes not backed by memory. Above its limit the kubelet evicts the pod.
   * @default - none
   */
  readonly ephemeralStorage?: string;
}

/** CPU, memory and ephemeral storage for one container, as Kubernetes quantities. */
export interface ResourceSpec {
  readonly requests: ResourceAmounts & { readonly cpu: string; readonly memory: string };
  /** @default - no limits (not recommended: set at least memory) */
  readonly limits?: ResourceAmounts;
}

/**
 * A documented preset with its CPU limit optionally left out and ephemeral storage
 * added: `{ preset: 'small', cpuLimit: false }` requests 100m CPU and 128Mi memory and
 * limits memory only, so the container may use idle CPU on the node (no CFS throttling).
 */
export interface PresetResources {
  readonly preset: ResourcePreset;
  /** Keep the preset's CPU limit. @default true */
  readonly cpuLimit?: boolean;
  /** Request and limit this much ephemeral storage (`ephemeral-storage`). @default - none */
  readonly ephemeralStorage?: string;
}

/**
 * Documented presets, so that sizing is a visible choice rather than a silent
 * default. Memory limit equals the request (no overcommit of memory, the usual advice
 * for predictable OOM behaviour); the CPU limit is twice the request (bursts allowed).
 * To leave the CPU limit out, use `{ preset, cpuLimit: false }` (PresetResources).
 *
 * | preset | cpu request | cpu limit | memory request = limit |
 * |---|---|---|---|
 * | `nano` | 25m | 50m | 32Mi |
 * | `small` | 100m | 200m | 128Mi |
 * | `medium` | 250m | 500m | 256Mi |
 * | `large` | 500m | 1 | 512Mi |
 * | `xlarge` | 1 | 2 | 1Gi |
 */
export const RESOURCE_PRESETS = {
  nano: { requests: { cpu: '25m', memory: '32Mi' }, limits: { cpu: '50m', memory: '32Mi' } },
  small: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
  medium: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
  large: { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '1', memory: '512Mi' } },
  xlarge: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '2', memory: '1Gi' } },
} as const satisfies Record<string, ResourceSpec>;

export type ResourcePreset = keyof typeof RESOURCE_PRESETS;

/** A preset name, a preset with options, or explicit requests and limits. */
export type Resources = ResourcePreset | PresetResources | ResourceSpec;

/** The requests and limits a Resources value stands for. */
export function resolveResources(r: Resources): ResourceSpec {
  if (typeof r === 'string') return RESOURCE_PRESETS[r];
  if (!('preset' in r)) return r;
  const base: ResourceSpec = RESOURCE_PRESETS[r.preset];
  const storage = r.ephemeralStorage;
  return {
    requests: { ...base.requests, ephemeralStorage: storage },
    limits: { memory: base.limits?.memory, cpu: r.cpuLimit === false ? undefined : base.limits?.cpu, ephemeralStorage: storage },
  };
}

/**
 * Why a Resources value is wrong, as a clause naming the field (`field` is where the
 * value sits, e.g. `container 'main' resources`) and the value, or undefined. Only the ephemeral-storage amounts are checked
 * here, at once; CPU and memory are checked with the whole pod at synth, as before.
 */
export function resourcesProblem(r: Resources | undefined, field: string): string | undefined {
  if (r === undefined) return undefined;
  if (typeof r === 'object' && 'preset' in r && !(r.preset in RESOURCE_PRESETS)) {
    return `${field}.preset is '${String(r.preset)}', which is not a preset; use one of ${Object.keys(RESOURCE_PRESETS).join(', ')}`;
  }
  const spec = resolveResources(r);
  for (const [kind, amounts] of [['requests', spec.requests], ['limits', spec.limits]] as const) {
    const v = amounts?.ephemeralStorage;
    const problem = v === undefined ? undefined : quantityError(v);
    if (problem !== undefined) {
      const at = typeof r === 'object' && 'preset' in r ? 'ephemeralStorage' : `${kind}.ephemeralStorage`;
      return `${field}.${at} is '${v}', which is not a quantity (${problem}); use a quantity such as '1Gi'`;
    }
  }
  return undefined;
}

export function resourcesToKube(r: Resources): k8s.ResourceRequirements {
  const spec = resolveResources(r);
  const q = (m?: ResourceAmounts) => {
    if (!m) return undefined;
    const out: Record<string, k8s.Quantity> = {};
    if (m.cpu !== undefined) out.cpu = k8s.Quantity.fromString(m.cpu);
    if (m.memory !== undefined) out.memory = k8s.Quantity.fromString(m.memory);
    if (m.ephemeralStorage !== undefined) out['ephemeral-storage'] = k8s.Quantity.fromString(m.ephemeralStorage);
    return out;
  };
  return { requests: q(spec.requests), limits: q(spec.limits) };
}
