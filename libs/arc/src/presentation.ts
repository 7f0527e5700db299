/**
 * draft-ietf-privacypass-arc-crypto §4.3 presentation: the client's
 * presentation state with its limit, Present (with the §5.4 range proof that
 * the hidden nonce is below the limit), the Presentation wire struct, and
 * the server's VerifyPresentation.
 */
import { concatBytes, defaultRandomBytes, expectWireLength, Reader, type RandomBytes } from './bytes.js';
import { InputValidationError, LimitExceededError, VerifyError } from './errors.js';
import {
  deserializeElement,
  deserializeScalar,
  generatorG,
  generatorH,
  hashToGroup,
  hashToScalar,
  multiplySmall,
  NE,
  NS,
  Point,
  randomScalar,
  scalarAdd,
  scalarInv,
  scalarMul,
  scalarNeg,
  scalarSub,
  serializeElement,
  serializeScalar,
  type Element,
} from './group.js';
import { Credential } from './issuance.js';
import { ServerPrivateKey, ServerPublicKey } from './keys.js';
import {
  arcProof,
  checkPresentationLimit,
  computeBases,
  presentationRelation,
  presentationResponseCount,
  rangeProofBits,
  type PresentationElements,
} from './proofs.js';

/**
 * draft-ietf-privacypass-arc-crypto §4.3.2: Npresentationproof = k*Ne + (6 + 3k)*Ns;
 * limit-1 mode (deviation, see proofs.ts): challenge + 4 responses = 5*Ns.
 */
export function presentationProofLength(limit: number): number {
  const k = rangeProofBits(limit);
  return k * NE + (1 + presentationResponseCount(limit)) * NS;
}

/** draft-ietf-privacypass-arc-crypto §4.3.2: Npresentation = 5*Ne + Npresentationproof. */
export function presentationLength(limit: number): number {
  return 5 * NE + presentationProofLength(limit);
}

export class Presentation {
  readonly D: readonly Element[];
  readonly responses: readonly bigint[];

  constructor(
    readonly presentationLimit: number,
    readonly U: Element,
    readonly UPrimeCommit: Element,
    readonly m1Commit: Element,
    readonly tag: Element,
    readonly nonceCommit: Element,
    D: Element[],
    readonly challenge: bigint,
    responses: bigint[],
  ) {
    const k = rangeProofBits(presentationLimit);
    if (D.length !== k || responses.length !== presentationResponseCount(presentationLimit)) {
      throw new InputValidationError(
        'invalid_argument',
        `Presentation: wrong number of bit commitments or responses for limit ${presentationLimit}`,
      );
    }
    this.D = Object.freeze([...D]);
    this.responses = Object.freeze([...responses]);
  }

  /**
   * draft-ietf-privacypass-arc-crypto §4.3.2:
   * struct { U; UPrimeCommit; m1Commit; tag; nonceCommit; PresentationProof }
   * with PresentationProof = D[k][Ne] || challenge[Ns] || responses[5+3k][Ns].
   */
  serialize(): Uint8Array {
    return concatBytes(
      serializeElement(this.U),
      serializeElement(this.UPrimeCommit),
      serializeElement(this.m1Commit),
      serializeElement(this.tag),
      serializeElement(this.nonceCommit),
      ...this.D.map(serializeElement),
      serializeScalar(this.challenge),
      ...this.responses.map(serializeScalar),
    );
  }

  /** The length depends on the limit (k bit commitments), which both sides know from the challenge. */
  static deserialize(bytes: Uint8Array, presentationLimit: number): Presentation {
    const k = rangeProofBits(presentationLimit);
    expectWireLength(bytes, presentationLength(presentationLimit), 'Presentation');
    const r = new Reader(bytes, 'Presentation');
    const el = (what: string) => deserializeElement(r.bytes(NE, what), `Presentation.${what}`);
    const U = el('U');
    const UPrimeCommit = el('UPrimeCommit');
    const m1Commit = el('m1Commit');
    const tag = el('tag');
    const nonceCommit = el('nonceCommit');
    const D = Array.from({ length: k }, (_, i) => el(`D[${i}]`));
    const sc = (what: string) => deserializeScalar(r.bytes(NS, what), `Presentation.${what}`);
    const challenge = sc('challenge');
    const responses = Array.from({ length: presentationResponseCount(presentationLimit) }, (_, i) =>
      sc(`responses[${i}]`),
    );
    r.end();
    return new Presentation(presentationLimit, U, UPrimeCommit, m1Commit, tag, nonceCommit, D, challenge, responses);
  }

  /** The tag's encoding: what a server stores to refuse double spending. */
  tagBytes(): Uint8Array {
    return serializeElement(this.tag);
  }
}

/**
 * draft-ietf-privacypass-arc-crypto §4.3.1 presentation state. Mutated by
 * every present(): reusing a nonce would make two presentations linkable
 * through equal tags, so a state never hands out a nonce twice.
 */
export class PresentationState {
  private next = 0;
  readonly presentationContext: Uint8Array;

  constructor(
    readonly credential: Credential,
    presentationContext: Uint8Array,
    readonly presentationLimit: number,
  ) {
    if (!(credential instanceof Credential))
      throw new InputValidationError('invalid_argument', 'expected a Credential');
    if (!(presentationContext instanceof Uint8Array)) {
      throw new InputValidationError('invalid_argument', 'presentationContext: expected Uint8Array');
    }
    checkPresentationLimit(presentationLimit);
    this.presentationContext = Uint8Array.from(presentationContext);
  }

  /** draft-ietf-privacypass-arc-crypto §4.3.1: nextNonce. */
  get nextNonce(): number {
    return this.next;
  }

  get remaining(): number {
    return this.presentationLimit - this.next;
  }

  /** Restores a persisted state (e.g. after a page reload); nonces only move forward. */
  static restore(
    credential: Credential,
    presentationContext: Uint8Array,
    presentationLimit: number,
    nextNonce: number,
  ): PresentationState {
    const s = new PresentationState(credential, presentationContext, presentationLimit);
    if (!Number.isSafeInteger(nextNonce) || nextNonce < 0 || nextNonce > presentationLimit) {
      throw new InputValidationError('invalid_argument', 'nextNonce out of range');
    }
    s.next = nextNonce;
    return s;
  }

  /**
   * draft-ietf-privacypass-arc-crypto §4.3.2 Present. Throws
   * LimitExceededError once nextNonce reaches the limit.
   */
  present(rng: RandomBytes = defaultRandomBytes): { nonce: number; presentation: Presentation } {
    // draft-ietf-privacypass-arc-crypto §4.3.2: "if state.nextNonce >= state.presentationLimit: raise LimitExceededError"
    if (this.next >= this.presentationLimit) {
      throw new LimitExceededError(`presentation limit ${this.presentationLimit} reached for this context`);
    }
    const nonce = this.next;
    // The state moves before any randomness is drawn, so a failure below can never cause nonce reuse.
    this.next += 1;
    const presentation = makePresentation(
      this.credential,
      this.presentationContext,
      this.presentationLimit,
      nonce,
      rng,
    );
    return { nonce, presentation };
  }
}

function makePresentation(
  cred: Credential,
  context: Uint8Array,
  limit: number,
  nonce: number,
  rng: RandomBytes,
): Presentation {
  const a = randomScalar(rng);
  const r = randomScalar(rng);
  const z = randomScalar(rng);
  const U = cred.U.multiply(a);
  const UPrime = cred.UPrime.multiply(a);
  const UPrimeCommit = UPrime.add(generatorG.multiply(r));
  const m1Commit = U.multiply(cred.m1).add(generatorH.multiply(z));
  const nonceBlinding = randomScalar(rng);
  const nonceCommit = multiplySmall(generatorG, nonce).add(generatorH.multiply(nonceBlinding));
  const generatorT = hashToGroup(context, 'Tag');
  const n = BigInt(nonce);
  // tag = (m1 + nonce)^-1 * T
  const tag = generatorT.multiply(scalarInv(scalarAdd(cred.m1, n)));
  const V = cred.X1.multiply(z).subtract(generatorG.multiply(r));

  if (limit === 1) {
    // Limit-1 mode (deviation from the draft, see presentationRelationLimit1): nonce is 0, no range proof.
    const elements: PresentationElements = {
      U,
      UPrimeCommit,
      m1Commit,
      V,
      X1: cred.X1,
      tag,
      generatorT,
      nonceCommit,
      D: [],
    };
    const proof = arcProof('CredentialPresentationLimit1', presentationRelation(elements, 1)).proveParts(
      [cred.m1, z, scalarNeg(r), nonceBlinding],
      rng,
    );
    return new Presentation(limit, U, UPrimeCommit, m1Commit, tag, nonceCommit, [], proof.challenge, proof.responses);
  }

  // draft-ietf-privacypass-arc-crypto §5.4 MakeRangeProofHelper: canonical greedy decomposition.
  const bases = computeBases(limit);
  const k = bases.length;
  const bits: number[] = [];
  let remainder = nonce;
  for (const base of bases) {
    const bit = Number(remainder >= base);
    remainder -= bit * base;
    bits.push(bit);
  }
  const s: bigint[] = [];
  const s2: bigint[] = [];
  const D: Element[] = [];
  let partial = 0n;
  for (let i = 0; i < k - 1; i++) {
    const si = randomScalar(rng);
    s.push(si);
    partial = scalarAdd(partial, scalarMul(BigInt(bases[i]), si));
    s2.push(scalarMul(BigInt(1 - bits[i]), si));
    D.push(multiplySmall(generatorG, bits[i]).add(generatorH.multiply(si)));
  }
  // The last blinding makes Σ bases[i]*D[i] equal nonceCommit.
  const last = scalarMul(scalarInv(BigInt(bases[k - 1])), scalarSub(nonceBlinding, partial));
  s.push(last);
  s2.push(scalarMul(BigInt(1 - bits[k - 1]), last));
  D.push(multiplySmall(generatorG, bits[k - 1]).add(generatorH.multiply(last)));

  const elements: PresentationElements = { U, UPrimeCommit, m1Commit, V, X1: cred.X1, tag, generatorT, nonceCommit, D };
  const witness = [cred.m1, z, scalarNeg(r), n, nonceBlinding, ...bits.map(BigInt), ...s, ...s2];
  const proof = arcProof('CredentialPresentation', presentationRelation(elements, limit)).proveParts(witness, rng);
  return new Presentation(limit, U, UPrimeCommit, m1Commit, tag, nonceCommit, D, proof.challenge, proof.responses);
}

/**
 * draft-ietf-privacypass-arc-crypto §4.3.3 VerifyPresentation (with §5.3
 * VerifyPresentationProof and §5.4 VerifyRangeProofHelper). Returns the tag
 * bytes on success; throws VerifyError otherwise. The caller MUST then refuse
 * a tag it has already seen for this context (double spending).
 */
export function verifyPresentation(
  privateKey: ServerPrivateKey,
  publicKey: ServerPublicKey,
  requestContext: Uint8Array,
  presentationContext: Uint8Array,
  presentation: Presentation,
  presentationLimit: number,
): Uint8Array {
  checkPresentationLimit(presentationLimit);
  if (!(presentation instanceof Presentation))
    throw new InputValidationError('invalid_argument', 'expected a Presentation');
  if (presentation.presentationLimit !== presentationLimit) {
    throw new VerifyError('proof_invalid', 'presentation was parsed for a different presentation limit');
  }
  const m2 = hashToScalar(requestContext, 'requestContext');
  // V = x0*U + x1*m1Commit + x2*m2*U - UPrimeCommit (secret keys: constant-time multiplications)
  const V = presentation.U.multiply(scalarAdd(privateKey.x0, scalarMul(privateKey.x2, m2)))
    .add(presentation.m1Commit.multiply(privateKey.x1))
    .subtract(presentation.UPrimeCommit);
  const generatorT = hashToGroup(presentationContext, 'Tag');

  if (presentationLimit > 1) {
    // draft-ietf-privacypass-arc-crypto §5.4: nonceCommit == Σ bases[i] * D[i], checked outside the proof.
    const bases = computeBases(presentationLimit);
    let sum = Point.ZERO;
    bases.forEach((b, i) => {
      sum = sum.add(presentation.D[i].multiplyUnsafe(BigInt(b)));
    });
    if (!sum.equals(presentation.nonceCommit)) {
      throw new VerifyError('range_sum_mismatch', 'bit commitments do not sum to nonceCommit');
    }
  }
  if (V.is0()) throw new VerifyError('proof_invalid', 'presentation does not verify');
  const rel = presentationRelation(
    {
      U: presentation.U,
      UPrimeCommit: presentation.UPrimeCommit,
      m1Commit: presentation.m1Commit,
      V,
      X1: publicKey.X1,
      tag: presentation.tag,
      generatorT,
      nonceCommit: presentation.nonceCommit,
      D: [...presentation.D],
    },
    presentationLimit,
  );
  const label = presentationLimit === 1 ? 'CredentialPresentationLimit1' : 'CredentialPresentation';
  if (!arcProof(label, rel).verifyParts(presentation.challenge, presentation.responses)) {
    throw new VerifyError('proof_invalid', 'presentation proof does not verify');
  }
  return presentation.tagBytes();
}
