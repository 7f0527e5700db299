/**
 * The ARCV1-P256 group (draft-ietf-privacypass-arc-crypto §3.1, §6.1): P-256
 * with SEC1 compressed elements (Ne = 33), 32-byte scalars (Ns = 32),
 * HashToGroup / HashToScalar with the "ARCV1-P256" context string, and the
 * two generators G and H. Arithmetic is @noble/curves'.
 */
import { mulAddUnsafe } from '@noble/curves/abstract/curve.js';
import { p256, p256_hasher } from '@noble/curves/nist.js';
import { asciiBytes, concatBytes, i2osp, os2ip, type RandomBytes } from './bytes.js';
import { DeserializeError, InputValidationError } from './errors.js';
import { modN, type PrimeGroup } from './prime-group.js';

export const Point = p256.Point;
export type Element = InstanceType<typeof p256.Point>;

/** draft-ietf-privacypass-arc-crypto §6.1: SerializeElement is SEC1 compressed, Ne = 33. */
export const NE = 33;
/** draft-ietf-privacypass-arc-crypto §6.1: SerializeScalar is 32 bytes, Ns = 32. */
export const NS = 32;
/** draft-ietf-privacypass-arc-crypto §6.1: contextString for ARC(P-256). */
export const CONTEXT_STRING = 'ARCV1-P256';

export const ORDER: bigint = Point.Fn.ORDER;
const FIELD_ORDER: bigint = Point.Fp.ORDER;

export const scalarAdd = (a: bigint, b: bigint): bigint => modN(a + b, ORDER);
export const scalarSub = (a: bigint, b: bigint): bigint => modN(a - b, ORDER);
export const scalarMul = (a: bigint, b: bigint): bigint => modN(a * b, ORDER);
export const scalarNeg = (a: bigint): bigint => modN(-a, ORDER);
/** draft-ietf-privacypass-arc-crypto §3.1 ScalarInverse. */
export const scalarInv = (a: bigint): bigint => Point.Fn.inv(modN(a, ORDER));

/** draft-ietf-privacypass-arc-crypto §6.1 SerializeElement (compressed SEC1). */
export function serializeElement(p: Element): Uint8Array {
  // The identity has no 33-byte encoding; callers never serialize it.
  if (p.is0()) throw new InputValidationError('invalid_argument', 'cannot serialize the identity element');
  return p.toBytes(true);
}

/**
 * draft-ietf-privacypass-arc-crypto §6.1 DeserializeElement: 33-byte compressed
 * SEC1, partial public-key validation (SP 800-56A §5.6.2.3.4: coordinates in
 * range, on the curve, not the point at infinity) and not the identity.
 * Every failure is a DeserializeError, raised before any scalar multiplication.
 */
export function deserializeElement(bytes: Uint8Array, what: string): Element {
  if (!(bytes instanceof Uint8Array) || bytes.length !== NE) {
    const got = bytes instanceof Uint8Array ? `${bytes.length} bytes` : typeof bytes;
    throw new DeserializeError('invalid_length', `${what}: expected a ${NE}-byte compressed P-256 element, got ${got}`);
  }
  const tag = bytes[0];
  if (tag === 0x00) throw new DeserializeError('identity_element', `${what}: identity element`);
  // Only the compressed form is a SerializeElement output.
  if (tag === 0x04 || tag === 0x06 || tag === 0x07) {
    throw new DeserializeError('non_canonical_element', `${what}: uncompressed/hybrid encoding`);
  }
  if (tag !== 0x02 && tag !== 0x03) {
    throw new DeserializeError('invalid_element', `${what}: bad SEC1 tag 0x${tag.toString(16)}`);
  }
  // SEC1 §2.3.4: x must be a reduced field element, else the encoding is not canonical.
  if (os2ip(bytes.subarray(1)) >= FIELD_ORDER) {
    throw new DeserializeError('non_canonical_element', `${what}: x-coordinate not reduced mod p`);
  }
  let point: Element;
  try {
    point = Point.fromBytes(bytes);
    point.assertValidity();
  } catch (cause) {
    throw new DeserializeError('invalid_element', `${what}: not a point on P-256`, { cause });
  }
  if (point.is0()) throw new DeserializeError('identity_element', `${what}: identity element`);
  return point;
}

/** draft-ietf-privacypass-arc-crypto §6.1 SerializeScalar (Ns = 32, big-endian). */
export function serializeScalar(k: bigint): Uint8Array {
  return i2osp(k, NS);
}

/**
 * Scalar decoding. draft-ietf-privacypass-arc-crypto §6.1 DeserializeScalar
 * fails outside [1, Order-1] (`nonZero`, used for keys and secrets);
 * draft-irtf-cfrg-sigma-protocols §2.3.1 "Scalar Field of P-256" accepts
 * [0, Order-1] (used for proof challenges and responses).
 */
export function deserializeScalar(bytes: Uint8Array, what: string, nonZero = false): bigint {
  if (!(bytes instanceof Uint8Array) || bytes.length !== NS) {
    throw new DeserializeError('invalid_length', `${what}: expected a ${NS}-byte scalar`);
  }
  const k = os2ip(bytes);
  if (k >= ORDER) throw new DeserializeError('invalid_scalar', `${what}: scalar not below the group order`);
  if (nonZero && k === 0n) throw new DeserializeError('invalid_scalar', `${what}: zero scalar`);
  return k;
}

/**
 * draft-ietf-privacypass-arc-crypto §6.1 HashToGroup: hash_to_curve with
 * P256_XMD:SHA-256_SSWU_RO_ and DST = "HashToGroup-" || contextString || info.
 */
export function hashToGroup(x: Uint8Array, info: string): Element {
  const dst = asciiBytes(`HashToGroup-${CONTEXT_STRING}${info}`);
  return p256_hasher.hashToCurve(x, { DST: dst }) as Element;
}

/**
 * draft-ietf-privacypass-arc-crypto §6.1 HashToScalar: hash_to_field with
 * L = 48, expand_message_xmd(SHA-256), DST = "HashToScalar-" || contextString || info,
 * modulus Order().
 */
export function hashToScalar(x: Uint8Array, info: string): bigint {
  const dst = asciiBytes(`HashToScalar-${CONTEXT_STRING}${info}`);
  return p256_hasher.hashToScalar(x, { DST: dst });
}

/** draft-ietf-privacypass-arc-crypto §3.1: generatorG = G.Generator(). */
export const generatorG: Element = Point.BASE;
/** draft-ietf-privacypass-arc-crypto §3.1: generatorH = HashToGroup(SerializeElement(generatorG), "generatorH"). */
export const generatorH: Element = hashToGroup(serializeElement(generatorG), 'generatorH');
// H is a fixed base used in almost every multiplication: precompute its window table once.
generatorH.precompute(8);

/** Bytes drawn per random scalar: draft-ietf-privacypass-arc-crypto §6.2, L = ceil((3 * 256 / 2) / 8) = 48. */
export const RANDOM_SCALAR_BYTES = 48;

/**
 * draft-ietf-privacypass-arc-crypto §6.2 RandomScalar, "extra random bits":
 * 48 random bytes read as a big-endian integer and reduced. The reduction is
 * mod (Order - 1), as the reference implementation that produced the
 * draft's test vectors does (`randint(0, order - 1)`), so seeded runs are
 * byte-exact with the vectors; zero is redrawn so the result is never 0
 * (§3.1 RandomScalar: "a non-zero element"). The distance from uniform on
 * [1, Order-1] is below 2^-128.
 */
export function randomScalar(rng: RandomBytes): bigint {
  for (;;) {
    const k = os2ip(drawBytes(rng, RANDOM_SCALAR_BYTES)) % (ORDER - 1n);
    if (k !== 0n) return k;
  }
}

/**
 * draft-irtf-cfrg-sigma-protocols §1.1.1 / Appendix A.1 random_scalar for
 * proof nonces: Ns + 16 random bytes, big-endian, reduced mod Order
 * (draft-irtf-cfrg-fiat-shamir §9.1.4); zero is redrawn ("non-zero scalars").
 */
export function randomNonce(rng: RandomBytes, order: bigint, scalarLength: number): bigint {
  for (;;) {
    const k = os2ip(drawBytes(rng, scalarLength + 16)) % order;
    if (k !== 0n) return k;
  }
}

function drawBytes(rng: RandomBytes, n: number): Uint8Array {
  const b = rng(n);
  if (!(b instanceof Uint8Array) || b.length !== n) {
    throw new InputValidationError('invalid_argument', `rng must return ${n} bytes`);
  }
  return b;
}

/**
 * k⋅P for a small non-negative secret integer k (a nonce or a bit), computed
 * as (k+1)⋅P − P so noble's constant-time ladder never sees the zero scalar
 * it refuses, and there is no branch on k.
 */
export function multiplySmall(p: Element, k: number): Element {
  return p.multiply(BigInt(k) + 1n).subtract(p);
}

export const P256Group: PrimeGroup<Element> = {
  name: 'P-256',
  order: ORDER,
  elementLength: NE,
  scalarLength: NS,
  identity: () => Point.ZERO,
  isIdentity: (p) => p.is0(),
  equals: (a, b) => a.equals(b),
  add: (a, b) => a.add(b),
  multiply: (p, k) => (k === 0n ? Point.ZERO : p.multiply(k)),
  msmPublic: (points, scalars) => mulAddUnsafe(Point, points, scalars),
  serializeElement,
  deserializeElement,
};

export function concatElements(elements: Element[]): Uint8Array {
  return concatBytes(...elements.map(serializeElement));
}
