import { createHmac } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';

/**
 * What one client is, for rate limits: an IPv4 address, or the /64 of an IPv6
 * address (one subscriber usually holds a whole /64, so per-address buckets
 * would hand each of them 2^64 buckets). IPv4-mapped IPv6 counts as IPv4.
 */
export function clientNetwork(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1];
  if (isIPv4(ip)) return ip;
  if (!isIPv6(ip)) return ip;
  return `${expandIPv6(ip).slice(0, 4).join(':')}::/64`;
}

/** Eight 4-digit lowercase hextets. */
function expandIPv6(ip: string): string[] {
  const [head, tail] = ip.toLowerCase().split('%')[0].split('::') as [string, string | undefined];
  const parts = (s: string | undefined) => (s ? s.split(':') : []);
  const left = parts(head);
  const right = parts(tail);
  // An embedded IPv4 tail (::1.2.3.4) only affects the last 32 bits, never the /64.
  const missing = 8 - left.length - right.length;
  const all = tail === undefined ? left : [...left, ...Array<string>(Math.max(missing, 0)).fill('0'), ...right];
  return all.map((h) => h.padStart(4, '0'));
}

/**
 * Rate-limit key of a client: HMAC under a random key that lives only in Redis
 * for a day or two (see RateLimitsService), never a keyed hash under a
 * long-lived secret, which anyone holding that secret could reverse by trying
 * every address (issue 15). Once the day's key has expired the key is noise.
 */
export function clientKey(rotatingKey: Uint8Array, ip: string): string {
  return createHmac('sha256', rotatingKey)
    .update(`client\u0000${clientNetwork(ip)}`, 'utf8')
    .digest('base64url')
    .slice(0, 22);
}
