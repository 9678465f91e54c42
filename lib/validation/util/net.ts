/**
 * IP and CIDR parsing the way the v1.28 API server does it: k8s.io/utils/net
 * ParseIPSloppy / ParseCIDRSloppy (Go's net.ParseIP / net.ParseCIDR, but IPv4
 * octets may carry leading zeros). Used by the Service and NetworkPolicy rules.
 */
import { isIPv6 } from 'net';

/** An address as 16 bytes (IPv4 mapped into ::ffff:0:0/96, as Go stores it) and its family. */
export interface ParsedIP {
  readonly bytes: readonly number[];
  readonly v4: boolean;
}

const V4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function parseV4(s: string): number[] | undefined {
  const m = V4.exec(s);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  return octets.every((o) => o <= 255) ? octets : undefined;
}

/** Expands a valid IPv6 text (possibly with an embedded IPv4 tail) into 16 bytes. */
function parseV6(s: string): number[] | undefined {
  // Go rejects zones (`%eth0`) in ParseIP; Node accepts them.
  if (s.includes('%') || !isIPv6(s)) return undefined;
  let text = s;
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    const v4 = parseV4(text.slice(lastColon + 1));
    if (!v4) return undefined;
    tail = v4;
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const [head = '', rest] = text.split('::');
  const groups = (g: string) => (g === '' ? [] : g.split(':').map((h) => Number.parseInt(h, 16)));
  const left = groups(head);
  const right = rest === undefined ? [] : groups(rest);
  const fill = rest === undefined ? 0 : 8 - left.length - right.length;
  const all = [...left, ...new Array<number>(fill).fill(0), ...right];
  const bytes = all.flatMap((g) => [g >> 8, g & 0xff]);
  if (tail.length === 4) bytes.splice(12, 4, ...tail);
  return bytes.length === 16 ? bytes : undefined;
}

/** ParseIPSloppy: the address, or undefined when it is not one. */
export function parseIP(s: string): ParsedIP | undefined {
  const v4 = parseV4(s);
  if (v4) return { bytes: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...v4], v4: true };
  const v6 = parseV6(s);
  return v6 ? { bytes: v6, v4: false } : undefined;
}

/** A parsed CIDR: the masked network address and the prefix length in its own family (0-32 or 0-128). */
export interface ParsedCIDR {
  readonly network: ParsedIP;
  readonly prefix: number;
}

/** ParseCIDRSloppy: `ip/prefix`, or undefined when it does not parse. */
export function parseCIDR(s: string): ParsedCIDR | undefined {
  const slash = s.indexOf('/');
  if (slash < 0) return undefined;
  const ip = parseIP(s.slice(0, slash));
  const bits = s.slice(slash + 1);
  if (!ip || !/^\d{1,3}$/.test(bits)) return undefined;
  const prefix = Number(bits);
  if (prefix > (ip.v4 ? 32 : 128)) return undefined;
  return { network: { bytes: mask(ip.bytes, prefix + (ip.v4 ? 96 : 0)), v4: ip.v4 }, prefix };
}

function mask(bytes: readonly number[], bits: number): number[] {
  return bytes.map((b, i) => {
    const keep = Math.max(0, Math.min(8, bits - i * 8));
    return b & ((0xff << (8 - keep)) & 0xff);
  });
}

/** net.IPNet.Contains: same family and the address inside the network. */
export function cidrContains(cidr: ParsedCIDR, ip: ParsedIP): boolean {
  if (cidr.network.v4 !== ip.v4) return false;
  const masked = mask(ip.bytes, cidr.prefix + (cidr.network.v4 ? 96 : 0));
  return masked.every((b, i) => b === cidr.network.bytes[i]);
}
