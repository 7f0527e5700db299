/**
 * ARC (Anonymous Rate-Limited Credentials), ARCV1-P256:
 * draft-ietf-privacypass-arc-crypto-01 and draft-ietf-privacypass-arc-protocol-00,
 * on draft-irtf-cfrg-sigma-protocols / draft-irtf-cfrg-fiat-shamir. Pure
 * TypeScript over @noble/curves and @noble/hashes; runs in browsers.
 */
export {
  ArcError,
  DeserializeError,
  InputValidationError,
  VerifyError,
  LimitExceededError,
  isArcError,
  type ArcErrorKind,
  type ArcErrorCode,
} from './errors.js';
export { base64urlDecode, base64urlEncode, constantTimeEqual, defaultRandomBytes, type RandomBytes } from './bytes.js';
export {
  CONTEXT_STRING,
  NE,
  NS,
  ORDER,
  generatorG,
  generatorH,
  hashToGroup,
  hashToScalar,
  type Element,
} from './group.js';
export {
  ServerPrivateKey,
  ServerPublicKey,
  setupServer,
  deriveServerKeyPair,
  assertKeyPair,
  SERVER_PUBLIC_KEY_LENGTH,
  SERVER_PRIVATE_KEY_LENGTH,
  KEY_SEED_LENGTH,
  type ServerKeyPair,
} from './keys.js';
export {
  CredentialRequest,
  CredentialResponse,
  Credential,
  createCredentialRequest,
  createCredentialResponse,
  finalizeCredential,
  CREDENTIAL_REQUEST_LENGTH,
  CREDENTIAL_RESPONSE_LENGTH,
  CREDENTIAL_LENGTH,
  type ClientSecrets,
} from './issuance.js';
export {
  Presentation,
  PresentationState,
  verifyPresentation,
  presentationLength,
  presentationProofLength,
} from './presentation.js';
export { computeBases, MAX_PRESENTATION_LIMIT } from './proofs.js';
export {
  TOKEN_TYPE_ARC,
  NID,
  ARC_MEDIA_TYPES,
  ArcTokenChallenge,
  ArcCredentialRequestMessage,
  ArcCredentialResponseMessage,
  ArcToken,
  arcTokenLength,
  issuerKeyId,
  truncatedIssuerKeyId,
  verifyArcToken,
  createArcCredentialRequest,
  issueArcCredential,
  arcPresentationState,
  createArcToken,
  type ArcTokenChallengeInit,
} from './protocol.js';
export {
  AUTH_SCHEME,
  buildArcWWWAuthenticate,
  parseArcWWWAuthenticate,
  buildArcAuthorization,
  parseArcAuthorization,
  arcDirectoryEntry,
  parseArcDirectoryKeys,
  type ArcChallengeParams,
  type ArcDirectoryKey,
} from './http.js';
// The generic sigma-protocol layer, for other statements over other groups.
export { LinearRelation, type Equation } from './linear-relation.js';
export { NISigmaProtocol, shake128Suite, type SigmaCiphersuite, type TranscriptFraming } from './sigma.js';
export type { PrimeGroup } from './prime-group.js';
export { KeccakDuplexSponge, Shake128Sponge, type DuplexSponge } from './sponge.js';
// Unlinked's profile: challenge, contexts and periods shared by the server and its clients.
export {
  ARC_PRESENTATION_LIMIT,
  ARC_CONTEXT_DOMAIN,
  arcRedemptionContext,
  arcItemSubject,
  arcChallenge,
  arcIssuerName,
  arcOriginOf,
  ARC_ISSUER_LABELS,
  arcPeriodAt,
  arcPeriodStart,
  arcPeriodOfNotBefore,
  type ArcAction,
  type ArcItemType,
} from './unlinked.js';
