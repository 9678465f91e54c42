import { podRule } from '../util/define-rule';
import { containersOf } from '../util/containers';
import { fieldForbidden, fieldNotSupported, fieldRequired } from '../util/k8s-names';
import { Path } from '../types';
import { asArray, field, isObject } from '../util/values';

const OSES = ['linux', 'windows'];
const NOT_WINDOWS = 'cannot be set for a windows pod';
const NOT_LINUX = 'windows options cannot be set for a linux pod';

/** Pod-level fields validateWindows forbids, with their paths relative to the pod spec (v1.28 field set). */
const WINDOWS_POD_FIELDS: readonly (readonly [Path, (v: unknown) => boolean])[] = [
  [['securityContext', 'seLinuxOptions'], (v) => v !== undefined && v !== null],
  [['hostPID'], (v) => v === true],
  [['hostIPC'], (v) => v === true],
  [['securityContext', 'seccompProfile'], (v) => v !== undefined && v !== null],
  [['securityContext', 'fsGroup'], (v) => v !== undefined && v !== null],
  [['securityContext', 'fsGroupChangePolicy'], (v) => v !== undefined && v !== null],
  [['securityContext', 'sysctls'], (v) => asArray(v).length > 0],
  [['shareProcessNamespace'], (v) => v !== undefined && v !== null],
  [['securityContext', 'runAsUser'], (v) => v !== undefined && v !== null],
  [['securityContext', 'runAsGroup'], (v) => v !== undefined && v !== null],
  [['securityContext', 'supplementalGroups'], (v) => v !== undefined && v !== null],
];

/** Container securityContext fields validateWindows forbids (v1.28 field set). */
const WINDOWS_CONTAINER_FIELDS = [
  'seLinuxOptions', 'seccompProfile', 'capabilities', 'readOnlyRootFilesystem', 'privileged',
  'allowPrivilegeEscalation', 'procMount', 'runAsUser', 'runAsGroup',
];

function at(spec: unknown, path: Path): unknown {
  return path.reduce<unknown>((o, k) => field(o, String(k)), spec);
}

/**
 * spec.os.name is linux or windows. A Linux pod may not set windowsOptions; a
 * Windows pod may not set the Linux-only security fields (SELinux, seccomp,
 * fsGroup, sysctls, run-as IDs, capabilities, privileged, ...) nor hostPID,
 * hostIPC or shareProcessNamespace. Follows validateOS, validateLinux and
 * validateWindows in ValidatePodSpec (v1.28). hostUsers is not checked: 1.28
 * drops it while the UserNamespacesSupport gate is off.
 */
export default podRule({
  id: 'pod-os',
  layer: 'api-server',
  severity: 'error',
  description: 'spec.os.name must be linux or windows, and the pod may not set security fields of the other OS.',
  fix: 'Set os.name to linux or windows; remove windowsOptions from Linux pods, and Linux-only settings (seccomp, SELinux, run-as IDs, capabilities, sysctls, host namespaces) from Windows pods.',
  source: 'validateOS, validateLinux and validateWindows in pkg/apis/core/validation/validation.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/concepts/workloads/pods/#pod-os',
}, (ctx) => {
  const spec = ctx.pod.spec;
  const os = field(spec, 'os');
  if (!isObject(os)) return;
  const name = field(os, 'name');
  // A missing name is the schema layer's `Required value` (schema-required).
  if (name === undefined || name === null || typeof name !== 'string') return;
  if (name === '') {
    ctx.report({ path: ['os', 'name'], message: fieldRequired('cannot be empty') });
    return;
  }
  if (!OSES.includes(name)) {
    ctx.report({ path: ['os'], message: fieldNotSupported(name, OSES) });
    return;
  }
  const containers = containersOf(spec, ['initContainers', 'containers', 'ephemeralContainers']);
  if (name === 'linux') {
    if (isSet(field(field(spec, 'securityContext'), 'windowsOptions'))) {
      ctx.report({ path: ['securityContext', 'windowsOptions'], message: fieldForbidden(NOT_LINUX) });
    }
    for (const c of containers) {
      if (isSet(field(field(c.container, 'securityContext'), 'windowsOptions'))) {
        ctx.report({ path: [...c.path, 'securityContext', 'windowsOptions'], message: fieldForbidden(NOT_LINUX) });
      }
    }
    return;
  }
  for (const [path, set] of WINDOWS_POD_FIELDS) {
    if (set(at(spec, path))) ctx.report({ path, message: fieldForbidden(NOT_WINDOWS) });
  }
  for (const c of containers) {
    const sc = field(c.container, 'securityContext');
    if (!isObject(sc)) continue;
    for (const key of WINDOWS_CONTAINER_FIELDS) {
      if (isSet(field(sc, key))) ctx.report({ path: [...c.path, 'securityContext', key], message: fieldForbidden(NOT_WINDOWS) });
    }
  }
});

function isSet(v: unknown): boolean {
  return v !== undefined && v !== null;
}
