/**
 * Client role (RFC 9576 §3; issuance RFC 9578 §5.1 and §5.3; batched issuance
 * draft-ietf-privacypass-batched-tokens-04 §5.1 and §5.3).
 */
import { NONCE_LENGTH, TOKEN_TYPE_VOPRF } from './constants.js';
import { defaultRandomBytes, type RandomBytes } from './bytes.js';
import { InputValidationError, PrivacyPassError, VerifyError } from './errors.js';
import { nobleRng, voprf } from './group.js';
import { TRUSTED } from './internal.js';
import { tokenKeyId, truncateTokenKeyId } from './key-id.js';
import { BatchedTokenRequest, BatchedTokenResponse } from './batched-token.js';
import { challengeDigest, TokenChallenge } from './token-challenge.js';
import { TokenRequest } from './token-request.js';
import { TokenResponse } from './token-response.js';
import { Token, tokenInput } from './token.js';

/** What the Client keeps between request and finalize (RFC 9578 §5.1). Secret: holds the blind. */
export interface TokenRequestState {
  readonly nonce: Uint8Array;
  readonly challengeDigest: Uint8Array;
  readonly tokenKeyId: Uint8Array;
  readonly publicKey: Uint8Array;
  readonly tokenInput: Uint8Array;
  readonly blind: Uint8Array;
  readonly blindedElement: Uint8Array;
}

export interface BatchedTokenRequestState {
  readonly publicKey: Uint8Array;
  readonly items: readonly TokenRequestState[];
}

export interface ClientOptions {
  /** CSPRNG; defaults to Web Crypto getRandomValues. Used for nonces and blinds. */
  randomBytes?: RandomBytes;
}

function challengeOf(challenge: TokenChallenge | Uint8Array): Uint8Array {
  if (challenge instanceof TokenChallenge) return challenge.serialize();
  // Round-trip to validate, but hash the exact bytes the Origin sent.
  TokenChallenge.deserialize(challenge);
  return Uint8Array.from(challenge);
}

function wrapNoble(e: unknown, code: 'proof_invalid'): never {
  if (e instanceof PrivacyPassError) throw e;
  throw new VerifyError(code, 'DLEQ proof verification failed (RFC 9497 §2.2.2)', { cause: e });
}

export class Client {
  private readonly randomBytes: RandomBytes;

  constructor(options: ClientOptions = {}) {
    this.randomBytes = options.randomBytes ?? defaultRandomBytes;
  }

  private prepare(challenge: TokenChallenge | Uint8Array, publicKey: Uint8Array) {
    const serialized = challengeOf(challenge);
    // RFC 9578 §5.1: token_type "matches the type in the challenge".
    const tokenType = (serialized[0] << 8) | serialized[1];
    if (tokenType !== TOKEN_TYPE_VOPRF)
      throw new InputValidationError('token_type_mismatch', 'challenge is not for token type 0x0001');
    const keyId = tokenKeyId(publicKey); // validates the key as an Element
    const digest = challengeDigest(serialized);
    return { keyId, digest, publicKey: Uint8Array.from(publicKey) };
  }

  private blindOne(digest: Uint8Array, keyId: Uint8Array, publicKey: Uint8Array): TokenRequestState {
    // RFC 9578 §5.1: a fresh nonce = random(32) per token.
    const nonce = this.randomBytes(NONCE_LENGTH);
    if (!(nonce instanceof Uint8Array) || nonce.length !== NONCE_LENGTH)
      throw new InputValidationError('invalid_argument', 'randomBytes returned wrong length');
    const input = tokenInput(nonce, digest, keyId);
    const { blind, blinded } = voprf.blind(input, nobleRng(this.randomBytes));
    return {
      nonce,
      challengeDigest: digest,
      tokenKeyId: keyId,
      publicKey,
      tokenInput: input,
      blind,
      blindedElement: blinded,
    };
  }

  createTokenRequest(
    challenge: TokenChallenge | Uint8Array,
    publicKey: Uint8Array,
  ): { request: TokenRequest; state: TokenRequestState } {
    const { keyId, digest, publicKey: pk } = this.prepare(challenge, publicKey);
    const state = this.blindOne(digest, keyId, pk);
    const request = new TokenRequest(truncateTokenKeyId(keyId), state.blindedElement, TRUSTED);
    return { request, state };
  }

  /**
   * RFC 9578 §5.3: Finalize verifies the DLEQ proof against the expected pkI
   * before unblinding; on failure the Client aborts (VerifyError).
   */
  finalize(response: TokenResponse, state: TokenRequestState): Token {
    if (!(response instanceof TokenResponse))
      throw new InputValidationError('invalid_argument', 'response must be a TokenResponse');
    let authenticator: Uint8Array;
    try {
      authenticator = voprf.finalize(
        state.tokenInput,
        state.blind,
        response.evaluateMsg,
        state.blindedElement,
        state.publicKey,
        response.evaluateProof,
      );
    } catch (e) {
      wrapNoble(e, 'proof_invalid');
    }
    return new Token(state.nonce, state.challengeDigest, state.tokenKeyId, authenticator);
  }

  /** Batched-tokens draft §5.1: Nr blinded elements, each with a fresh nonce, one key. */
  createBatchedTokenRequest(
    challenge: TokenChallenge | Uint8Array,
    publicKey: Uint8Array,
    count: number,
  ): { request: BatchedTokenRequest; state: BatchedTokenRequestState } {
    if (!Number.isInteger(count) || count < 1)
      throw new InputValidationError('empty_batch', 'count must be a positive integer');
    const { keyId, digest, publicKey: pk } = this.prepare(challenge, publicKey);
    const items: TokenRequestState[] = [];
    for (let i = 0; i < count; i++) items.push(this.blindOne(digest, keyId, pk));
    const request = new BatchedTokenRequest(
      truncateTokenKeyId(keyId),
      items.map((s) => s.blindedElement),
      TRUSTED,
    );
    return { request, state: { publicKey: pk, items } };
  }

  /** Batched-tokens draft §5.3: FinalizeBatch verifies the one batch proof, then unblinds each element. */
  finalizeBatch(response: BatchedTokenResponse, state: BatchedTokenRequestState): Token[] {
    if (!(response instanceof BatchedTokenResponse))
      throw new InputValidationError('invalid_argument', 'response must be a BatchedTokenResponse');
    if (response.count !== state.items.length) {
      throw new VerifyError(
        'batch_size_mismatch',
        `expected ${state.items.length} evaluated elements, got ${response.count}`,
      );
    }
    let outputs: Uint8Array[];
    try {
      outputs = voprf.finalizeBatch(
        state.items.map((s, i) => ({
          input: s.tokenInput,
          blind: s.blind,
          evaluated: response.evaluatedElements[i],
          blinded: s.blindedElement,
        })),
        state.publicKey,
        response.evaluatedProof,
      );
    } catch (e) {
      wrapNoble(e, 'proof_invalid');
    }
    return state.items.map((s, i) => new Token(s.nonce, s.challengeDigest, s.tokenKeyId, outputs[i]));
  }
}
