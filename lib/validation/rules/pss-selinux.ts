import { Path } from '../types';
import { podRule } from '../util/define-rule';
import { containersPhrase, joinQuote, pluralize, PSS_DOCS, pssContainers, reportControl, securityContextOf, sortedSet } from '../util/pss';
import { asObject, field } from '../util/values';
import { atLeast } from '../util/version';

/** selinux_allowed_types_1_0 in check_seLinuxOptions.go; 1.31 adds container_engine_t. */
const TYPES_1_0: readonly string[] = ['', 'container_t', 'container_init_t', 'container_kvm_t'];
const TYPES_1_31: readonly string[] = [...TYPES_1_0, 'container_engine_t'];

/** Baseline control "SELinux": check_seLinuxOptions.go (`seLinuxOptions`, v1.0+; v1.31 widens the types). */
export default podRule({
  id: 'pss-selinux',
  layer: 'pod-security',
  severity: 'error',
  podSecurityLevel: 'baseline',
  description: 'Pods must not set a custom SELinux user or role, or a type outside the container types (Pod Security Standards, baseline).',
  fix: 'Remove seLinuxOptions.user and .role, and use type container_t, container_init_t or container_kvm_t (or leave it unset).',
  source: 'CheckSELinuxOptions (seLinuxOptions) in pod-security-admission policy/check_seLinuxOptions.go (v1.28)',
  docsUrl: PSS_DOCS,
}, (ctx) => {
  const allowed = atLeast(ctx.settings.k8sVersion, '1.31') ? TYPES_1_31 : TYPES_1_0;
  const badTypes: string[] = [];
  let setUser = false;
  let setRole = false;
  const valid = (opts: unknown): boolean => {
    let ok = true;
    const type = field(opts, 'type');
    const t = typeof type === 'string' ? type : '';
    if (!allowed.includes(t)) {
      ok = false;
      badTypes.push(t);
    }
    const user = field(opts, 'user');
    if (typeof user === 'string' && user !== '') {
      ok = false;
      setUser = true;
    }
    const role = field(opts, 'role');
    if (typeof role === 'string' && role !== '') {
      ok = false;
      setRole = true;
    }
    return ok;
  };
  const setters: string[] = [];
  const paths: { path: Path }[] = [];
  const podOpts = asObject(field(securityContextOf(ctx.pod.spec), 'seLinuxOptions'));
  if (podOpts && !valid(podOpts)) {
    setters.push('pod');
    paths.push({ path: ['securityContext', 'seLinuxOptions'] });
  }
  const bad: string[] = [];
  for (const c of pssContainers(ctx.pod.spec)) {
    const opts = asObject(field(securityContextOf(c.container), 'seLinuxOptions'));
    if (opts && !valid(opts)) {
      bad.push(c.name);
      paths.push({ path: [...c.path, 'securityContext', 'seLinuxOptions'] });
    }
  }
  if (bad.length > 0) setters.push(containersPhrase(bad));
  if (setters.length === 0) return;
  const data: string[] = [];
  const types = sortedSet(badTypes);
  if (types.length > 0) data.push(`${pluralize('type', 'types', types.length)} ${joinQuote(types)}`);
  if (setUser) data.push('user may not be set');
  if (setRole) data.push('role may not be set');
  reportControl(ctx, 'seLinuxOptions', `${setters.join(' and ')} set forbidden securityContext.seLinuxOptions: ${data.join('; ')}`, paths);
});
