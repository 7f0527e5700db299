/**
 * Byte helpers: TLS presentation language (RFC 8446 §3) as used by
 * draft-ietf-privacypass-arc-protocol, I2OSP/OS2IP (RFC 8017), base64url.
 * Uint8Array only, so the library runs in browsers.
 */
import { randomBytes } from '@noble/hashes/utils.js';
import { DeserializeError, InputValidationError } from './errors.js';

/** Injectable randomness source: `length` bytes from a CSPRNG. */
export type RandomBytes = (length: number) => Uint8Array;

/** CSPRNG (Web Crypto under the hood, via @noble/hashes). Tests inject a seeded stream instead. */
export const defaultRandomBytes: RandomBytes = (length) => randomBytes(length);

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

export function u32(n: number): Uint8Array {
  return Uint8Array.of((n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
}

/** 32-bit little-endian word, as the sigma-protocol instance label uses. */
export function u32le(n: number): Uint8Array {
  return Uint8Array.of(n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff);
}

/** OS2IP (RFC 8017 §4.2): big-endian bytes to a non-negative integer. */
export function os2ip(b: Uint8Array): bigint {
  let v = 0n;
  for (const x of b) v = (v << 8n) | BigInt(x);
  return v;
}

/** I2OSP (RFC 8017 §4.1): non-negative integer to `len` big-endian bytes. */
export function i2osp(v: bigint, len: number): Uint8Array {
  if (v < 0n || v >> BigInt(8 * len) !== 0n) throw new InputValidationError('invalid_argument', 'i2osp: out of range');
  const out = new Uint8Array(len);
  for (let i = len - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/**
 * Constant-time equality (the length is public). Tags and key ids are
 * compared with this so timing does not leak a matching prefix.
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

/** Rejects non-Uint8Array input from JS callers and copies, so callers cannot mutate our state. */
export function copyBytes(b: Uint8Array, what: string): Uint8Array {
  if (!(b instanceof Uint8Array)) throw new InputValidationError('invalid_argument', `${what}: expected Uint8Array`);
  return Uint8Array.from(b);
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

  u32(field: string): number {
    const b = this.bytes(4, field);
    return ((b[0] << 24) >>> 0) + (b[1] << 16) + (b[2] << 8) + b[3];
  }

  /** opaque field<0..2^8-1> */
  vec8(field: string): Uint8Array {
    return this.bytes(this.u8(field), field);
  }

  /** opaque field<0..2^16-1> */
  vec16(field: string): Uint8Array {
    return this.bytes(this.u16(field), field);
  }

  end(): void {
    if (this.remaining !== 0) {
      throw new DeserializeError('trailing_bytes', `${this.what}: ${this.remaining} trailing byte(s)`);
    }
  }
}

/**
 * Checks an exact length before any parsing, so a wrong-sized input is refused
 * with one clear code (and a long input is never partially decoded).
 */
export function expectWireLength(b: Uint8Array, len: number, what: string): void {
  if (!(b instanceof Uint8Array)) throw new DeserializeError('invalid_length', `${what}: expected Uint8Array`);
  if (b.length < len) throw new DeserializeError('truncated', `${what}: expected ${len} bytes, got ${b.length}`);
  if (b.length > len) {
    throw new DeserializeError('trailing_bytes', `${what}: expected ${len} bytes, got ${b.length} (trailing bytes)`);
  }
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64URL_INDEX: Record<string, number> = Object.fromEntries([...B64URL].map((c, i) => [c, i]));

/** RFC 4648 §5 base64url with padding (RFC 9577 §2.1 and RFC 9578 §4 require padding). */
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
 * Strict base64url-with-padding decoder: length a multiple of 4, '=' only in
 * the last quantum, no '+', '/', whitespace, and zero unused bits, so every
 * byte string has exactly one accepted encoding.
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

export function toHex(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}

export function fromHex(h: string): Uint8Array {
  if (typeof h !== 'string' || h.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(h))
    throw new InputValidationError('invalid_argument', 'invalid hex');
  const out = new Uint8Array(h.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(h.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function asciiBytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0x7f;
  return out;
}
