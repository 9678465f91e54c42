import { IConstruct } from 'constructs';
import { DEFAULT_K8S_VERSION, normalizeVersion } from './validation/util/version';

/**
 * The construct-context key that holds the target Kubernetes version (`1.NN`).
 * It is the one setting constructs read (native or classic sidecars, which fields
 * exist) and the engine reads (which rules apply). `PodwrightApp` sets it from
 * podwright.config.json; `cdk8s.yaml`'s `context:` or `app.node.setContext()` can
 * set it too.
 */
export const K8S_VERSION_CONTEXT = 'podwright:k8sVersion';

export { DEFAULT_K8S_VERSION };

/** The target Kubernetes version for a construct: its context value, or 1.28. */
export function targetVersion(scope: IConstruct): string {
  const v = scope.node.tryGetContext(K8S_VERSION_CONTEXT);
  if (v === undefined) return DEFAULT_K8S_VERSION;
  return normalizeVersion(String(v), `context "${K8S_VERSION_CONTEXT}"`);
}

/**
 * Set (to true) by PodwrightApp when it runs the validation engine on every rendered
 * object at synth, so constructs can leave whole-object checks the engine makes to it.
 */
export const ENGINE_GATE_CONTEXT = 'podwright:engineGate';
