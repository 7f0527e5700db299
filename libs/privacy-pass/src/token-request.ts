/**
 * RFC 9578 §5.1 TokenRequest (token type 0x0001):
 *
 *   struct {
 *     uint16_t token_type = 0x0001;
 *     uint8_t truncated_token_key_id;
 *     uint8_t blinded_msg[Ne];
 *   } TokenRequest;
 */
import { NE, TOKEN_REQUEST_LENGTH, TOKEN_TYPE_VOPRF } from './constants.js';
import { concatBytes, Reader, u16 } from './bytes.js';
import { DeserializeError, InputValidationError } from './errors.js';
import { assertElement } from './group.js';
import { TRUSTED, type Trusted } from './internal.js';

function checkTruncatedId(v: number): void {
  if (!Number.isInteger(v) || v < 0 || v > 0xff) {
    throw new InputValidationError('invalid_argument', 'truncated_token_key_id must be an integer in 0..255');
  }
}

export class TokenRequest {
  readonly tokenType = TOKEN_TYPE_VOPRF;
  readonly truncatedTokenKeyId: number;
  readonly blindedMsg: Uint8Array;

  constructor(truncatedTokenKeyId: number, blindedMsg: Uint8Array, trusted?: Trusted) {
    checkTruncatedId(truncatedTokenKeyId);
    if (trusted !== TRUSTED) assertElement(blindedMsg, 'TokenRequest.blinded_msg');
    this.truncatedTokenKeyId = truncatedTokenKeyId;
    this.blindedMsg = Uint8Array.from(blindedMsg);
  }

  serialize(): Uint8Array {
    return concatBytes(u16(this.tokenType), Uint8Array.of(this.truncatedTokenKeyId), this.blindedMsg);
  }

  /**
   * RFC 9578 §5.2: unsupported token_type, a wrongly sized blinded_msg, or a
   * blinded_msg that fails DeserializeElement all mean HTTP 422.
   */
  static deserialize(bytes: Uint8Array): TokenRequest {
    const r = new Reader(bytes, 'TokenRequest');
    const tokenType = r.u16('token_type');
    if (tokenType !== TOKEN_TYPE_VOPRF) {
      throw new DeserializeError(
        'unsupported_token_type',
        `TokenRequest: unsupported token type 0x${tokenType.toString(16)}`,
      );
    }
    if (bytes.length !== TOKEN_REQUEST_LENGTH) {
      throw new DeserializeError(
        bytes.length < TOKEN_REQUEST_LENGTH ? 'truncated' : 'trailing_bytes',
        `TokenRequest: expected ${TOKEN_REQUEST_LENGTH} bytes, got ${bytes.length}`,
      );
    }
    const truncated = r.u8('truncated_token_key_id');
    const blinded = r.bytes(NE, 'blinded_msg');
    r.end();
    return new TokenRequest(truncated, blinded);
  }
}
