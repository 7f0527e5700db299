/**
 * Typed errors. Every failure the library reports is an ArcError with a
 * `kind` (which layer failed) and a stable `code` (what failed), so a
 * transport can map it without parsing messages.
 *
 * - 'deserialize': bytes or strings from the wire are malformed
 *   (draft-ietf-privacypass-arc-crypto §6.1 DeserializeElement /
 *   DeserializeScalar "InputValidationError"; draft-ietf-privacypass-arc-protocol
 *   §7.2: the Issuer MUST answer 422).
 * - 'input': well-formed but unacceptable here (unknown key id, wrong token
 *   type, bad presentation limit, bad local arguments). Also 422 at an Issuer.
 * - 'verify': a proof or check failed (request proof at the Issuer, response
 *   proof at the Client, presentation at the Origin). An Origin answers a
 *   fresh 401 challenge (RFC 9577 §2.1); a Client aborts.
 * - 'state': the client's own presentation state refuses (LimitExceededError,
 *   draft-ietf-privacypass-arc-crypto §4.3.2).
 */
export type ArcErrorKind = 'deserialize' | 'input' | 'verify' | 'state';

export type ArcErrorCode =
  // deserialize
  | 'truncated'
  | 'trailing_bytes'
  | 'invalid_length'
  | 'unsupported_token_type'
  | 'invalid_element'
  | 'identity_element'
  | 'non_canonical_element'
  | 'invalid_scalar'
  | 'invalid_string'
  | 'invalid_context'
  | 'invalid_base64url'
  | 'invalid_header'
  | 'invalid_json'
  | 'invalid_directory'
  // input
  | 'invalid_argument'
  | 'invalid_key'
  | 'invalid_presentation_limit'
  | 'unknown_key_id'
  | 'token_type_mismatch'
  // verify
  | 'proof_invalid'
  | 'range_sum_mismatch'
  | 'challenge_mismatch'
  | 'key_id_mismatch'
  // state
  | 'limit_exceeded';

export class ArcError extends Error {
  readonly kind: ArcErrorKind;
  readonly code: ArcErrorCode;

  constructor(kind: ArcErrorKind, code: ArcErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.kind = kind;
    this.code = code;
    this.name = 'ArcError';
  }

  /**
   * Status a server should answer with: draft-ietf-privacypass-arc-protocol §7.2
   * names 422 for malformed or unacceptable credential requests; a failed
   * redemption gets 401 and a new challenge (RFC 9577 §2.1).
   */
  get httpStatus(): 401 | 422 {
    return this.kind === 'verify' ? 401 : 422;
  }
}

export class DeserializeError extends ArcError {
  constructor(code: ArcErrorCode, message: string, options?: { cause?: unknown }) {
    super('deserialize', code, message, options);
    this.name = 'DeserializeError';
  }
}

export class InputValidationError extends ArcError {
  constructor(code: ArcErrorCode, message: string, options?: { cause?: unknown }) {
    super('input', code, message, options);
    this.name = 'InputValidationError';
  }
}

export class VerifyError extends ArcError {
  constructor(code: ArcErrorCode, message: string, options?: { cause?: unknown }) {
    super('verify', code, message, options);
    this.name = 'VerifyError';
  }
}

/** draft-ietf-privacypass-arc-crypto §4.3.2 Present: "LimitExceededError". */
export class LimitExceededError extends ArcError {
  constructor(message: string) {
    super('state', 'limit_exceeded', message);
    this.name = 'LimitExceededError';
  }
}

export function isArcError(e: unknown): e is ArcError {
  return e instanceof ArcError;
}
