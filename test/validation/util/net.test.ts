import { cidrContains, parseCIDR, parseIP } from '../../../lib/validation/util/net';

describe('util/net (ParseIPSloppy / ParseCIDRSloppy)', () => {
  test('IPv4, with the leading zeros Sloppy allows', () => {
    expect(parseIP('10.0.0.1')?.v4).toBe(true);
    expect(parseIP('010.000.000.001')?.v4).toBe(true);
    expect(parseIP('256.0.0.1')).toBeUndefined();
    expect(parseIP('10.0.0')).toBeUndefined();
  });
  test('IPv6, without zones', () => {
    expect(parseIP('2001:db8::1')?.v4).toBe(false);
    expect(parseIP('::ffff:10.0.0.1')?.bytes.slice(12)).toEqual([10, 0, 0, 1]);
    expect(parseIP('fe80::1%eth0')).toBeUndefined();
    expect(parseIP('example.com')).toBeUndefined();
  });
  test('CIDRs mask the host bits and bound the prefix', () => {
    expect(parseCIDR('172.17.1.7/16')?.network.bytes.slice(12)).toEqual([172, 17, 0, 0]);
    expect(parseCIDR('10.0.0.0/33')).toBeUndefined();
    expect(parseCIDR('10.0.0.0')).toBeUndefined();
    expect(parseCIDR('2001:db8::/129')).toBeUndefined();
    expect(parseCIDR('2001:db8::/32')?.prefix).toBe(32);
  });
  test('containment is per family', () => {
    const net = parseCIDR('10.0.0.0/8')!;
    expect(cidrContains(net, parseIP('10.255.1.2')!)).toBe(true);
    expect(cidrContains(net, parseIP('11.0.0.0')!)).toBe(false);
    expect(cidrContains(parseCIDR('2001:db8::/32')!, parseIP('2001:db8:ffff::1')!)).toBe(true);
    expect(cidrContains(parseCIDR('::/0')!, parseIP('10.0.0.1')!)).toBe(false);
  });
});
