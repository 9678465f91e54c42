import { isIP } from 'net';
import { podRule } from '../util/define-rule';
import { fieldInvalid, isDNS1123Subdomain } from '../util/k8s-names';
import { asArray, field, isObject } from '../util/values';

/**
 * netutils.ParseIPSloppy: an IPv4 or IPv6 address; unlike Node's parser it also
 * accepts IPv4 octets with leading zeros (read as decimal).
 */
function parsesAsIP(value: string): boolean {
  if (isIP(value) !== 0) return true;
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(value);
  return m !== null && m.slice(1).every((o) => Number(o) <= 255);
}

/**
 * Each host alias needs an IP address and DNS-1123 subdomain hostnames. The
 * 1.28 server reports both without the alias index (`spec.hostAliases.ip`,
 * `spec.hostAliases.hostnames`); later servers add it. hostAliases with
 * hostNetwork are accepted. Follows ValidateHostAliases (v1.28).
 */
export default podRule({
  id: 'host-aliases',
  layer: 'api-server',
  severity: 'error',
  description: 'hostAliases entries need a valid IP address and DNS-1123 subdomain hostnames.',
  fix: 'Give each host alias an IPv4 or IPv6 address and lowercase hostnames of letters, digits, \'-\' and \'.\'.',
  source: 'ValidateHostAliases in pkg/apis/core/validation/validation.go (v1.28)',
  docsUrl: 'https://kubernetes.io/docs/tasks/network/customize-hosts-file-for-pods/',
}, (ctx) => {
  for (const alias of asArray(field(ctx.pod.spec, 'hostAliases'))) {
    if (!isObject(alias)) continue;
    const ip = field(alias, 'ip');
    const text = typeof ip === 'string' ? ip : ip === undefined || ip === null ? '' : undefined;
    if (text !== undefined && !parsesAsIP(text)) ctx.report({ path: ['hostAliases', 'ip'], message: fieldInvalid(text, 'must be valid IP address') });
    for (const h of asArray(field(alias, 'hostnames'))) {
      if (typeof h !== 'string') continue;
      for (const m of isDNS1123Subdomain(h)) ctx.report({ path: ['hostAliases', 'hostnames'], message: fieldInvalid(h, m) });
    }
  }
});
