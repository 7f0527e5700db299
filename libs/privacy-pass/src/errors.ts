/**
 * Typed errors. Every failure the library reports is a PrivacyPassError with
 * a `kind` (which layer failed) and a stable `code` (what failed), so a
 * transport can map it without parsing messages.
 *
 * - 'deserialize': bytes/strings from the wire are malformed (RFC 9578 §5.2:
 *   the Issuer MUST answer 422).
 * - 'input': well-formed but unacceptable (unknown key id, batch too large,
 *   wrong token type for this key, bad local arguments). Also 422 at an Issuer.
 * - 'verify': cryptographic check failed (bad DLEQ proof at the Client, bad
 *   token at the Origin). An Origin answers with a fresh 401 challenge
 *   (RFC 9577 §2.1); a Client aborts (RFC 9578 §5.3).
 */
export type PrivacyPassErrorKind = 'deserialize' | 'input' | 'verify';

export type PrivacyPassErrorCode =
  // deserialize
  | 'truncated'
  | 'trailing_bytes'
  | 'invalid_length'
  | 'unsupported_token_type'
  | 'invalid_element'
  | 'identity_element'
  | 'non_canonical_element'
  | 'invalid_scalar'
  | 'invalid_varint'
  | 'invalid_string'
  | 'invalid_redemption_context'
  | 'invalid_base64url'
  | 'invalid_header'
  | 'invalid_json'
  | 'invalid_directory'
  // input
  | 'unknown_key_id'
  | 'empty_batch'
  | 'batch_too_large'
  | 'invalid_argument'
  | 'invalid_key'
  | 'key_id_collision'
  | 'token_type_mismatch'
  // verify
  | 'proof_invalid'
  | 'batch_size_mismatch'
  | 'challenge_mismatch'
  | 'authenticator_mismatch';

export class PrivacyPassError extends Error {
  readonly kind: PrivacyPassErrorKind;
  readonly code: PrivacyPassErrorCode;

  constructor(kind: PrivacyPassErrorKind, code: PrivacyPassErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.kind = kind;
    this.code = code;
    this.name = 'PrivacyPassError';
  }

  /**
   * Status a server should answer with. RFC 9578 §5.2 and the batched-tokens
   * draft §5.2 name 422 for every malformed or unacceptable request; a failed
   * redemption is answered with 401 and a new challenge (RFC 9577 §2.1).
   */
  get httpStatus(): 401 | 422 {
    return this.kind === 'verify' ? 401 : 422;
  }

  /** Apollo-style GraphQL `extensions.code`. */
  get graphqlCode(): 'BAD_USER_INPUT' | 'UNAUTHENTICATED' {
    return this.kind === 'verify' ? 'UNAUTHENTICATED' : 'BAD_USER_INPUT';
  }
}

export class DeserializeError extends PrivacyPassError {
  constructor(code: PrivacyPassErrorCode, message: string, options?: { cause?: unknown }) {
    super('deserialize', code, message, options);
    this.name = 'DeserializeError';
  }
}

export class InputValidationError extends PrivacyPassError {
  constructor(code: PrivacyPassErrorCode, message: string, options?: { cause?: unknown }) {
    super('input', code, message, options);
    this.name = 'InputValidationError';
  }
}

export class VerifyError extends PrivacyPassError {
  constructor(code: PrivacyPassErrorCode, message: string, options?: { cause?: unknown }) {
    super('verify', code, message, options);
    this.name = 'VerifyError';
  }
}

export function isPrivacyPassError(e: unknown): e is PrivacyPassError {
  return e instanceof PrivacyPassError;
}
