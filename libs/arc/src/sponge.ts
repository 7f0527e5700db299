/**
 * Duplex sponges of draft-irtf-cfrg-fiat-shamir §3 and §8: the interface
 * (init with a 64-byte IV, absorb, squeeze), the SHAKE128 instantiation that
 * NISchnorrProofShake128P256 (and so ARCV1-P256) uses, and the overwrite-mode
 * Keccak-f[1600] duplex sponge.
 */
import { keccakP, shake128 } from '@noble/hashes/sha3.js';
import { swap32IfBE } from '@noble/hashes/utils.js';
import { InputValidationError } from './errors.js';

/** draft-irtf-cfrg-fiat-shamir §3: the duplex sponge interface, Unit = byte. */
export interface DuplexSponge {
  absorb(input: Uint8Array): void;
  squeeze(length: number): Uint8Array;
}

const IV_LENGTH = 64;
/** draft-irtf-cfrg-fiat-shamir §8.1: len(iv) + 104 == SHAKE128 rate (168). */
const SHAKE128_RATE = 168;

function checkIv(iv: Uint8Array): void {
  // draft-irtf-cfrg-fiat-shamir §3: the initialization vector is 64 bytes.
  if (!(iv instanceof Uint8Array) || iv.length !== IV_LENGTH) {
    throw new InputValidationError('invalid_argument', 'duplex sponge: IV must be 64 bytes');
  }
}

function checkLength(length: number): void {
  if (!Number.isSafeInteger(length) || length < 0) {
    throw new InputValidationError('invalid_argument', 'duplex sponge: squeeze length must be a non-negative integer');
  }
}

/** An ASCII label right-padded with zero bytes to 64 bytes (`label.ljust(64, b"\0")`). */
export function paddedIv(label: string): Uint8Array {
  if (label.length > IV_LENGTH) throw new InputValidationError('invalid_argument', 'IV label longer than 64 bytes');
  const out = new Uint8Array(IV_LENGTH);
  for (let i = 0; i < label.length; i++) out[i] = label.charCodeAt(i) & 0x7f;
  return out;
}

/**
 * draft-irtf-cfrg-fiat-shamir §8.1 SHAKE128 "duplex sponge": the IV fills the
 * first 64 bytes of the first 168-byte block (the rest zero), absorb appends,
 * and squeeze reads the XOF output of everything absorbed so far *without*
 * consuming it (the draft's `self.state.copy().digest(length)`), so two
 * squeezes with no absorb in between return the same prefix.
 */
export class Shake128Sponge implements DuplexSponge {
  private readonly h: ReturnType<typeof shake128.create>;

  constructor(iv: Uint8Array) {
    checkIv(iv);
    this.h = shake128.create();
    const block = new Uint8Array(SHAKE128_RATE);
    block.set(iv);
    this.h.update(block);
  }

  absorb(input: Uint8Array): void {
    this.h.update(input);
  }

  squeeze(length: number): Uint8Array {
    checkLength(length);
    if (length === 0) return new Uint8Array(0);
    return this.h.clone().xof(length);
  }
}

/**
 * A forward-only SHAKE128 output stream over the same initial block as
 * Shake128Sponge. This is the seeded PRNG of draft-irtf-cfrg-sigma-protocols
 * Appendix A.1 as the reference code implements it (each read continues
 * where the previous one stopped), used here for deterministic key derivation.
 */
export class Shake128Stream {
  private readonly h: ReturnType<typeof shake128.create>;

  constructor(iv: Uint8Array, seed: Uint8Array) {
    checkIv(iv);
    this.h = shake128.create();
    const block = new Uint8Array(SHAKE128_RATE);
    block.set(iv);
    this.h.update(block);
    this.h.update(seed);
  }

  read(length: number): Uint8Array {
    checkLength(length);
    if (length === 0) return new Uint8Array(0);
    return this.h.xof(length);
  }
}

/** draft-irtf-cfrg-fiat-shamir §8.2.4: Keccak-f[1600], rate R = 136 bytes, capacity 64 bytes. */
const KECCAK_RATE = 136;
const KECCAK_WIDTH = 200;

/**
 * draft-irtf-cfrg-fiat-shamir §8.2 duplex sponge in overwrite mode over
 * Keccak-f[1600] (KeccakDuplexSponge). The IV is written into the capacity
 * part of the state, bytes [R, R+64).
 */
export class KeccakDuplexSponge implements DuplexSponge {
  private readonly state = new Uint8Array(KECCAK_WIDTH);
  private readonly lanes = new Uint32Array(this.state.buffer, 0, KECCAK_WIDTH / 4);
  private absorbIndex = 0;
  private squeezeIndex = KECCAK_RATE;

  constructor(iv: Uint8Array) {
    checkIv(iv);
    this.state.set(iv, KECCAK_RATE);
  }

  private permute(): void {
    // keccakP works on little-endian 32-bit halves of the 64-bit lanes.
    swap32IfBE(this.lanes);
    keccakP(this.lanes, 24);
    swap32IfBE(this.lanes);
  }

  /** draft-irtf-cfrg-fiat-shamir §8.2.2 Absorb (overwrite mode). */
  absorb(input: Uint8Array): void {
    this.squeezeIndex = KECCAK_RATE;
    let off = 0;
    while (off < input.length) {
      if (this.absorbIndex === KECCAK_RATE) {
        this.permute();
        this.absorbIndex = 0;
      }
      const chunk = Math.min(KECCAK_RATE - this.absorbIndex, input.length - off);
      this.state.set(input.subarray(off, off + chunk), this.absorbIndex);
      this.absorbIndex += chunk;
      off += chunk;
    }
  }

  /** draft-irtf-cfrg-fiat-shamir §8.2.3 Squeeze. */
  squeeze(length: number): Uint8Array {
    checkLength(length);
    const out = new Uint8Array(length);
    let off = 0;
    while (off < length) {
      if (this.squeezeIndex === KECCAK_RATE) {
        this.permute();
        this.squeezeIndex = 0;
        this.absorbIndex = 0;
      }
      const chunk = Math.min(KECCAK_RATE - this.squeezeIndex, length - off);
      out.set(this.state.subarray(this.squeezeIndex, this.squeezeIndex + chunk), off);
      this.squeezeIndex += chunk;
      off += chunk;
    }
    return out;
  }
}
