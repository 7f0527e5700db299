/**
 * RFC 9497 §2.1 / §4.4 DeserializeElement and DeserializeScalar for P-384,
 * done up front so every wire struct is fully validated before any scalar
 * multiplication happens. Group arithmetic itself is noble's.
 */
import { p384, p384_oprf } from '@noble/curves/nist.js';
import { bytesToNumberBE } from '@noble/curves/utils.js';
import { NE, NS } from './constants.js';
import { DeserializeError } from './errors.js';

const Point = p384.Point;
const FIELD_ORDER: bigint = Point.Fp.ORDER;
export const GROUP_ORDER: bigint = Point.Fn.ORDER;

/**
 * Validates a serialized Element. RFC 9497 §4.4 (P-384): SerializeElement is
 * SEC1 compressed, 49 bytes; DeserializeElement MUST fail for anything that is
 * not a valid, canonical, non-identity point (RFC 9497 §2.1, §3.3: "the
 * identity element MUST be rejected").
 */
export function assertElement(bytes: Uint8Array, what: string): void {
  if (!(bytes instanceof Uint8Array) || bytes.length !== NE) {
    const got = bytes instanceof Uint8Array ? `${bytes.length} bytes` : typeof bytes;
    throw new DeserializeError('invalid_length', `${what}: expected a ${NE}-byte compressed P-384 element, got ${got}`);
  }
  const tag = bytes[0];
  if (tag === 0x00) throw new DeserializeError('identity_element', `${what}: identity element`);
  // RFC 9497 §4.4: only the compressed form is a valid SerializeElement output.
  if (tag === 0x04 || tag === 0x06 || tag === 0x07) {
    throw new DeserializeError('non_canonical_element', `${what}: uncompressed/hybrid encoding`);
  }
  if (tag !== 0x02 && tag !== 0x03)
    throw new DeserializeError('invalid_element', `${what}: bad SEC1 tag 0x${tag.toString(16)}`);
  // Non-canonical: x must be a reduced field element (SEC1 §2.3.4).
  if (bytesToNumberBE(bytes.subarray(1)) >= FIELD_ORDER) {
    throw new DeserializeError('non_canonical_element', `${what}: x-coordinate not reduced mod p`);
  }
  let point;
  try {
    point = Point.fromBytes(bytes);
    point.assertValidity();
  } catch (cause) {
    throw new DeserializeError('invalid_element', `${what}: not a point on P-384`, { cause });
  }
  if (point.is0()) throw new DeserializeError('identity_element', `${what}: identity element`);
}

/** RFC 9497 §4.4: DeserializeScalar MUST reject values not below the group order. */
export function assertScalar(bytes: Uint8Array, what: string, nonZero = false): void {
  if (!(bytes instanceof Uint8Array) || bytes.length !== NS) {
    throw new DeserializeError('invalid_length', `${what}: expected a ${NS}-byte scalar`);
  }
  const n = bytesToNumberBE(bytes);
  if (n >= GROUP_ORDER) throw new DeserializeError('invalid_scalar', `${what}: scalar not below the group order`);
  if (nonZero && n === 0n) throw new DeserializeError('invalid_scalar', `${what}: zero scalar`);
}

/** skS * G, serialized. Used once per key to check a (secretKey, publicKey) pair. */
export function publicKeyFromSecret(secretKey: Uint8Array): Uint8Array {
  return Point.BASE.multiply(bytesToNumberBE(secretKey)).toBytes(true);
}

type VoprfWithEvaluate = typeof p384_oprf.voprf & {
  evaluate(secretKey: Uint8Array, input: Uint8Array): Uint8Array;
};

/**
 * noble's VOPRF namespace for P384-SHA384. RFC 9497 §3.3.2 Evaluate (used by
 * the Origin, RFC 9578 §5.4) exists at runtime but is missing from noble's
 * type declaration, so it is typed here and checked once at load.
 */
export const voprf = p384_oprf.voprf as VoprfWithEvaluate;
if (typeof voprf.evaluate !== 'function') {
  throw new Error('@noble/curves p384_oprf.voprf.evaluate is missing; this library needs it for RFC 9578 §5.4');
}

/** Adapts an injected RandomBytes to noble's RNG signature (noble always passes a length). */
export function nobleRng(randomBytes: (length: number) => Uint8Array) {
  return (bytesLength?: number) => randomBytes(bytesLength ?? 32) as Uint8Array<ArrayBuffer>;
}
