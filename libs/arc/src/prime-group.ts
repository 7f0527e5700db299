/**
 * The prime-order group abstraction of draft-irtf-cfrg-sigma-protocols §2.1
 * (Group and Scalar), kept generic so the sigma-protocol layer can be run on
 * other groups (the sigma draft's own test vectors are over BLS12-381 G1).
 */
export interface PrimeGroup<P> {
  readonly name: string;
  /** Order p of the group (and modulus of its scalar field). */
  readonly order: bigint;
  /** Ne: bytes of one serialized element. */
  readonly elementLength: number;
  /** Ns: bytes of one serialized scalar. */
  readonly scalarLength: number;
  identity(): P;
  isIdentity(p: P): boolean;
  equals(a: P, b: P): boolean;
  add(a: P, b: P): P;
  /** k⋅P for a possibly secret scalar 0 <= k < order (constant-time where the backend is). */
  multiply(p: P, k: bigint): P;
  /** Σ k_i⋅P_i for public scalars 0 <= k_i < order (variable time). */
  msmPublic(points: P[], scalars: bigint[]): P;
  /** Canonical encoding of a non-identity element. */
  serializeElement(p: P): Uint8Array;
  /** Strict decoding: refuses anything but the canonical encoding of a non-identity element. */
  deserializeElement(bytes: Uint8Array, what: string): P;
}

export function modN(x: bigint, n: bigint): bigint {
  const r = x % n;
  return r < 0n ? r + n : r;
}
