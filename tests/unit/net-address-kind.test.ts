import { describe, expect, it } from 'vitest';
import { addressKind, isIpLiteral } from '../../electron/core/net/address-kind.ts';

describe('addressKind', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'], // v4-mapped
    ['::ffff:7f00:1', 'loopback'], // the same, in hex
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.20', 'private'],
    ['100.64.0.1', 'private'],
    ['fd12:3456::1', 'private'], // unique-local
    ['fc00::1', 'private'],
    ['::ffff:192.168.0.1', 'private'],
    ['2002:c0a8:0101::1', 'private'], // 6to4 around 192.168.1.1
    ['64:ff9b::a00:1', 'private'], // NAT64 around 10.0.0.1
    ['169.254.169.254', 'link-local'], // cloud metadata
    ['fe80::1%eth0', 'link-local'],
    ['0.0.0.0', 'reserved'],
    ['::', 'reserved'],
    ['224.0.0.1', 'reserved'],
    ['255.255.255.255', 'reserved'],
    ['192.0.2.10', 'reserved'],
    ['2001:db8::1', 'reserved'],
    ['ff02::1', 'reserved'],
    ['::7f00:1', 'reserved'], // deprecated v4-compatible form
  ])('%s is %s', (address, kind) => {
    expect(addressKind(address)).toBe(kind);
  });

  it.each(['8.8.8.8', '104.16.0.1', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '2001:4860:4860::8888', '::ffff:8.8.8.8'])(
    '%s is public',
    (address) => {
      expect(addressKind(address)).toBe('public');
    },
  );

  it('refuses what is not an address, and tells literals from names', () => {
    expect(() => addressKind('localhost')).toThrow(/not an IP address/);
    expect([isIpLiteral('[::1]'), isIpLiteral('10.0.0.1'), isIpLiteral('kinovi.ai'), isIpLiteral('localhost')]).toEqual([true, true, false, false]);
  });
});
