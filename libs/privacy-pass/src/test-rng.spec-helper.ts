/**
 * Test-only helpers: a queued RNG that pins nonces and scalars. A scalar r is
 * pinned by feeding noble's RandomScalar (RFC 9497 §2.1, via mapHashToField:
 * 1 + (x mod (n-1))) the 72-byte big-endian encoding of r - 1, as noble's own
 * RFC 9497 tests do.
 */
import { bytesToNumberBE, numberToBytesBE } from '@noble/curves/utils.js';

export const SCALAR_RNG_BYTES = 72;

export function mockScalar(scalar: Uint8Array): Uint8Array {
  return numberToBytesBE(bytesToNumberBE(scalar) - 1n, SCALAR_RNG_BYTES);
}

export function queueRng(queue: Uint8Array[]): (len: number) => Uint8Array {
  return (len: number) => {
    const next = queue.shift();
    if (!next) throw new Error('test RNG exhausted');
    if (next.length !== len) throw new Error(`test RNG: wanted ${len} bytes, queued ${next.length}`);
    return next;
  };
}

export function hex(h: string): Uint8Array {
  const out = new Uint8Array(h.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(h.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function toHex(b: Uint8Array): string {
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
}
