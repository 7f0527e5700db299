/**
 * Byte helpers for the TLS presentation language used by RFC 9577/9578 and
 * the batched-tokens draft. Uint8Array only, so the core runs in browsers.
 */
import { DeserializeError, InputValidationError } from './errors.js';

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let len = 0;
  for (const p of parts) len += p.length;
  const out = new Uint8Array(len);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

export function u16(n: number): Uint8Array {
  return Uint8Array.of((n >>> 8) & 0xff, n & 0xff);
}

/**
 * Constant-time equality. Authenticators and key ids are compared with this so
 * that timing does not leak how many leading bytes matched. Length is public.
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return constantTimeEqual(a, b);
}

/** Defensive copy that also rejects non-Uint8Array input from JS callers. */
export function copyBytes(b: Uint8Array, what: string): Uint8Array {
  if (!(b instanceof Uint8Array)) throw new InputValidationError('invalid_argument', `${what}: expected Uint8Array`);
  return Uint8Array.from(b);
}

export function expectLength(b: Uint8Array, len: number, what: string): void {
  if (!(b instanceof Uint8Array)) throw new InputValidationError('invalid_argument', `${what}: expected Uint8Array`);
  if (b.length !== len)
    throw new InputValidationError('invalid_argument', `${what}: expected ${len} bytes, got ${b.length}`);
}

/**
 * Cursor over an input buffer. Every read checks bounds; `end()` enforces that
 * nothing trails the structure (a struct is exactly its encoding).
 */
export class Reader {
  private off = 0;
  constructor(
    private readonly buf: Uint8Array,
    private readonly what: string,
  ) {
    if (!(buf instanceof Uint8Array)) throw new DeserializeError('invalid_length', `${what}: expected Uint8Array`);
  }

  get remaining(): number {
    return this.buf.length - this.off;
  }

  bytes(n: number, field: string): Uint8Array {
    if (n > this.remaining) {
      throw new DeserializeError(
        'truncated',
        `${this.what}: truncated reading ${field} (need ${n}, have ${this.remaining})`,
      );
    }
    const out = this.buf.slice(this.off, this.off + n);
    this.off += n;
    return out;
  }

  u8(field: string): number {
    return this.bytes(1, field)[0];
  }

  u16(field: string): number {
    const b = this.bytes(2, field);
    return (b[0] << 8) | b[1];
  }

  /** opaque field<0..2^8-1> */
  vec8(field: string): Uint8Array {
    return this.bytes(this.u8(field), field);
  }

  /** opaque field<0..2^16-1> */
  vec16(field: string): Uint8Array {
    return this.bytes(this.u16(field), field);
  }

  /** opaque field<V>: QUIC variable-length integer prefix (batched-tokens draft §3.2). */
  vecV(field: string): Uint8Array {
    return this.bytes(this.varint(field), field);
  }

  /**
   * RFC 9000 §16 varint, but the batched-tokens draft §3.2 requires the
   * minimum-size encoding, so longer-than-needed forms are rejected.
   */
  varint(field: string): number {
    const first = this.u8(field);
    const prefix = first >> 6;
    const len = 1 << prefix;
    let v = first & 0x3f;
    const rest = this.bytes(len - 1, field);
    for (const b of rest) v = v * 256 + b;
    const min = len === 1 ? 0 : len === 2 ? 64 : len === 4 ? 16384 : 1073741824;
    if (v < min) throw new DeserializeError('invalid_varint', `${this.what}: non-minimal varint for ${field}`);
    return v;
  }

  end(): void {
    if (this.remaining !== 0) {
      throw new DeserializeError('trailing_bytes', `${this.what}: ${this.remaining} trailing byte(s)`);
    }
  }
}

/** Minimal-size QUIC varint (batched-tokens draft §3.2, RFC 9000 §16). */
export function encodeVarint(v: number): Uint8Array {
  if (!Number.isSafeInteger(v) || v < 0)
    throw new InputValidationError('invalid_argument', 'varint: expected a non-negative integer');
  if (v < 64) return Uint8Array.of(v);
  if (v < 16384) return Uint8Array.of(0x40 | (v >> 8), v & 0xff);
  if (v < 1073741824) return Uint8Array.of(0x80 | (v >>> 24), (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
  throw new InputValidationError('invalid_argument', 'varint: value too large for this library');
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64URL_INDEX: Record<string, number> = Object.fromEntries([...B64URL].map((c, i) => [c, i]));

/** RFC 4648 §5 base64url with padding (RFC 9577 §2.1, RFC 9578 §4 require padding). */
export function base64urlEncode(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 3 <= bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += B64URL[n >> 18] + B64URL[(n >> 12) & 63] + B64URL[(n >> 6) & 63] + B64URL[n & 63];
  }
  const rem = bytes.length - i;
  if (rem === 1) {
    const n = bytes[i] << 16;
    out += B64URL[n >> 18] + B64URL[(n >> 12) & 63] + '==';
  } else if (rem === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += B64URL[n >> 18] + B64URL[(n >> 12) & 63] + B64URL[(n >> 6) & 63] + '=';
  }
  return out;
}

/**
 * Strict base64url-with-padding decoder: the length must be a multiple of 4,
 * '=' may only close the last quantum, no '+', '/', whitespace, and the unused
 * bits of the last symbol must be zero, so every byte string has exactly one
 * accepted encoding.
 */
export function base64urlDecode(s: string, what = 'base64url'): Uint8Array {
  const fail = (why: string): never => {
    throw new DeserializeError('invalid_base64url', `${what}: ${why}`);
  };
  if (typeof s !== 'string') fail('expected a string');
  if (s.length % 4 !== 0) fail('length is not a multiple of 4 (padding is required)');
  let pad = 0;
  if (s.endsWith('==')) pad = 2;
  else if (s.endsWith('=')) pad = 1;
  const body = s.slice(0, s.length - pad);
  const vals: number[] = [];
  for (const c of body) {
    const v = B64URL_INDEX[c];
    if (v === undefined) fail(`invalid character ${JSON.stringify(c)}`);
    vals.push(v);
  }
  const out = new Uint8Array((body.length * 6) >> 3);
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (const v of vals) {
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  if (bits > 0 && (acc & ((1 << bits) - 1)) !== 0) fail('non-zero padding bits');
  return out;
}

export function utf8Encode(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

export function asciiDecode(b: Uint8Array, what: string, allowEmpty: boolean): string {
  if (!allowEmpty && b.length === 0) throw new DeserializeError('invalid_string', `${what}: must not be empty`);
  let s = '';
  for (const c of b) {
    // RFC 9577 §2.1.1: issuer_name and origin_info are ASCII host names.
    if (c < 0x20 || c > 0x7e)
      throw new DeserializeError('invalid_string', `${what}: non-printable-ASCII byte 0x${c.toString(16)}`);
    s += String.fromCharCode(c);
  }
  return s;
}

export function toHex(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}

export function fromHex(h: string): Uint8Array {
  if (h.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(h))
    throw new InputValidationError('invalid_argument', 'invalid hex');
  const out = new Uint8Array(h.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(h.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export type RandomBytes = (length: number) => Uint8Array;

/** Web Crypto CSPRNG; injectable everywhere randomness is used so tests can pin it. */
export const defaultRandomBytes: RandomBytes = (length) => {
  const out = new Uint8Array(length);
  globalThis.crypto.getRandomValues(out);
  return out;
};
