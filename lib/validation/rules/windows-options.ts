import { podRule } from '../util/define-rule';
import { containersOf } from '../util/containers';
import { fieldInvalid, isDNS1123Subdomain } from '../util/k8s-names';
import { SpecError } from '../util/pod-validation';
import { Path } from '../types';
import { field, isObject } from '../util/values';

const MAX_GMSA_SPEC_KIB = 64;
const MAX_DOMAIN_LENGTH = 256;
const MAX_USER_LENGTH = 104;
// eslint-disable-next-line no-control-regex
const CTRL = /[\x00-\x1f\x7f]/;
const NETBIOS = /^[^\\/:*?"<>|.][^\\/:*?"<>|]{0,14}$/;
const DNS_LABEL = '[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?';
const DOMAIN_DNS = new RegExp(`^${DNS_LABEL}(?:\\.${DNS_LABEL})*$`);
const USER_BAD_CHARS = /["/\\:;|=,+*?<>@[\]]/;
const USER_DOTS_SPACES = /^[. ]+$/;

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** validateWindowsSecurityContextOptions. */
function windowsOptions(wo: unknown, at: Path): SpecError[] {
  if (!isObject(wo)) return [];
  const errs: SpecError[] = [];
  const bad = (key: string, value: string, msg: string) => errs.push({ path: [...at, key], message: fieldInvalid(value, msg) });
  const specName = field(wo, 'gmsaCredentialSpecName');
  if (typeof specName === 'string') for (const m of isDNS1123Subdomain(specName)) bad('gmsaCredentialSpecName', specName, m);
  const spec = field(wo, 'gmsaCredentialSpec');
  if (typeof spec === 'string') {
    if (spec.length === 0) bad('gmsaCredentialSpec', spec, 'gmsaCredentialSpec cannot be an empty string');
    else if (bytes(spec) > MAX_GMSA_SPEC_KIB * 1024) bad('gmsaCredentialSpec', spec, `gmsaCredentialSpec size must be under ${MAX_GMSA_SPEC_KIB} KiB`);
  }
  const user = field(wo, 'runAsUserName');
  if (typeof user === 'string') {
    const parts = user.split('\\');
    if (user.length === 0) bad('runAsUserName', user, 'runAsUserName cannot be an empty string');
    else if (CTRL.test(user)) bad('runAsUserName', user, 'runAsUserName cannot contain control characters');
    else if (parts.length > 2) bad('runAsUserName', user, 'runAsUserName cannot contain more than one backslash');
    else {
      const hasDomain = parts.length === 2;
      const domain = hasDomain ? parts[0]! : '';
      const name = hasDomain ? parts[1]! : parts[0]!;
      if (bytes(domain) >= MAX_DOMAIN_LENGTH) bad('runAsUserName', user, `runAsUserName's Domain length must be under ${MAX_DOMAIN_LENGTH} characters`);
      if (hasDomain && !(NETBIOS.test(domain) || DOMAIN_DNS.test(domain))) bad('runAsUserName', user, "runAsUserName's Domain doesn't match the NetBios nor the DNS format");
      if (name.length === 0) bad('runAsUserName', user, "runAsUserName's User cannot be empty");
      else if (bytes(name) > MAX_USER_LENGTH) bad('runAsUserName', user, `runAsUserName's User length must not be longer than ${MAX_USER_LENGTH} characters`);
      if (USER_DOTS_SPACES.test(name)) bad('runAsUserName', user, "runAsUserName's User cannot contain only periods or spaces");
      if (USER_BAD_CHARS.test(name)) bad('runAsUserName', user, 'runAsUserName\'s User cannot contain the following characters: "/\\:;|=,+*?<>@[]');
    }
  }
  return errs;
}

/**
 * Windows security options: gmsaCredentialSpecName a DNS subdomain,
 * gmsaCredentialSpec non-empty and under 64 KiB, runAsUserName a valid
 * `[DOMAIN\]USER`; and HostProcess consistency: a container's hostProcess equals
 * the pod's when both are set, a pod with one HostProcess container has only
 * HostProcess containers, and sets hostNetwork. Follows
 * validateWindowsSecurityContextOptions and validateWindowsHostProcessPod
 * (v1.28). The cluster policy check ("hostProcess containers are disallowed by
 * cluster policy", kube-apiserver --allow-privileged=false) depends on the
 * cluster and is not made here.
 */
export default podRule({
  id: 'windows-options',
  layer: 'api-server',
  severity: 'error',
  description: 'Windows security options need valid GMSA and user names, and HostProcess settings consistent across the pod.',
  fix: 'Use a DNS subdomain for gmsaCredentialSpecName and a DOMAIN\\user runAsUserName; make every container a HostProcess container (or none) and set hostNetwork: true with HostProcess.',
  source: 'validateWindowsSecurityContextOptions and validateWindowsHostProcessPod in pkg/apis/core/validation/validation.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/tasks/configure-pod-container/create-hostprocess-pod/',
}, (ctx) => {
  const spec = ctx.pod.spec;
  const errs: SpecError[] = [];
  // validateContainers, validateInitContainers, validateEphemeralContainers run before the pod's security context.
  for (const c of containersOf(spec)) {
    errs.push(...windowsOptions(field(field(c.container, 'securityContext'), 'windowsOptions'), [...c.path, 'securityContext', 'windowsOptions']));
  }
  errs.push(...windowsOptions(field(field(spec, 'securityContext'), 'windowsOptions'), ['securityContext', 'windowsOptions']));

  // validateWindowsHostProcessPod visits init containers, containers, then ephemeral containers.
  const flag = (v: unknown) => (typeof v === 'boolean' ? v : undefined);
  const podHP = flag(field(field(field(spec, 'securityContext'), 'windowsOptions'), 'hostProcess'));
  let count = 0;
  let hpCount = 0;
  for (const c of containersOf(spec, ['initContainers', 'containers', 'ephemeralContainers'])) {
    count++;
    const hp = flag(field(field(field(c.container, 'securityContext'), 'windowsOptions'), 'hostProcess'));
    if (podHP !== undefined && hp !== undefined && podHP !== hp) {
      errs.push({
        path: [...c.path, 'securityContext', 'windowsOptions', 'hostProcess'],
        message: fieldInvalid(hp, `pod hostProcess value must be identical if both are specified, was ${podHP}`),
      });
    }
    if (hp === true || (hp === undefined && podHP === true)) hpCount++;
  }
  if (hpCount > 0) {
    if (hpCount !== count) errs.push({ path: [], message: fieldInvalid('', 'If pod contains any hostProcess containers then all containers must be HostProcess containers') });
    const hostNetwork = field(spec, 'hostNetwork') === true;
    if (!hostNetwork) errs.push({ path: ['hostNetwork'], message: fieldInvalid(false, 'hostNetwork must be true if pod contains any hostProcess containers') });
  }
  for (const e of errs) ctx.report(e);
});
