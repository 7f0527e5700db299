import { describe, expect, it } from '@jest/globals';
import { clientKey, clientNetwork } from './client-key.js';

describe('client keys', () => {
  it('groups IPv6 by /64 and keeps IPv4 (also IPv4-mapped) as is', () => {
    expect(clientNetwork('2001:db8:a:b::1')).toBe('2001:0db8:000a:000b::/64');
    expect(clientNetwork('2001:DB8:A:B:ffff:ffff:ffff:ffff')).toBe('2001:0db8:000a:000b::/64');
    expect(clientNetwork('2001:db8:a:c::1')).toBe('2001:0db8:000a:000c::/64');
    expect(clientNetwork('::1')).toBe('0000:0000:0000:0000::/64');
    expect(clientNetwork('fe80::1%eth0')).toBe('fe80:0000:0000:0000::/64');
    expect(clientNetwork('192.0.2.7')).toBe('192.0.2.7');
    expect(clientNetwork('::ffff:192.0.2.7')).toBe('192.0.2.7');
  });

  it('depends on the rotating key, so a new key gives unrelated client keys', () => {
    const a = new Uint8Array(32).fill(1);
    const b = new Uint8Array(32).fill(2);
    expect(clientKey(a, '192.0.2.7')).toBe(clientKey(a, '192.0.2.7'));
    expect(clientKey(a, '192.0.2.7')).not.toBe(clientKey(b, '192.0.2.7'));
    expect(clientKey(a, '2001:db8::1')).toBe(clientKey(a, '2001:db8::2'));
    expect(clientKey(a, '192.0.2.7')).not.toContain('192');
  });
});
