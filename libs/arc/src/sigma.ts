/**
 * Non-interactive Schnorr proofs for linear relations:
 * draft-irtf-cfrg-sigma-protocols §2.2.4-2.2.6 (SchnorrProof) made
 * non-interactive with draft-irtf-cfrg-fiat-shamir §5-§7 (session id,
 * NISigmaProtocol, ByteSchnorrCodec). Both proof forms are provided:
 * compact (challenge || responses, what ARC sends) and batchable
 * (commitment || responses).
 */
import { concatBytes, i2osp, os2ip, u32, type RandomBytes } from './bytes.js';
import { ArcError, DeserializeError, InputValidationError } from './errors.js';
import { randomNonce } from './group.js';
import type { LinearRelation } from './linear-relation.js';
import { modN, type PrimeGroup } from './prime-group.js';
import { paddedIv, Shake128Sponge, type DuplexSponge } from './sponge.js';

/**
 * How the session and the instance label enter the transcript after the
 * sponge is initialized with the protocol id.
 *
 * - 'session-id': draft-irtf-cfrg-fiat-shamir §5 as written:
 *   absorb(0^32 || squeeze_32(sponge("fiat-shamir/session-id") ⟵ session)),
 *   then absorb(instance_label).
 * - 'length-prefixed': absorb(I2OSP(len(session), 4) || session ||
 *   I2OSP(len(label), 4) || label). This is the reference code's
 *   `Codec.init` framing that the sigma-protocols poc used until its commit
 *   41b316a ("update poc impl"), and it is what produced every proof in the
 *   ARC draft's allVectors.json (checked: the draft's §5 framing does not
 *   reproduce them, this one does). ARCV1-P256 therefore uses it.
 */
export type TranscriptFraming = 'session-id' | 'length-prefixed';

/** A ciphersuite: group, protocol id (64 bytes), duplex sponge and framing (draft-irtf-cfrg-fiat-shamir §6.1). */
export interface SigmaCiphersuite<P> {
  readonly group: PrimeGroup<P>;
  readonly protocolId: Uint8Array;
  readonly framing: TranscriptFraming;
  newSponge(iv: Uint8Array): DuplexSponge;
}

/** A SHAKE128 suite (draft-irtf-cfrg-fiat-shamir §6.1), protocol id zero-padded to 64 bytes. */
export function shake128Suite<P>(
  group: PrimeGroup<P>,
  protocolId: string,
  framing: TranscriptFraming = 'session-id',
): SigmaCiphersuite<P> {
  return { group, protocolId: paddedIv(protocolId), framing, newSponge: (iv) => new Shake128Sponge(iv) };
}

/**
 * draft-irtf-cfrg-fiat-shamir §5: session_id = 0^32 || squeeze(32) of a
 * sponge with IV "fiat-shamir/session-id" that absorbed the session string.
 */
export function sessionId<P>(suite: SigmaCiphersuite<P>, session: Uint8Array): Uint8Array {
  const s = suite.newSponge(paddedIv('fiat-shamir/session-id'));
  s.absorb(session);
  return concatBytes(new Uint8Array(32), s.squeeze(32));
}

/**
 * draft-irtf-cfrg-fiat-shamir §7 ByteSchnorrCodec.verifier_challenge:
 * Ns + 16 bytes squeezed, read big-endian, reduced mod the group order.
 */
function squeezeChallenge<P>(group: PrimeGroup<P>, sponge: DuplexSponge): bigint {
  return modN(os2ip(sponge.squeeze(group.scalarLength + 16)), group.order);
}

export interface SigmaProofParts<P> {
  commitment: P[];
  challenge: bigint;
  responses: bigint[];
}

export class NISigmaProtocol<P> {
  private readonly group: PrimeGroup<P>;
  private readonly session: Uint8Array;

  constructor(
    private readonly suite: SigmaCiphersuite<P>,
    session: Uint8Array,
    private readonly relation: LinearRelation<P>,
  ) {
    // draft-irtf-cfrg-fiat-shamir §5: protocol_id MUST be 64 bytes.
    if (suite.protocolId.length !== 64)
      throw new InputValidationError('invalid_argument', 'protocol id must be 64 bytes');
    this.group = suite.group;
    this.session = suite.framing === 'session-id' ? sessionId(suite, session) : Uint8Array.from(session);
  }

  /** draft-irtf-cfrg-fiat-shamir §5: the sponge initialized with protocol_id, session and instance label. */
  private transcript(label: Uint8Array): DuplexSponge {
    const s = this.suite.newSponge(this.suite.protocolId);
    if (this.suite.framing === 'session-id') {
      s.absorb(this.session);
      // The instance label is absorbed without a length prefix (it is prefix-free).
      s.absorb(label);
    } else {
      s.absorb(concatBytes(u32(this.session.length), this.session, u32(label.length), label));
    }
    return s;
  }

  private challengeFor(label: Uint8Array, commitment: P[]): bigint {
    const s = this.transcript(label);
    // draft-irtf-cfrg-fiat-shamir §7 prover_message: absorb the serialized commitment.
    s.absorb(concatBytes(...commitment.map((c) => this.group.serializeElement(c))));
    return squeezeChallenge(this.group, s);
  }

  /** draft-irtf-cfrg-fiat-shamir §6 `_prove`: commit, derive the challenge, respond. */
  proveParts(witness: readonly bigint[], rng: RandomBytes): SigmaProofParts<P> {
    const g = this.group;
    const n = this.relation.numScalars;
    if (witness.length !== n) {
      throw new InputValidationError('invalid_argument', `witness has ${witness.length} scalars, relation needs ${n}`);
    }
    const label = this.relation.label();
    // draft-irtf-cfrg-sigma-protocols §2.2.5 prover_commit: one random nonce per witness scalar.
    const nonces = Array.from({ length: n }, () => randomNonce(rng, g.order, g.scalarLength));
    const commitment = this.relation.map(nonces, true);
    if (commitment.some((c) => g.isIdentity(c))) {
      // Only with negligible probability for honest inputs; the identity has no encoding.
      throw new InputValidationError('invalid_argument', 'sigma prover: degenerate commitment');
    }
    const challenge = this.challengeFor(label, commitment);
    // draft-irtf-cfrg-sigma-protocols §2.2.5 prover_response: nonce + witness * challenge.
    const responses = nonces.map((k, i) => modN(k + modN(witness[i], g.order) * challenge, g.order));
    return { commitment, challenge, responses };
  }

  /** draft-irtf-cfrg-fiat-shamir §6 `prove`: challenge || responses. */
  prove(witness: readonly bigint[], rng: RandomBytes): Uint8Array {
    const { challenge, responses } = this.proveParts(witness, rng);
    return this.encodeScalars([challenge, ...responses]);
  }

  /** draft-irtf-cfrg-fiat-shamir §6 `prove_batchable`: commitment || responses. */
  proveBatchable(witness: readonly bigint[], rng: RandomBytes): Uint8Array {
    const { commitment, responses } = this.proveParts(witness, rng);
    return concatBytes(...commitment.map((c) => this.group.serializeElement(c)), this.encodeScalars(responses));
  }

  /** Length of a compact proof for this relation: Ns + num_scalars * Ns. */
  get proofLength(): number {
    return this.group.scalarLength * (1 + this.relation.numScalars);
  }

  get batchableProofLength(): number {
    return (
      this.group.elementLength * this.relation.equations.length + this.group.scalarLength * this.relation.numScalars
    );
  }

  /**
   * draft-irtf-cfrg-fiat-shamir §6 `verify` (compact form). Malformed proofs
   * (wrong length, scalar >= order) throw DeserializeError; a well-formed
   * proof that does not verify returns false. The commitment is simulated
   * from the responses (sigma draft §1.1 simulate_commitment), so the only
   * remaining check is that the recomputed challenge equals the sent one.
   */
  verify(proof: Uint8Array): boolean {
    if (!(proof instanceof Uint8Array) || proof.length !== this.proofLength) {
      throw new DeserializeError('invalid_length', `sigma proof: expected ${this.proofLength} bytes`);
    }
    const scalars = this.decodeScalars(proof, 1 + this.relation.numScalars);
    const [challenge, ...responses] = scalars;
    return this.verifyParts(challenge, responses);
  }

  /** Verifies an already decoded compact proof. */
  verifyParts(challenge: bigint, responses: readonly bigint[]): boolean {
    const g = this.group;
    let label: Uint8Array;
    try {
      label = this.relation.label();
    } catch (e) {
      // An instance the reference refuses to label (identity or repeated element) does not verify.
      if (e instanceof ArcError) return false;
      throw e;
    }
    if (responses.length !== this.relation.numScalars) return false;
    // simulate_commitment: map(response)[i] - challenge * image[i], one MSM per equation.
    const els = this.relation.groupElements();
    const negC = modN(-challenge, g.order);
    const commitment = this.relation.equations.map((eq) =>
      g.msmPublic([...eq.terms.map(([, e]) => els[e]), els[eq.lhs]], [...eq.terms.map(([s]) => responses[s]), negC]),
    );
    if (commitment.some((c) => g.isIdentity(c))) return false;
    return this.challengeFor(label, commitment) === challenge;
  }

  /** draft-irtf-cfrg-fiat-shamir §6 `verify_batchable`. */
  verifyBatchable(proof: Uint8Array): boolean {
    const g = this.group;
    if (!(proof instanceof Uint8Array) || proof.length !== this.batchableProofLength) {
      throw new DeserializeError(
        'invalid_length',
        `sigma batchable proof: expected ${this.batchableProofLength} bytes`,
      );
    }
    const m = this.relation.equations.length;
    const commitment: P[] = [];
    for (let i = 0; i < m; i++) {
      commitment.push(
        g.deserializeElement(proof.subarray(i * g.elementLength, (i + 1) * g.elementLength), `commitment[${i}]`),
      );
    }
    const responses = this.decodeScalars(proof.subarray(m * g.elementLength), this.relation.numScalars);
    let label: Uint8Array;
    try {
      label = this.relation.label();
    } catch (e) {
      if (e instanceof ArcError) return false;
      throw e;
    }
    const challenge = this.challengeFor(label, commitment);
    // draft-irtf-cfrg-sigma-protocols §2.2.6: map(response) == commitment + challenge * image.
    const image = this.relation.image();
    const mapped = this.relation.map(responses, false);
    return mapped.every((lhs, i) => g.equals(lhs, g.add(commitment[i], g.msmPublic([image[i]], [challenge]))));
  }

  private encodeScalars(xs: bigint[]): Uint8Array {
    return concatBytes(...xs.map((x) => i2osp(x, this.group.scalarLength)));
  }

  private decodeScalars(bytes: Uint8Array, count: number): bigint[] {
    const ns = this.group.scalarLength;
    const out: bigint[] = [];
    for (let i = 0; i < count; i++) {
      const k = os2ip(bytes.subarray(i * ns, (i + 1) * ns));
      // draft-irtf-cfrg-sigma-protocols §2.3.1: a scalar must be in [0, order-1].
      if (k >= this.group.order)
        throw new DeserializeError('invalid_scalar', `sigma proof: scalar ${i} not below the order`);
      out.push(k);
    }
    return out;
  }
}
