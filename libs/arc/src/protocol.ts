/**
 * draft-ietf-privacypass-arc-protocol: ARC as Privacy Pass token type 0xE5AC.
 * TokenChallenge with credential_context (§6), issuer key id (§5), the
 * CredentialRequest / CredentialResponse wire formats (§7), request and
 * presentation contexts, and the Token (§8.1) verified per §8.2. Pure: no I/O.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, constantTimeEqual, expectWireLength, Reader, u16, u32, type RandomBytes } from './bytes.js';
import { DeserializeError, InputValidationError, VerifyError } from './errors.js';
import {
  CREDENTIAL_REQUEST_LENGTH,
  CREDENTIAL_RESPONSE_LENGTH,
  Credential,
  CredentialRequest,
  CredentialResponse,
  createCredentialRequest,
  createCredentialResponse,
  type ClientSecrets,
} from './issuance.js';
import { ServerPrivateKey, ServerPublicKey } from './keys.js';
import { Presentation, PresentationState, presentationLength, verifyPresentation } from './presentation.js';
import { checkPresentationLimit } from './proofs.js';

/** draft-ietf-privacypass-arc-protocol §10.1: token type ARC (P-256). */
export const TOKEN_TYPE_ARC = 0xe5ac;
/** draft-ietf-privacypass-arc-protocol §10.1: Nid = 32 (SHA-256). */
export const NID = 32;
export const CHALLENGE_DIGEST_LENGTH = 32;
/** draft-ietf-privacypass-arc-protocol §6: redemption_context and credential_context are 0 or 32 bytes. */
export const CONTEXT_LENGTH = 32;

export const ARC_MEDIA_TYPES = {
  /** draft-ietf-privacypass-arc-protocol §7.1 */
  credentialRequest: 'application/private-credential-request',
  /** draft-ietf-privacypass-arc-protocol §7.2 */
  credentialResponse: 'application/private-credential-response',
} as const;

/** draft-ietf-privacypass-arc-protocol §5: issuer_key_id = SHA-256(SerializeServerPublicKey(pkI)). */
export function issuerKeyId(publicKey: ServerPublicKey): Uint8Array {
  return sha256(publicKey.serialize());
}

/** draft-ietf-privacypass-arc-protocol §7.1: the least significant byte of issuer_key_id. */
export function truncatedIssuerKeyId(publicKey: ServerPublicKey): number {
  return issuerKeyId(publicKey)[NID - 1];
}

function checkContext(b: Uint8Array, what: string, fail: (m: string) => never): Uint8Array {
  // draft-ietf-privacypass-arc-protocol §6 (and RFC 9577 §2.1.1): 0 or 32 bytes, else the challenge MUST be ignored.
  if (!(b instanceof Uint8Array) || (b.length !== 0 && b.length !== CONTEXT_LENGTH))
    fail(`${what} must be empty or 32 bytes`);
  return Uint8Array.from(b);
}

function asciiField(s: string, what: string, allowEmpty: boolean, fail: (m: string) => never): Uint8Array {
  if (typeof s !== 'string') fail(`${what}: expected a string`);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) fail(`${what}: must be printable ASCII`);
    out[i] = c;
  }
  if (!allowEmpty && out.length === 0) fail(`${what}: must not be empty`);
  if (out.length > 0xffff) fail(`${what}: longer than 2^16-1 bytes`);
  return out;
}

export interface ArcTokenChallengeInit {
  issuerName: string;
  redemptionContext?: Uint8Array;
  /** Origin names, serialized comma-separated (RFC 9577 §2.1.1). */
  originInfo?: string[];
  credentialContext?: Uint8Array;
}

/**
 * draft-ietf-privacypass-arc-protocol §6:
 *   struct { uint16 token_type = 0xE5AC; opaque issuer_name<1..2^16-1>;
 *            opaque redemption_context<0..32>; opaque origin_info<0..2^16-1>;
 *            opaque credential_context<0..32>; } TokenChallenge;
 */
export class ArcTokenChallenge {
  readonly tokenType = TOKEN_TYPE_ARC;
  readonly issuerName: string;
  readonly redemptionContext: Uint8Array;
  readonly originInfo: readonly string[];
  readonly credentialContext: Uint8Array;

  constructor(init: ArcTokenChallengeInit) {
    const fail = (m: string): never => {
      throw new InputValidationError('invalid_argument', `TokenChallenge: ${m}`);
    };
    asciiField(init.issuerName, 'issuer_name', false, fail);
    const origins = [...(init.originInfo ?? [])];
    for (const o of origins)
      if (typeof o !== 'string' || o.length === 0 || o.includes(',')) fail('origin_info: empty name or embedded comma');
    asciiField(origins.join(','), 'origin_info', true, fail);
    this.issuerName = init.issuerName;
    this.originInfo = Object.freeze(origins);
    this.redemptionContext = checkContext(init.redemptionContext ?? new Uint8Array(0), 'redemption_context', fail);
    this.credentialContext = checkContext(init.credentialContext ?? new Uint8Array(0), 'credential_context', fail);
  }

  private issuerBytes(): Uint8Array {
    return asciiField(this.issuerName, 'issuer_name', false, () => {
      throw new Error('unreachable');
    });
  }

  private originBytes(): Uint8Array {
    return asciiField(this.originInfo.join(','), 'origin_info', true, () => {
      throw new Error('unreachable');
    });
  }

  serialize(): Uint8Array {
    const issuer = this.issuerBytes();
    const origin = this.originBytes();
    return concatBytes(
      u16(TOKEN_TYPE_ARC),
      u16(issuer.length),
      issuer,
      Uint8Array.of(this.redemptionContext.length),
      this.redemptionContext,
      u16(origin.length),
      origin,
      Uint8Array.of(this.credentialContext.length),
      this.credentialContext,
    );
  }

  static deserialize(bytes: Uint8Array): ArcTokenChallenge {
    const fail = (m: string): never => {
      throw new DeserializeError('invalid_context', `TokenChallenge: ${m}`);
    };
    const r = new Reader(bytes, 'TokenChallenge');
    const type = r.u16('token_type');
    if (type !== TOKEN_TYPE_ARC) {
      throw new DeserializeError(
        'unsupported_token_type',
        `TokenChallenge: token type 0x${type.toString(16)} is not ARC`,
      );
    }
    const issuerRaw = r.vec16('issuer_name');
    const redemptionContext = checkContext(r.vec8('redemption_context'), 'redemption_context', fail);
    const originRaw = r.vec16('origin_info');
    const credentialContext = checkContext(r.vec8('credential_context'), 'credential_context', fail);
    r.end();
    const str = (b: Uint8Array, what: string, allowEmpty: boolean): string => {
      let s = '';
      for (const c of b) {
        if (c < 0x20 || c > 0x7e)
          throw new DeserializeError('invalid_string', `TokenChallenge: ${what} is not printable ASCII`);
        s += String.fromCharCode(c);
      }
      if (!allowEmpty && s.length === 0) throw new DeserializeError('invalid_string', `TokenChallenge: empty ${what}`);
      return s;
    };
    const issuerName = str(issuerRaw, 'issuer_name', false);
    const origin = str(originRaw, 'origin_info', true);
    const originInfo = origin === '' ? [] : origin.split(',');
    if (originInfo.some((o) => o.length === 0))
      throw new DeserializeError('invalid_string', 'TokenChallenge: empty origin name');
    return new ArcTokenChallenge({ issuerName, redemptionContext, originInfo, credentialContext });
  }

  /** draft-ietf-privacypass-arc-protocol §8.1: challenge_digest = SHA-256(TokenChallenge). */
  digest(): Uint8Array {
    return sha256(this.serialize());
  }

  private contextWith(field: Uint8Array, keyId: Uint8Array): Uint8Array {
    if (!(keyId instanceof Uint8Array) || keyId.length !== NID) {
      throw new InputValidationError('invalid_argument', 'issuer_key_id must be 32 bytes');
    }
    const issuer = this.issuerBytes();
    const origin = this.originBytes();
    return concatBytes(u16(issuer.length), issuer, u16(origin.length), origin, u16(field.length), field, keyId);
  }

  /**
   * draft-ietf-privacypass-arc-protocol §7.1: request_context = issuer_name,
   * origin_info, credential_context (each with a 2-byte length) || issuer_key_id.
   */
  requestContext(keyId: Uint8Array): Uint8Array {
    return this.contextWith(this.credentialContext, keyId);
  }

  /**
   * draft-ietf-privacypass-arc-protocol §8.1: presentation_context =
   * issuer_name, origin_info, redemption_context (each with a 2-byte length) || issuer_key_id.
   */
  presentationContext(keyId: Uint8Array): Uint8Array {
    return this.contextWith(this.redemptionContext, keyId);
  }
}

/**
 * draft-ietf-privacypass-arc-protocol §7.1:
 *   struct { uint16 token_type = 0xE5AC; uint8 truncated_issuer_key_id; uint8 encoded_request[Nrequest]; }
 */
export class ArcCredentialRequestMessage {
  constructor(
    readonly truncatedIssuerKeyId: number,
    readonly request: CredentialRequest,
  ) {
    if (!Number.isInteger(truncatedIssuerKeyId) || truncatedIssuerKeyId < 0 || truncatedIssuerKeyId > 0xff) {
      throw new InputValidationError('invalid_argument', 'truncated_issuer_key_id must be a byte');
    }
  }

  serialize(): Uint8Array {
    return concatBytes(u16(TOKEN_TYPE_ARC), Uint8Array.of(this.truncatedIssuerKeyId), this.request.serialize());
  }

  /** draft-ietf-privacypass-arc-protocol §7.2: wrong type, size or encoding MUST get a 422 (DeserializeError). */
  static deserialize(bytes: Uint8Array): ArcCredentialRequestMessage {
    expectWireLength(bytes, 3 + CREDENTIAL_REQUEST_LENGTH, 'CredentialRequest message');
    const type = (bytes[0] << 8) | bytes[1];
    if (type !== TOKEN_TYPE_ARC) {
      throw new DeserializeError(
        'unsupported_token_type',
        `CredentialRequest: token type 0x${type.toString(16)} is not ARC`,
      );
    }
    return new ArcCredentialRequestMessage(bytes[2], CredentialRequest.deserialize(bytes.subarray(3)));
  }
}

/** draft-ietf-privacypass-arc-protocol §7.2: struct { uint8 encoded_response[Nresponse]; } */
export class ArcCredentialResponseMessage {
  constructor(readonly response: CredentialResponse) {}

  serialize(): Uint8Array {
    return this.response.serialize();
  }

  static deserialize(bytes: Uint8Array): ArcCredentialResponseMessage {
    expectWireLength(bytes, CREDENTIAL_RESPONSE_LENGTH, 'CredentialResponse message');
    return new ArcCredentialResponseMessage(CredentialResponse.deserialize(bytes));
  }
}

/** token_type(2) || presentation_nonce(4) || challenge_digest(32) || issuer_key_id(32) || presentation. */
export function arcTokenLength(presentationLimit: number): number {
  return 2 + 4 + CHALLENGE_DIGEST_LENGTH + NID + presentationLength(presentationLimit);
}

/**
 * draft-ietf-privacypass-arc-protocol §8.1:
 *   struct { uint16 token_type = 0xE5AC; uint32 presentation_nonce; uint8 challenge_digest[32];
 *            uint8 issuer_key_id[Nid]; uint8 presentation[Npresentation]; } Token;
 *
 * presentation_nonce: the draft says "equal to the nonce output from ARC",
 * but draft-ietf-privacypass-arc-crypto §7.3 keeps the nonce hidden in a
 * commitment so that it cannot be used to link presentations, and §8.2
 * verification does not read it. This library therefore writes 0 there by
 * default (`revealNonce` writes the real nonce) and never uses it to verify.
 */
export class ArcToken {
  readonly challengeDigest: Uint8Array;
  readonly issuerKeyId: Uint8Array;

  constructor(
    readonly presentationNonce: number,
    challengeDigest: Uint8Array,
    issuerKeyId: Uint8Array,
    readonly presentation: Presentation,
  ) {
    if (!Number.isInteger(presentationNonce) || presentationNonce < 0 || presentationNonce > 0xffffffff) {
      throw new InputValidationError('invalid_argument', 'presentation_nonce must be a uint32');
    }
    if (!(challengeDigest instanceof Uint8Array) || challengeDigest.length !== CHALLENGE_DIGEST_LENGTH) {
      throw new InputValidationError('invalid_argument', 'challenge_digest must be 32 bytes');
    }
    if (!(issuerKeyId instanceof Uint8Array) || issuerKeyId.length !== NID) {
      throw new InputValidationError('invalid_argument', 'issuer_key_id must be 32 bytes');
    }
    this.challengeDigest = Uint8Array.from(challengeDigest);
    this.issuerKeyId = Uint8Array.from(issuerKeyId);
  }

  serialize(): Uint8Array {
    return concatBytes(
      u16(TOKEN_TYPE_ARC),
      u32(this.presentationNonce),
      this.challengeDigest,
      this.issuerKeyId,
      this.presentation.serialize(),
    );
  }

  /** The presentation's length depends on the limit, which the verifier takes from its own challenge. */
  static deserialize(bytes: Uint8Array, presentationLimit: number): ArcToken {
    checkPresentationLimit(presentationLimit);
    if (bytes instanceof Uint8Array && bytes.length >= 2) {
      const type = (bytes[0] << 8) | bytes[1];
      if (type !== TOKEN_TYPE_ARC)
        throw new DeserializeError('unsupported_token_type', `Token: token type 0x${type.toString(16)} is not ARC`);
    }
    expectWireLength(bytes, arcTokenLength(presentationLimit), 'Token');
    const r = new Reader(bytes, 'Token');
    r.u16('token_type');
    const nonce = r.u32('presentation_nonce');
    const digest = r.bytes(CHALLENGE_DIGEST_LENGTH, 'challenge_digest');
    const keyId = r.bytes(NID, 'issuer_key_id');
    const presentation = Presentation.deserialize(r.bytes(r.remaining, 'presentation'), presentationLimit);
    return new ArcToken(nonce, digest, keyId, presentation);
  }
}

/**
 * draft-ietf-privacypass-arc-protocol §8.2: checks the token against the
 * challenge the Origin issued (digest, key id) and runs VerifyPresentation
 * with both contexts. Returns the tag; the Origin MUST then refuse a tag it
 * has already seen for this presentation context.
 */
export function verifyArcToken(
  token: ArcToken,
  challenge: ArcTokenChallenge,
  presentationLimit: number,
  privateKey: ServerPrivateKey,
  publicKey: ServerPublicKey,
): Uint8Array {
  if (!(token instanceof ArcToken) || !(challenge instanceof ArcTokenChallenge)) {
    throw new InputValidationError('invalid_argument', 'verifyArcToken: expected an ArcToken and an ArcTokenChallenge');
  }
  const keyId = issuerKeyId(publicKey);
  if (!constantTimeEqual(token.issuerKeyId, keyId))
    throw new VerifyError('key_id_mismatch', 'token is for another issuer key');
  if (!constantTimeEqual(token.challengeDigest, challenge.digest())) {
    throw new VerifyError('challenge_mismatch', 'token is for another challenge');
  }
  return verifyPresentation(
    privateKey,
    publicKey,
    challenge.requestContext(keyId),
    challenge.presentationContext(keyId),
    token.presentation,
    presentationLimit,
  );
}

/** Client, draft-ietf-privacypass-arc-protocol §7.1: the request bound to the challenge's request_context. */
export function createArcCredentialRequest(
  challenge: ArcTokenChallenge,
  publicKey: ServerPublicKey,
  rng?: RandomBytes,
): { message: ArcCredentialRequestMessage; request: CredentialRequest; secrets: ClientSecrets } {
  const { request, secrets } = createCredentialRequest(challenge.requestContext(issuerKeyId(publicKey)), rng);
  return { message: new ArcCredentialRequestMessage(truncatedIssuerKeyId(publicKey), request), request, secrets };
}

/**
 * Issuer, draft-ietf-privacypass-arc-protocol §7.2: parse (422 on any
 * malformation), match the truncated key id, verify the request proof, answer.
 */
export function issueArcCredential(
  messageBytes: Uint8Array,
  privateKey: ServerPrivateKey,
  publicKey: ServerPublicKey,
  rng?: RandomBytes,
): ArcCredentialResponseMessage {
  const msg = ArcCredentialRequestMessage.deserialize(messageBytes);
  if (msg.truncatedIssuerKeyId !== truncatedIssuerKeyId(publicKey)) {
    throw new InputValidationError('unknown_key_id', 'truncated_issuer_key_id does not name this issuer key');
  }
  return new ArcCredentialResponseMessage(createCredentialResponse(privateKey, publicKey, msg.request, rng));
}

/** Client, draft-ietf-privacypass-arc-protocol §7.3 / §8.1: the presentation state for one challenge. */
export function arcPresentationState(
  credential: Credential,
  challenge: ArcTokenChallenge,
  publicKey: ServerPublicKey,
  presentationLimit: number,
): PresentationState {
  return new PresentationState(credential, challenge.presentationContext(issuerKeyId(publicKey)), presentationLimit);
}

/** Client, draft-ietf-privacypass-arc-protocol §8.1: one Token from the state (see ArcToken on presentation_nonce). */
export function createArcToken(
  state: PresentationState,
  challengeBytes: Uint8Array,
  publicKey: ServerPublicKey,
  options: { rng?: RandomBytes; revealNonce?: boolean } = {},
): ArcToken {
  const challenge = ArcTokenChallenge.deserialize(challengeBytes);
  if (!constantTimeEqual(state.presentationContext, challenge.presentationContext(issuerKeyId(publicKey)))) {
    throw new InputValidationError('invalid_argument', 'presentation state was made for another challenge context');
  }
  const { nonce, presentation } = state.present(options.rng);
  return new ArcToken(options.revealNonce ? nonce : 0, sha256(challengeBytes), issuerKeyId(publicKey), presentation);
}
