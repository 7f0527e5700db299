/**
 * RFC 9577 §2.2 Token, instantiated for type 0x0001 (RFC 9578 §5.3):
 *
 *   struct {
 *     uint16_t token_type = 0x0001;
 *     uint8_t nonce[32];
 *     uint8_t challenge_digest[32];
 *     uint8_t token_key_id[32];
 *     uint8_t authenticator[Nk];   // Nk = 48
 *   } Token;
 */
import { CHALLENGE_DIGEST_LENGTH, NID, NK, NONCE_LENGTH, TOKEN_LENGTH, TOKEN_TYPE_VOPRF } from './constants.js';
import { concatBytes, expectLength, Reader, u16 } from './bytes.js';
import { DeserializeError } from './errors.js';

export class Token {
  readonly tokenType = TOKEN_TYPE_VOPRF;
  readonly nonce: Uint8Array;
  readonly challengeDigest: Uint8Array;
  readonly tokenKeyId: Uint8Array;
  readonly authenticator: Uint8Array;

  constructor(nonce: Uint8Array, challengeDigest: Uint8Array, tokenKeyId: Uint8Array, authenticator: Uint8Array) {
    expectLength(nonce, NONCE_LENGTH, 'Token.nonce');
    expectLength(challengeDigest, CHALLENGE_DIGEST_LENGTH, 'Token.challenge_digest');
    expectLength(tokenKeyId, NID, 'Token.token_key_id');
    expectLength(authenticator, NK, 'Token.authenticator');
    this.nonce = Uint8Array.from(nonce);
    this.challengeDigest = Uint8Array.from(challengeDigest);
    this.tokenKeyId = Uint8Array.from(tokenKeyId);
    this.authenticator = Uint8Array.from(authenticator);
  }

  /** RFC 9578 §5.4: token_authenticator_input, i.e. everything but the authenticator. */
  authenticatorInput(): Uint8Array {
    return tokenInput(this.nonce, this.challengeDigest, this.tokenKeyId);
  }

  serialize(): Uint8Array {
    return concatBytes(this.authenticatorInput(), this.authenticator);
  }

  static deserialize(bytes: Uint8Array): Token {
    const r = new Reader(bytes, 'Token');
    const tokenType = r.u16('token_type');
    // RFC 9577 §2.2: the token_type selects the layout; only 0x0001 is known here.
    if (tokenType !== TOKEN_TYPE_VOPRF) {
      throw new DeserializeError('unsupported_token_type', `Token: unsupported token type 0x${tokenType.toString(16)}`);
    }
    if (bytes.length !== TOKEN_LENGTH) {
      throw new DeserializeError(
        bytes.length < TOKEN_LENGTH ? 'truncated' : 'trailing_bytes',
        `Token: expected ${TOKEN_LENGTH} bytes, got ${bytes.length}`,
      );
    }
    const nonce = r.bytes(NONCE_LENGTH, 'nonce');
    const digest = r.bytes(CHALLENGE_DIGEST_LENGTH, 'challenge_digest');
    const keyId = r.bytes(NID, 'token_key_id');
    const auth = r.bytes(NK, 'authenticator');
    r.end();
    return new Token(nonce, digest, keyId, auth);
  }
}

/** RFC 9578 §5.1: token_input = concat(0x0001, nonce, challenge_digest, token_key_id). */
export function tokenInput(nonce: Uint8Array, challengeDigest: Uint8Array, tokenKeyId: Uint8Array): Uint8Array {
  return concatBytes(u16(TOKEN_TYPE_VOPRF), nonce, challengeDigest, tokenKeyId);
}
