/**
 * Sizes and code points for Privacy Pass token type 0x0001,
 * VOPRF(P-384, SHA-384) (RFC 9578 §5, §8.2.1; RFC 9497 §4.4).
 */

/** RFC 9578 §8.2.1: token type registered for VOPRF(P-384, SHA-384). */
export const TOKEN_TYPE_VOPRF = 0x0001;

/**
 * RFC 9578 §8.2.1 "Nk": length of the token authenticator. For type 0x0001
 * Nk = Nh = 48 (SHA-384 output). Nk is the authenticator size, not the key
 * size: the serialized public key is an Element of NE bytes.
 */
export const NK = 48;
/** RFC 9497 §4.4: SerializeElement of a P-384 point (SEC1 compressed). */
export const NE = 49;
/** RFC 9497 §4.4: SerializeScalar of a P-384 scalar. */
export const NS = 48;
/** RFC 9497 §4.4: hash output length (SHA-384). */
export const NH = 48;
/** RFC 9578 §5: token_key_id is SHA-256, 32 bytes. */
export const NID = 32;
/** RFC 9578 §5.1: nonce = random(32). */
export const NONCE_LENGTH = 32;
/** RFC 9577 §2.2: challenge_digest = SHA256(challenge). */
export const CHALLENGE_DIGEST_LENGTH = 32;
/** Serialized public key (an Element) length. */
export const PUBLIC_KEY_LENGTH = NE;
/** Serialized secret key (a Scalar) length. */
export const SECRET_KEY_LENGTH = NS;
/** RFC 9578 §5.2: evaluate_proof[Ns+Ns]. */
export const PROOF_LENGTH = 2 * NS;
/** RFC 9577 §2.1.1: redemption_context is either empty or 32 bytes. */
export const REDEMPTION_CONTEXT_LENGTH = 32;

/** token_type(2) || truncated_token_key_id(1) || blinded_msg[Ne] (RFC 9578 §5.1). */
export const TOKEN_REQUEST_LENGTH = 2 + 1 + NE;
/** evaluate_msg[Ne] || evaluate_proof[Ns+Ns] (RFC 9578 §5.2). */
export const TOKEN_RESPONSE_LENGTH = NE + PROOF_LENGTH;
/** token_type || nonce || challenge_digest || token_key_id (RFC 9578 §5.1). */
export const TOKEN_INPUT_LENGTH = 2 + NONCE_LENGTH + CHALLENGE_DIGEST_LENGTH + NID;
/** token_input || authenticator[Nk] (RFC 9577 §2.2, RFC 9578 §5.3). */
export const TOKEN_LENGTH = TOKEN_INPUT_LENGTH + NK;

/** Default upper bound on Nr for batched issuance (draft-ietf-privacypass-batched-tokens §5.2). */
export const DEFAULT_MAX_BATCH_SIZE = 128;

/** RFC 9497 §4.4 context string for the ciphersuite used by token type 0x0001. */
export const OPRF_SUITE = 'P384-SHA384';

/** HTTP media types (RFC 9578 §5.1-5.2, §4; batched-tokens draft §5). */
export const MEDIA_TYPES = {
  tokenRequest: 'application/private-token-request',
  tokenResponse: 'application/private-token-response',
  batchedTokenRequest: 'application/private-token-privately-verifiable-batch-request',
  batchedTokenResponse: 'application/private-token-privately-verifiable-batch-response',
  issuerDirectory: 'application/private-token-issuer-directory',
} as const;

/** RFC 9578 §4: well-known location of the issuer directory. */
export const ISSUER_DIRECTORY_PATH = '/.well-known/private-token-issuer-directory';
