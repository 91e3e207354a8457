import { isIP } from 'node:net';
import { describe, expect, it } from 'vitest';
import { canonicalIpEntry, parseIpEntry } from './ip-allowlist';

describe('parseIpEntry', () => {
  it('accepts addresses and CIDR classes, in their canonical spelling', () => {
    const cases: [string, string][] = [
      ['192.0.2.1', '192.0.2.1'],
      [' 192.0.2.1 ', '192.0.2.1'],
      ['192.0.2.1/32', '192.0.2.1'],
      ['10.0.0.0/8', '10.0.0.0/8'],
      ['0.0.0.0/0', '0.0.0.0/0'],
      ['2001:DB8::1', '2001:db8::1'],
      ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
      ['2001:db8::/32', '2001:db8::/32'],
      ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
      ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
      ['::1', '::1'],
      ['::', '::'],
      ['::/0', '::/0'],
      ['::ffff:192.0.2.1', '::ffff:192.0.2.1'],
      ['::ffff:c000:0201', '::ffff:192.0.2.1'],
      ['fe80::/10', 'fe80::/10'],
      ['1:2:3:4:5:6:7::', '1:2:3:4:5:6:7:0'],
    ];
    for (const [input, value] of cases) expect(parseIpEntry(input), input).toMatchObject({ ok: true, value });
    expect(parseIpEntry('192.0.2.1')).toMatchObject({ family: 4 });
    expect(parseIpEntry('::1')).toMatchObject({ family: 6 });
  });

  it('refuses anything that is not an address or a class', () => {
    for (const bad of [
      '',
      'localhost',
      '256.0.0.1',
      '01.2.3.4',
      '1.2.3',
      '1.2.3.4.5',
      '1.2.3.4/33',
      '1.2.3.4/',
      '1.2.3.4/08',
      '1.2.3.4/-1',
      '1.2.3.4/8/8',
      '::1/129',
      '1::2::3',
      '12345::1',
      'fe80::1%eth0',
      '[::1]',
      '1.2.3.4::1',
      ':1::',
      '1:2:3:4:5:6:7:8:9',
      '1:2:3:4:5:6:7',
      'g::1',
      '1.2.3.4 5.6.7.8',
    ]) {
      expect(parseIpEntry(bad), bad).toEqual({ ok: false, reason: 'invalid' });
    }
  });

  it('refuses a class with host bits set and names the network meant', () => {
    expect(parseIpEntry('10.0.0.1/8')).toEqual({ ok: false, reason: 'hostBits', network: '10.0.0.0/8' });
    expect(parseIpEntry('192.168.1.77/24')).toEqual({ ok: false, reason: 'hostBits', network: '192.168.1.0/24' });
    expect(parseIpEntry('192.168.1.77/30')).toEqual({ ok: false, reason: 'hostBits', network: '192.168.1.76/30' });
    expect(parseIpEntry('2001:db8::1/64')).toEqual({ ok: false, reason: 'hostBits', network: '2001:db8::/64' });
    expect(parseIpEntry('2001:db8:abcd:c2ff::/50')).toEqual({ ok: false, reason: 'hostBits', network: '2001:db8:abcd:c000::/50' });
  });

  it('agrees with node:net on what an address is', () => {
    const samples = ['1.1.1.1', '255.255.255.255', '1.1.1.01', '::', '::1', '::ffff:1.2.3.4', '1::', '1:2:3:4:5:6:1.2.3.4', '1:2:3:4:5:6:7:1.2.3.4', 'abcd::ef01:1.2.3.4', 'a:b', 'x'];
    for (const address of samples) expect(parseIpEntry(address).ok, address).toBe(isIP(address) !== 0);
  });

  it('reads back what Postgres writes', () => {
    expect(canonicalIpEntry('10.0.0.1/32')).toBe('10.0.0.1');
    expect(canonicalIpEntry('2001:db8::1/128')).toBe('2001:db8::1');
    expect(canonicalIpEntry('10.0.0.0/8')).toBe('10.0.0.0/8');
  });
});
