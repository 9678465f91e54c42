import { podRule } from '../util/define-rule';
import { containersOf } from '../util/containers';
import { fieldForbidden, fieldNotFound } from '../util/k8s-names';
import { asArray, asString, field, isObject } from '../util/values';

const WHY = 'cannot be set for an Ephemeral Container';

/**
 * The fields of EphemeralContainerCommon that validateFieldAllowList forbids, in
 * the struct's field order (v1.28). restartPolicy is also forbidden there; rule
 * container-restart-policy reports it. A field counts as set when it differs
 * from Go's zero value: a list or pointer that is present (even empty), and
 * `resources` when it holds limits or requests (resources.claims is dropped
 * while the DynamicResourceAllocation gate is off).
 */
const FORBIDDEN = ['ports', 'resources', 'resizePolicy', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle'] as const;

function isSetField(container: unknown, key: string): boolean {
  const v = field(container, key);
  if (v === undefined || v === null) return false;
  if (key === 'resources') {
    return ['limits', 'requests'].some((k) => { const x = field(v, k); return x !== undefined && x !== null; });
  }
  return true;
}

/**
 * Ephemeral containers (kubectl debug) may not declare ports, probes, lifecycle
 * hooks, resources or resizePolicy, may not use subPath or subPathExpr mounts,
 * and their targetContainerName must name a regular or init container. The API
 * server validates the whole pod spec before it refuses ephemeral containers at
 * create (ValidatePodCreate) or in a template (ValidatePodTemplateSpec), so it
 * reports these too. Follows validateEphemeralContainers and
 * validateFieldAllowList (v1.28).
 */
export default podRule({
  id: 'ephemeral-container-fields',
  layer: 'api-server',
  severity: 'error',
  description: 'Ephemeral containers may not set ports, probes, lifecycle, resources, resizePolicy or subPath mounts, and must target an existing container.',
  fix: 'Remove the field from the ephemeral container (or remove the ephemeral container and use kubectl debug), and point targetContainerName at a container of the pod.',
  source: 'validateEphemeralContainers and validateFieldAllowList in pkg/apis/core/validation/validation.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/concepts/workloads/pods/ephemeral-containers/',
}, (ctx) => {
  const spec = ctx.pod.spec;
  const others = new Set(containersOf(spec, ['containers', 'initContainers']).map((c) => c.name));
  for (const c of containersOf(spec, ['ephemeralContainers'])) {
    const target = asString(field(c.container, 'targetContainerName'));
    if (target !== undefined && target !== '' && !others.has(target)) {
      ctx.report({ path: [...c.path, 'targetContainerName'], message: fieldNotFound(target) });
    }
    for (const key of FORBIDDEN) {
      if (isSetField(c.container, key)) ctx.report({ path: [...c.path, key], message: fieldForbidden(WHY) });
    }
    asArray(field(c.container, 'volumeMounts')).forEach((m, i) => {
      if (!isObject(m)) return;
      for (const key of ['subPath', 'subPathExpr']) {
        const v = field(m, key);
        if (typeof v === 'string' && v !== '') ctx.report({ path: [...c.path, 'volumeMounts', i, key], message: fieldForbidden(WHY) });
      }
    });
  }
});
