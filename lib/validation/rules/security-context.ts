import { podRule } from '../util/define-rule';
import { containersOf } from '../util/containers';
import { fieldInvalid, fieldNotSupported, fieldRequired, isValidGroupID, isValidUserID } from '../util/k8s-names';
import { localDescendingPath, SpecError } from '../util/pod-validation';
import { Path } from '../types';
import { asArray, field, isObject } from '../util/values';

const SECCOMP_TYPES = ['Localhost', 'RuntimeDefault', 'Unconfined'];

/** validateSeccompProfileField. */
function seccomp(sp: unknown, at: Path): SpecError[] {
  if (!isObject(sp)) return [];
  const errs: SpecError[] = [];
  const type = field(sp, 'type');
  if (type === undefined || type === '') errs.push({ path: [...at, 'type'], message: fieldRequired('type is required when seccompProfile is set') });
  else if (typeof type === 'string' && !SECCOMP_TYPES.includes(type)) errs.push({ path: [...at, 'type'], message: fieldNotSupported(type, SECCOMP_TYPES) });
  const profile = field(sp, 'localhostProfile');
  if (type === 'Localhost') {
    if (typeof profile !== 'string') errs.push({ path: [...at, 'localhostProfile'], message: fieldRequired('must be set when seccomp type is Localhost') });
    else errs.push(...localDescendingPath(profile, [...at, 'localhostProfile']));
  } else if (profile !== undefined && profile !== null) {
    errs.push({ path: [...at, 'localhostProfile'], message: fieldInvalid(sp, 'can only be set when seccomp type is Localhost') });
  }
  return errs;
}

function ids(sc: KubeLike, at: Path, keys: readonly (readonly [string, (n: number) => string[]])[]): SpecError[] {
  const errs: SpecError[] = [];
  for (const [key, check] of keys) {
    const v = field(sc, key);
    if (typeof v === 'number') for (const m of check(v)) errs.push({ path: [...at, key], message: fieldInvalid(v, m) });
  }
  return errs;
}
type KubeLike = Record<string, unknown>;

/**
 * Security contexts: user and group IDs within 0..2147483647, a complete seccomp
 * profile (Localhost needs localhostProfile, other types forbid it), and no
 * allowPrivilegeEscalation: false together with privileged: true or an added
 * CAP_SYS_ADMIN, and no shareProcessNamespace together with hostPID. Follows
 * ValidateSecurityContext, validatePodSpecSecurityContext and
 * validateSeccompProfileField (v1.28). procMount is not checked: 1.28 resets it
 * while the ProcMountType gate is off.
 */
export default podRule({
  id: 'security-context',
  layer: 'api-server',
  severity: 'error',
  description: 'Security contexts need valid user and group IDs, a complete seccomp profile and consistent privilege settings.',
  fix: 'Use IDs between 0 and 2147483647, set localhostProfile only (and always) with seccomp type Localhost, and do not combine allowPrivilegeEscalation: false with privileged or CAP_SYS_ADMIN.',
  source: 'ValidateSecurityContext, ValidatePodSecurityContext and validateSeccompProfileField in pkg/apis/core/validation/validation.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
}, (ctx) => {
  const errs: SpecError[] = [];
  const podSc = field(ctx.pod.spec, 'securityContext');
  if (isObject(podSc)) {
    const at: Path = ['securityContext'];
    errs.push(...ids(podSc, at, [['runAsUser', isValidUserID], ['runAsGroup', isValidGroupID], ['fsGroup', isValidGroupID]]));
    asArray(field(podSc, 'supplementalGroups')).forEach((g, i) => {
      if (typeof g === 'number') for (const m of isValidGroupID(g)) errs.push({ path: [...at, 'supplementalGroups', i], message: fieldInvalid(g, m) });
    });
    errs.push(...seccomp(field(podSc, 'seccompProfile'), [...at, 'seccompProfile']));
  }
  // The internal PodSecurityContext holds shareProcessNamespace and hostPID, so the
  // server reports this under securityContext even though both are spec fields.
  if (field(ctx.pod.spec, 'shareProcessNamespace') === true && field(ctx.pod.spec, 'hostPID') === true) {
    errs.push({ path: ['securityContext', 'shareProcessNamespace'], message: fieldInvalid(true, 'ShareProcessNamespace and HostPID cannot both be enabled') });
  }
  for (const c of containersOf(ctx.pod.spec)) {
    const sc = field(c.container, 'securityContext');
    if (!isObject(sc)) continue;
    const at = [...c.path, 'securityContext'];
    errs.push(...ids(sc, at, [['runAsUser', isValidUserID], ['runAsGroup', isValidGroupID]]));
    errs.push(...seccomp(field(sc, 'seccompProfile'), [...at, 'seccompProfile']));
    if (field(sc, 'allowPrivilegeEscalation') === false) {
      if (field(sc, 'privileged') === true) {
        errs.push({ path: at, message: fieldInvalid(sc, 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true') });
      }
      for (const cap of asArray(field(field(sc, 'capabilities'), 'add'))) {
        if (cap === 'CAP_SYS_ADMIN') errs.push({ path: at, message: fieldInvalid(sc, 'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN') });
      }
    }
  }
  for (const e of errs) ctx.report(e);
});
