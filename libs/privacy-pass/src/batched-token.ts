/**
 * Batched issuance for token type 0x0001, draft-ietf-privacypass-batched-tokens-04
 * §5 ("Batched Privately Verifiable Token Issuance"): Nr blinded elements
 * under one key, answered with Nr evaluated elements and ONE batch DLEQ proof
 * (RFC 9497 §2.2 GenerateProof over the whole list).
 *
 *   struct {
 *     uint16_t token_type;
 *     uint8_t truncated_token_key_id;
 *     BlindedElement blinded_elements<V>;
 *   } BatchTokenRequest;
 *
 *   struct {
 *     EvaluatedElement evaluated_elements<V>;
 *     uint8_t evaluated_proof[Ns + Ns];
 *   } BatchTokenResponse;
 *
 * `<V>` is a minimal-size QUIC varint byte length (draft §3.2).
 */
import { NE, PROOF_LENGTH, TOKEN_TYPE_VOPRF } from './constants.js';
import { concatBytes, encodeVarint, Reader, u16 } from './bytes.js';
import { DeserializeError, InputValidationError } from './errors.js';
import { assertElement } from './group.js';
import { TRUSTED, type Trusted } from './internal.js';
import { assertProof } from './token-response.js';

function splitElements(vec: Uint8Array, what: string): Uint8Array[] {
  // Nr >= 1: an empty batch carries no request and has no valid proof.
  if (vec.length === 0) throw new DeserializeError('invalid_length', `${what}: empty element list`);
  if (vec.length % NE !== 0)
    throw new DeserializeError('invalid_length', `${what}: length ${vec.length} is not a multiple of Ne=${NE}`);
  const out: Uint8Array[] = [];
  for (let i = 0; i < vec.length; i += NE) out.push(vec.slice(i, i + NE));
  return out;
}

function checkElements(elements: Uint8Array[], what: string): Uint8Array[] {
  if (!Array.isArray(elements) || elements.length === 0) {
    throw new InputValidationError('empty_batch', `${what}: at least one element is required`);
  }
  // One bad element fails the whole batch (draft §5.2: "If this fails for any ... MUST return 422").
  elements.forEach((e, i) => assertElement(e, `${what}[${i}]`));
  return elements.map((e) => Uint8Array.from(e));
}

export class BatchedTokenRequest {
  readonly tokenType = TOKEN_TYPE_VOPRF;
  readonly truncatedTokenKeyId: number;
  readonly blindedElements: readonly Uint8Array[];

  constructor(truncatedTokenKeyId: number, blindedElements: Uint8Array[], trusted?: Trusted) {
    if (!Number.isInteger(truncatedTokenKeyId) || truncatedTokenKeyId < 0 || truncatedTokenKeyId > 0xff) {
      throw new InputValidationError('invalid_argument', 'truncated_token_key_id must be an integer in 0..255');
    }
    this.truncatedTokenKeyId = truncatedTokenKeyId;
    this.blindedElements = Object.freeze(
      trusted === TRUSTED ? blindedElements : checkElements(blindedElements, 'BatchTokenRequest.blinded_elements'),
    );
  }

  get count(): number {
    return this.blindedElements.length;
  }

  serialize(): Uint8Array {
    const body = concatBytes(...this.blindedElements);
    return concatBytes(u16(this.tokenType), Uint8Array.of(this.truncatedTokenKeyId), encodeVarint(body.length), body);
  }

  static deserialize(bytes: Uint8Array): BatchedTokenRequest {
    const r = new Reader(bytes, 'BatchTokenRequest');
    const tokenType = r.u16('token_type');
    // Draft §5.2: token_type must be one of the batched types; only 0x0001 here.
    if (tokenType !== TOKEN_TYPE_VOPRF) {
      throw new DeserializeError(
        'unsupported_token_type',
        `BatchTokenRequest: unsupported token type 0x${tokenType.toString(16)}`,
      );
    }
    const truncated = r.u8('truncated_token_key_id');
    const vec = r.vecV('blinded_elements');
    r.end();
    const elements = splitElements(vec, 'BatchTokenRequest.blinded_elements');
    elements.forEach((e, i) => assertElement(e, `BatchTokenRequest.blinded_elements[${i}]`));
    return new BatchedTokenRequest(truncated, elements, TRUSTED);
  }
}

export class BatchedTokenResponse {
  readonly evaluatedElements: readonly Uint8Array[];
  readonly evaluatedProof: Uint8Array;

  constructor(evaluatedElements: Uint8Array[], evaluatedProof: Uint8Array, trusted?: Trusted) {
    if (trusted === TRUSTED) {
      this.evaluatedElements = Object.freeze(evaluatedElements);
      this.evaluatedProof = evaluatedProof;
      return;
    }
    this.evaluatedElements = Object.freeze(checkElements(evaluatedElements, 'BatchTokenResponse.evaluated_elements'));
    assertProof(evaluatedProof, 'BatchTokenResponse.evaluated_proof');
    this.evaluatedProof = Uint8Array.from(evaluatedProof);
  }

  get count(): number {
    return this.evaluatedElements.length;
  }

  serialize(): Uint8Array {
    const body = concatBytes(...this.evaluatedElements);
    return concatBytes(encodeVarint(body.length), body, this.evaluatedProof);
  }

  static deserialize(bytes: Uint8Array): BatchedTokenResponse {
    const r = new Reader(bytes, 'BatchTokenResponse');
    const vec = r.vecV('evaluated_elements');
    const proof = r.bytes(PROOF_LENGTH, 'evaluated_proof');
    r.end();
    const elements = splitElements(vec, 'BatchTokenResponse.evaluated_elements');
    elements.forEach((e, i) => assertElement(e, `BatchTokenResponse.evaluated_elements[${i}]`));
    assertProof(proof, 'BatchTokenResponse.evaluated_proof');
    return new BatchedTokenResponse(elements, proof, TRUSTED);
  }
}
