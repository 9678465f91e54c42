/**
 * ValidateEndpointIP and ValidateIPAddress (pkg/apis/core/validation/validation.go, v1.28):
 * the messages for an endpoint IP, labelled by a v1.28.15 API server.
 */
import { cidrContains, parseCIDR, parseIP } from './net';

const RANGES: readonly [string[], string][] = [
  [['127.0.0.0/8', '::1/128'], 'may not be in the loopback range (127.0.0.0/8, ::1/128)'],
  [['169.254.0.0/16', 'fe80::/10'], 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'],
  [['224.0.0.0/24', 'ff02::/16'], 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'],
];

export function endpointIPErrors(ip: string): string[] {
  const parsed = parseIP(ip);
  if (!parsed) return ['must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)', 'must be a valid IP address'];
  if (parsed.bytes.every((b, i) => (parsed.v4 ? i < 12 || b === 0 : b === 0))) return [`may not be unspecified (${parsed.v4 ? '0.0.0.0' : '::'})`];
  for (const [cidrs, msg] of RANGES) {
    if (cidrs.some((c) => cidrContains(parseCIDR(c)!, parsed))) return [msg];
  }
  return [];
}
