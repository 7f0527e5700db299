/**
 * Origin role: redemption (RFC 9576 §3; RFC 9577 §2.2; RFC 9578 §5.4).
 * VOPRF tokens are privately verifiable: the Origin recomputes the PRF output
 * with the Issuer's secret key and compares it with the authenticator.
 * Double-spend prevention (remembering nonces) is the caller's job
 * (RFC 9577 §2.2, RFC 9576 §3.4).
 */
import { TOKEN_TYPE_VOPRF } from './constants.js';
import { constantTimeEqual } from './bytes.js';
import { InputValidationError, VerifyError } from './errors.js';
import { voprf } from './group.js';
import { tokenKeyId } from './key-id.js';
import type { TokenKeyPair } from './keys.js';
import { challengeDigest, TokenChallenge } from './token-challenge.js';
import { Token } from './token.js';

export interface VerifiedToken<K extends TokenKeyPair = TokenKeyPair> {
  /** Index into the `keys` argument. */
  keyIndex: number;
  key: K;
  tokenKeyId: Uint8Array;
}

export class Origin {
  /**
   * Verifies `token` against the challenge the Origin issued and the keys
   * currently redeemable (e.g. current and previous epoch). Returns the key
   * that matched, or throws VerifyError (token_type_mismatch,
   * challenge_mismatch, unknown_key_id, authenticator_mismatch).
   */
  verify<K extends TokenKeyPair>(
    token: Token,
    challenge: TokenChallenge | Uint8Array,
    keys: readonly K[],
  ): VerifiedToken<K> {
    if (!(token instanceof Token)) throw new InputValidationError('invalid_argument', 'token must be a Token');
    const serialized = challenge instanceof TokenChallenge ? challenge.serialize() : challenge;
    if (!(serialized instanceof Uint8Array))
      throw new InputValidationError('invalid_argument', 'challenge must be a TokenChallenge or its bytes');
    // RFC 9577 §2.2: the token type must match the challenge's.
    const challengeType = serialized.length >= 2 ? (serialized[0] << 8) | serialized[1] : -1;
    if (token.tokenType !== TOKEN_TYPE_VOPRF || challengeType !== token.tokenType) {
      throw new VerifyError('token_type_mismatch', 'token type does not match the challenge');
    }
    // RFC 9577 §2.2: challenge_digest MUST equal SHA256 of the challenge sent.
    if (!constantTimeEqual(challengeDigest(serialized), token.challengeDigest)) {
      throw new VerifyError('challenge_mismatch', 'token was not issued for this challenge');
    }
    let keyIndex = -1;
    let keyId: Uint8Array | undefined;
    for (let i = 0; i < keys.length; i++) {
      const id = tokenKeyId(keys[i].publicKey);
      if (constantTimeEqual(id, token.tokenKeyId)) {
        keyIndex = i;
        keyId = id;
        break;
      }
    }
    if (keyIndex < 0 || !keyId) throw new VerifyError('unknown_key_id', 'token_key_id does not name a redeemable key');
    const key = keys[keyIndex];
    let expected: Uint8Array;
    try {
      // RFC 9578 §5.4: token_authenticator = Evaluate(token_authenticator_input).
      expected = voprf.evaluate(key.secretKey, token.authenticatorInput());
    } catch (cause) {
      throw new InputValidationError('invalid_key', 'secret key rejected by VOPRF Evaluate', { cause });
    }
    // RFC 9578 §5.4: valid = (token_authenticator == Token.authenticator), compared in constant time.
    if (!constantTimeEqual(expected, token.authenticator)) {
      throw new VerifyError('authenticator_mismatch', 'authenticator does not verify');
    }
    return { keyIndex, key, tokenKeyId: keyId };
  }
}
