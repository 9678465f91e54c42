import { podRule } from '../util/define-rule';
import { fieldInvalid, fieldNotSupported, fieldRequired, isDNS1123Subdomain, isDNS1123SubdomainWithUnderscore } from '../util/k8s-names';
import { asArray, asString, field, isObject } from '../util/values';
import { atLeast } from '../util/version';
import { isIP } from 'net';

const POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const MAX_SEARCH_LIST_CHARS = 2048;

/** How the server prints a []string bad value (Go's %#v): `[]string{"a", "b"}`. */
function goStrings(values: readonly unknown[]): string {
  return `[]string{${values.map((v) => JSON.stringify(String(v))).join(', ')}}`;
}

/**
 * dnsPolicy is one of ClusterFirstWithHostNet, ClusterFirst, Default, None; with
 * None, dnsConfig must list at least one nameserver; dnsConfig holds at most 3
 * IP nameservers, at most 32 search domains of at most 2048 characters joined
 * with spaces, and options with names. Follows validateDNSPolicy and
 * validatePodDNSConfig (v1.28).
 */
export default podRule({
  id: 'dns-policy',
  layer: 'api-server',
  severity: 'error',
  description: 'dnsPolicy must be a known value, and dnsPolicy None needs a dnsConfig with nameservers.',
  fix: 'Use dnsPolicy ClusterFirst (the default), ClusterFirstWithHostNet, Default or None; with None, add dnsConfig.nameservers.',
  source: 'validateDNSPolicy and validatePodDNSConfig in pkg/apis/core/validation/validation.go (v1.28; search paths with \'_\' from v1.33, RelaxedDNSSearchValidation on by default)',
  docsUrl: 'https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/#pod-s-dns-policy',
}, (ctx) => {
  const spec = ctx.pod.spec;
  const policy = field(spec, 'dnsPolicy');
  if (typeof policy === 'string' && policy !== '' && !POLICIES.includes(policy)) {
    ctx.report({ path: ['dnsPolicy'], message: fieldNotSupported(policy, POLICIES) });
  }
  const config = field(spec, 'dnsConfig');
  if (policy === 'None' && !isObject(config)) {
    ctx.report({ path: ['dnsConfig'], message: fieldRequired('must provide `dnsConfig` when `dnsPolicy` is None') });
    return;
  }
  if (!isObject(config)) return;
  const nameservers = asArray(field(config, 'nameservers'));
  if (policy === 'None' && nameservers.length === 0) {
    ctx.report({ path: ['dnsConfig', 'nameservers'], message: fieldRequired('must provide at least one DNS nameserver when `dnsPolicy` is None') });
  }
  if (nameservers.length > 3) {
    ctx.report({ path: ['dnsConfig', 'nameservers'], message: `Invalid value: ${goStrings(nameservers)}: must not have more than 3 nameservers` });
  }
  nameservers.forEach((ns, i) => {
    if (typeof ns === 'string' && isIP(ns) === 0) ctx.report({ path: ['dnsConfig', 'nameservers', i], message: fieldInvalid(ns, 'must be valid IP address') });
  });
  const searches = asArray(field(config, 'searches'));
  if (searches.length > 32) {
    ctx.report({ path: ['dnsConfig', 'searches'], message: `Invalid value: ${goStrings(searches)}: must not have more than 32 search paths` });
  }
  // Include the space between search paths.
  if (searches.map((x) => String(x)).join(' ').length > MAX_SEARCH_LIST_CHARS) {
    ctx.report({
      path: ['dnsConfig', 'searches'],
      message: `Invalid value: ${goStrings(searches)}: must not have more than ${MAX_SEARCH_LIST_CHARS} characters (including spaces) in the search list`,
    });
  }
  // From 1.33 RelaxedDNSSearchValidation (KEP-4427: alpha 1.32, beta and on by default 1.33)
  // lets a search path hold '_' (IsDNS1123SubdomainWithUnderscore).
  const check = atLeast(ctx.settings.k8sVersion, '1.33') ? isDNS1123SubdomainWithUnderscore : isDNS1123Subdomain;
  searches.forEach((s, i) => {
    const domain = asString(s);
    if (domain === undefined || domain === '.') return;
    // A trailing dot is allowed (validatePodDNSConfig strips it).
    const d = domain.endsWith('.') ? domain.slice(0, -1) : domain;
    for (const m of check(d)) ctx.report({ path: ['dnsConfig', 'searches', i], message: fieldInvalid(d, m) });
  });
  asArray(field(config, 'options')).forEach((o, i) => {
    if (!isObject(o)) return;
    const name = field(o, 'name');
    if (name === undefined || name === null || name === '') ctx.report({ path: ['dnsConfig', 'options', i], message: fieldRequired('must not be empty') });
  });
});
