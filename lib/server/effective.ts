import { KubeObject, Path, PodSecurityLevel } from '../validation/types';
import { ControllerObject, createdObjects } from '../validation/util/controller-objects';
import { DryRunTarget, ServerVerdict } from './api-server';

/** What the server said about one object a controller would create. */
export interface CreatedVerdict {
  readonly kind: string;
  readonly name: string;
  /** The object as it was sent to the server. */
  readonly object: KubeObject;
  /** `the StatefulSet controller`, ... */
  readonly createdBy: string;
  /** The path in the checked object that the created object's root stands for (see ControllerObject). */
  readonly templatePath: Path;
  /** Label keys the controllers added on the way. */
  readonly addedLabels: readonly string[];
  readonly verdict: ServerVerdict;
}

/** An object's verdict with everything its controllers would create from it. */
export interface EffectiveVerdict {
  /** The object's own dry run. */
  readonly verdict: ServerVerdict;
  /** Every object created through the controllers (ReplicaSet, then its Pod; Job, then its Pod; claims), in order. */
  readonly created: readonly CreatedVerdict[];
  /** Pod Security warnings on the object itself (for workloads, PSA warns rather than refuses). */
  readonly podSecurityWarnings: readonly string[];
  /** Accepted, no Pod Security warning, and everything created accepted. */
  readonly valid: boolean;
}

/** True for the warnings Pod Security Admission gives (`would violate PodSecurity "restricted:v1.28": ...`). */
export function isPodSecurityWarning(warning: string): boolean {
  return warning.startsWith('would violate PodSecurity');
}

/**
 * Dry-runs an object and then, through lib/validation/util/controller-objects.ts, each
 * object its controller would create from what the server returned (defaults applied, the
 * Job's generated labels included), and so on down (CronJob -> Job -> Pod). Pods are
 * checked in a namespace enforcing `level`, so Pod Security refuses them as it would for real.
 */
export async function effectiveVerdict(server: DryRunTarget, object: KubeObject, options: { level?: PodSecurityLevel; namespace?: string } = {}): Promise<EffectiveVerdict> {
  const verdict = await server.dryRun(object, options);
  const created: CreatedVerdict[] = [];
  if (verdict.accepted && verdict.object) await descend(server, verdict.object, [], [], options, created);
  const podSecurityWarnings = verdict.warnings.filter(isPodSecurityWarning);
  return {
    verdict,
    created,
    podSecurityWarnings,
    valid: verdict.accepted && podSecurityWarnings.length === 0 && created.every((c) => c.verdict.accepted),
  };
}

async function descend(
  server: DryRunTarget, parent: KubeObject, base: Path, baseLabels: readonly string[],
  options: { level?: PodSecurityLevel; namespace?: string }, out: CreatedVerdict[],
): Promise<void> {
  const children: ControllerObject[] = createdObjects(parent);
  const verdicts = await Promise.all(children.map((c) => server.dryRun(c.object, options)));
  for (let i = 0; i < children.length; i++) {
    const c = children[i]!;
    const v = verdicts[i]!;
    const meta = (c.object.metadata ?? {}) as { name?: string };
    const templatePath = [...base, ...c.templatePath];
    const addedLabels = [...new Set([...baseLabels, ...c.addedLabels])];
    out.push({ kind: String(c.object.kind), name: meta.name ?? '', object: c.object, createdBy: c.createdBy, templatePath, addedLabels, verdict: v });
    if (v.accepted && v.object) await descend(server, v.object, templatePath, addedLabels, options, out);
  }
}
