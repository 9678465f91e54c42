import { k8s } from 'cdk8s-plus-28';

/** CPU and memory for one container, as Kubernetes quantities (`250m`, `256Mi`). */
export interface ResourceSpec {
  readonly requests: { readonly cpu: string; readonly memory: string };
  /** @default - no limits (not recommended: set at least memory) */
  readonly limits?: { readonly cpu?: string; readonly memory?: string };
}

/**
 * Documented presets, so that sizing is a visible choice rather than a silent
 * default. Memory limit equals the request (no overcommit of memory, the usual advice
 * for predictable OOM behaviour); the CPU limit is twice the request (bursts allowed).
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

/** A preset name or explicit requests and limits. */
export type Resources = ResourcePreset | ResourceSpec;

export function resourcesToKube(r: Resources): k8s.ResourceRequirements {
  const spec: ResourceSpec = typeof r === 'string' ? RESOURCE_PRESETS[r] : r;
  const q = (m?: { readonly cpu?: string; readonly memory?: string }) => {
    if (!m) return undefined;
    const out: Record<string, k8s.Quantity> = {};
    if (m.cpu !== undefined) out.cpu = k8s.Quantity.fromString(m.cpu);
    if (m.memory !== undefined) out.memory = k8s.Quantity.fromString(m.memory);
    return out;
  };
  return { requests: q(spec.requests), limits: q(spec.limits) };
}
