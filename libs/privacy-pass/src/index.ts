/**
 * @unlinked/privacy-pass: Privacy Pass (RFC 9576/9577/9578) for token type
 * 0x0001, VOPRF(P-384, SHA-384) on noble's RFC 9497 implementation, plus the
 * batched issuance of draft-ietf-privacypass-batched-tokens-04 §5.
 */
export * from './constants.js';
export {
  PrivacyPassError,
  DeserializeError,
  InputValidationError,
  VerifyError,
  isPrivacyPassError,
  type PrivacyPassErrorKind,
  type PrivacyPassErrorCode,
} from './errors.js';
export { base64urlEncode, base64urlDecode, constantTimeEqual, type RandomBytes } from './bytes.js';
export { TokenChallenge, challengeDigest, type TokenChallengeInit } from './token-challenge.js';
export { TokenRequest } from './token-request.js';
export { TokenResponse } from './token-response.js';
export { Token, tokenInput } from './token.js';
export { BatchedTokenRequest, BatchedTokenResponse } from './batched-token.js';
export { IssuerDirectory, issuerDirectoryUrl, type IssuerTokenKey } from './issuer-directory.js';
export {
  PrivateTokenHeader,
  AUTH_SCHEME,
  buildWWWAuthenticate,
  parseWWWAuthenticate,
  buildAuthorization,
  parseAuthorization,
  type PrivateTokenChallengeParams,
} from './auth-header.js';
export { tokenKeyId, truncateTokenKeyId, truncatedTokenKeyId } from './key-id.js';
export {
  deriveTokenKeyPair,
  deriveTokenKeyPairWithCounter,
  resolveTokenKeySet,
  findTruncatedKeyIdCollisions,
  encodeKeyInfo,
  KEY_INFO_LABEL,
  MASTER_SEED_LENGTH,
  TOKEN_KIND_CODES,
  type TokenKind,
  type TokenKeyDescriptor,
  type TokenKeyPair,
  type DerivedTokenKey,
} from './keys.js';
export { Client, type ClientOptions, type TokenRequestState, type BatchedTokenRequestState } from './client.js';
export { Issuer, selectIssuer, type IssuerOptions } from './issuer.js';
export { Origin, type VerifiedToken } from './origin.js';
