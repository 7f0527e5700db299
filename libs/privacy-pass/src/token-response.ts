/**
 * RFC 9578 §5.2 TokenResponse (token type 0x0001):
 *
 *   struct {
 *     uint8_t evaluate_msg[Ne];
 *     uint8_t evaluate_proof[Ns+Ns];
 *   } TokenResponse;
 */
import { NE, NS, PROOF_LENGTH, TOKEN_RESPONSE_LENGTH } from './constants.js';
import { concatBytes, Reader } from './bytes.js';
import { DeserializeError } from './errors.js';
import { assertElement, assertScalar } from './group.js';
import { TRUSTED, type Trusted } from './internal.js';

/** RFC 9578 §5.2: proof = concat(SerializeScalar(c), SerializeScalar(s)); each MUST deserialize. */
export function assertProof(proof: Uint8Array, what: string): void {
  if (!(proof instanceof Uint8Array) || proof.length !== PROOF_LENGTH) {
    throw new DeserializeError('invalid_length', `${what}: expected ${PROOF_LENGTH} bytes`);
  }
  assertScalar(proof.subarray(0, NS), `${what}.c`);
  assertScalar(proof.subarray(NS), `${what}.s`);
}

export class TokenResponse {
  readonly evaluateMsg: Uint8Array;
  readonly evaluateProof: Uint8Array;

  constructor(evaluateMsg: Uint8Array, evaluateProof: Uint8Array, trusted?: Trusted) {
    if (trusted !== TRUSTED) {
      assertElement(evaluateMsg, 'TokenResponse.evaluate_msg');
      assertProof(evaluateProof, 'TokenResponse.evaluate_proof');
    }
    this.evaluateMsg = Uint8Array.from(evaluateMsg);
    this.evaluateProof = Uint8Array.from(evaluateProof);
  }

  serialize(): Uint8Array {
    return concatBytes(this.evaluateMsg, this.evaluateProof);
  }

  /** RFC 9578 §5.3: if deserializing either value fails, the Client aborts. */
  static deserialize(bytes: Uint8Array): TokenResponse {
    const r = new Reader(bytes, 'TokenResponse');
    if (bytes.length < TOKEN_RESPONSE_LENGTH) {
      throw new DeserializeError(
        'truncated',
        `TokenResponse: expected ${TOKEN_RESPONSE_LENGTH} bytes, got ${bytes.length}`,
      );
    }
    const msg = r.bytes(NE, 'evaluate_msg');
    const proof = r.bytes(PROOF_LENGTH, 'evaluate_proof');
    r.end();
    return new TokenResponse(msg, proof);
  }
}
