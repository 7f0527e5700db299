/**
 * Issuer role (RFC 9576 §3; RFC 9578 §5.2; batched-tokens draft §5.2).
 */
import { DEFAULT_MAX_BATCH_SIZE, TOKEN_TYPE_VOPRF } from './constants.js';
import { constantTimeEqual, defaultRandomBytes, type RandomBytes } from './bytes.js';
import { DeserializeError, InputValidationError, PrivacyPassError } from './errors.js';
import { assertScalar, nobleRng, publicKeyFromSecret, voprf } from './group.js';
import { TRUSTED } from './internal.js';
import { tokenKeyId, truncateTokenKeyId } from './key-id.js';
import type { TokenKeyPair } from './keys.js';
import { BatchedTokenRequest, BatchedTokenResponse } from './batched-token.js';
import { TokenRequest } from './token-request.js';
import { TokenResponse } from './token-response.js';

export interface IssuerOptions {
  /** CSPRNG for the DLEQ proof nonce (RFC 9497 §2.2.1); defaults to Web Crypto. */
  randomBytes?: RandomBytes;
  /** Upper bound on Nr (batched-tokens draft §5.2: larger batches get 422). */
  maxBatchSize?: number;
}

export class Issuer {
  readonly publicKey: Uint8Array;
  /** RFC 9578 §5.5: SHA256(SerializeElement(pkI)). */
  readonly tokenKeyId: Uint8Array;
  /** RFC 9578 §5.1: last byte of tokenKeyId. */
  readonly truncatedTokenKeyId: number;
  readonly maxBatchSize: number;
  private readonly secretKey: Uint8Array;
  private readonly randomBytes: RandomBytes;

  constructor(keyPair: TokenKeyPair, options: IssuerOptions = {}) {
    try {
      assertScalar(keyPair.secretKey, 'secretKey', true);
    } catch (e) {
      throw new InputValidationError('invalid_key', (e as Error).message, { cause: e });
    }
    this.tokenKeyId = tokenKeyId(keyPair.publicKey);
    // A mismatched pair would yield proofs no Client accepts; catch it once here.
    if (!constantTimeEqual(publicKeyFromSecret(keyPair.secretKey), keyPair.publicKey)) {
      throw new InputValidationError('invalid_key', 'publicKey does not match secretKey');
    }
    this.secretKey = Uint8Array.from(keyPair.secretKey);
    this.publicKey = Uint8Array.from(keyPair.publicKey);
    this.truncatedTokenKeyId = truncateTokenKeyId(this.tokenKeyId);
    this.randomBytes = options.randomBytes ?? defaultRandomBytes;
    const max = options.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE;
    if (!Number.isInteger(max) || max < 1)
      throw new InputValidationError('invalid_argument', 'maxBatchSize must be a positive integer');
    this.maxBatchSize = max;
  }

  private checkKeyId(tokenType: number, truncated: number): void {
    // RFC 9578 §5.2: unsupported token_type or unknown truncated key id -> 422.
    if (tokenType !== TOKEN_TYPE_VOPRF) throw new InputValidationError('token_type_mismatch', 'unsupported token type');
    if (truncated !== this.truncatedTokenKeyId) {
      throw new InputValidationError(
        'unknown_key_id',
        `truncated_token_key_id 0x${truncated.toString(16)} does not name this key`,
      );
    }
  }

  /** RFC 9578 §5.2: BlindEvaluate(skI, pkI, blinded_element) with a DLEQ proof. */
  evaluate(request: TokenRequest): TokenResponse {
    if (!(request instanceof TokenRequest))
      throw new InputValidationError('invalid_argument', 'request must be a TokenRequest');
    this.checkKeyId(request.tokenType, request.truncatedTokenKeyId);
    const { evaluated, proof } = this.guard(() =>
      voprf.blindEvaluate(this.secretKey, this.publicKey, request.blindedMsg, nobleRng(this.randomBytes)),
    );
    return new TokenResponse(evaluated, proof, TRUSTED);
  }

  /** Batched-tokens draft §5.2: BlindEvaluateBatch, one proof for all Nr elements. */
  evaluateBatch(request: BatchedTokenRequest): BatchedTokenResponse {
    if (!(request instanceof BatchedTokenRequest))
      throw new InputValidationError('invalid_argument', 'request must be a BatchedTokenRequest');
    this.checkKeyId(request.tokenType, request.truncatedTokenKeyId);
    if (request.count > this.maxBatchSize) {
      throw new InputValidationError(
        'batch_too_large',
        `batch of ${request.count} exceeds the limit of ${this.maxBatchSize}`,
      );
    }
    const { evaluated, proof } = this.guard(() =>
      voprf.blindEvaluateBatch(
        this.secretKey,
        this.publicKey,
        [...request.blindedElements],
        nobleRng(this.randomBytes),
      ),
    );
    return new BatchedTokenResponse(evaluated, proof, TRUSTED);
  }

  private guard<T>(f: () => T): T {
    try {
      return f();
    } catch (e) {
      // Elements were validated at construction; noble rejecting one anyway is still a bad input.
      if (e instanceof PrivacyPassError) throw e;
      throw new DeserializeError('invalid_element', 'noble rejected an element', { cause: e });
    }
  }
}

/**
 * Picks the Issuer a request is addressed to among those served at once,
 * by truncated key id (RFC 9578 §5.2). Throws unknown_key_id (422) if none.
 */
export function selectIssuer(issuers: readonly Issuer[], request: TokenRequest | BatchedTokenRequest): Issuer {
  const match = issuers.filter((i) => i.truncatedTokenKeyId === request.truncatedTokenKeyId);
  if (match.length === 0) throw new InputValidationError('unknown_key_id', 'no key with this truncated_token_key_id');
  // resolveTokenKeySet guarantees uniqueness; refuse to guess if a caller bypassed it.
  if (match.length > 1)
    throw new InputValidationError('key_id_collision', 'several keys share this truncated_token_key_id');
  return match[0];
}
