/**
 * RFC 9577 §2.1.1 TokenChallenge:
 *
 *   struct {
 *     uint16_t token_type;
 *     opaque issuer_name<1..2^16-1>;
 *     opaque redemption_context<0..32>;
 *     opaque origin_info<0..2^16-1>;
 *   } TokenChallenge;
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { CHALLENGE_DIGEST_LENGTH, REDEMPTION_CONTEXT_LENGTH, TOKEN_TYPE_VOPRF } from './constants.js';
import { asciiDecode, concatBytes, Reader, u16 } from './bytes.js';
import { DeserializeError, InputValidationError } from './errors.js';

export interface TokenChallengeInit {
  tokenType?: number;
  issuerName: string;
  /** Empty, or exactly 32 bytes (RFC 9577 §2.1.1). */
  redemptionContext?: Uint8Array;
  /** Origin names; serialized comma-separated. Empty list = any origin. */
  originInfo?: string[];
}

function asciiBytes(s: string, what: string, allowEmpty: boolean): Uint8Array {
  if (typeof s !== 'string') throw new InputValidationError('invalid_argument', `${what}: expected a string`);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) throw new InputValidationError('invalid_argument', `${what}: must be printable ASCII`);
    out[i] = c;
  }
  if (!allowEmpty && out.length === 0) throw new InputValidationError('invalid_argument', `${what}: must not be empty`);
  if (out.length > 0xffff) throw new InputValidationError('invalid_argument', `${what}: longer than 2^16-1 bytes`);
  return out;
}

function checkOriginNames(names: string[], fail: (m: string) => never): void {
  for (const n of names) {
    // RFC 9577 §2.1.1: origin_info is a comma-separated list of origin names;
    // an empty element would make two different lists serialize alike.
    if (n.length === 0 || n.includes(',')) fail('origin_info: empty origin name or embedded comma');
  }
}

export class TokenChallenge {
  readonly tokenType: number;
  readonly issuerName: string;
  readonly redemptionContext: Uint8Array;
  readonly originInfo: readonly string[];

  constructor(init: TokenChallengeInit) {
    const tokenType = init.tokenType ?? TOKEN_TYPE_VOPRF;
    // This library implements token type 0x0001 only (RFC 9578 §5).
    if (tokenType !== TOKEN_TYPE_VOPRF) {
      throw new InputValidationError(
        'token_type_mismatch',
        `TokenChallenge: unsupported token type 0x${tokenType.toString(16)}`,
      );
    }
    asciiBytes(init.issuerName, 'issuer_name', false);
    const ctx = init.redemptionContext ?? new Uint8Array(0);
    if (!(ctx instanceof Uint8Array) || (ctx.length !== 0 && ctx.length !== REDEMPTION_CONTEXT_LENGTH)) {
      // RFC 9577 §2.1.1: redemption_context is either 0 or 32 bytes.
      throw new InputValidationError('invalid_argument', 'redemption_context must be empty or 32 bytes');
    }
    const origins = [...(init.originInfo ?? [])];
    checkOriginNames(origins, (m) => {
      throw new InputValidationError('invalid_argument', m);
    });
    asciiBytes(origins.join(','), 'origin_info', true);
    this.tokenType = tokenType;
    this.issuerName = init.issuerName;
    this.redemptionContext = Uint8Array.from(ctx);
    this.originInfo = Object.freeze(origins);
  }

  serialize(): Uint8Array {
    const issuer = asciiBytes(this.issuerName, 'issuer_name', false);
    const origin = asciiBytes(this.originInfo.join(','), 'origin_info', true);
    return concatBytes(
      u16(this.tokenType),
      u16(issuer.length),
      issuer,
      Uint8Array.of(this.redemptionContext.length),
      this.redemptionContext,
      u16(origin.length),
      origin,
    );
  }

  static deserialize(bytes: Uint8Array): TokenChallenge {
    const r = new Reader(bytes, 'TokenChallenge');
    const tokenType = r.u16('token_type');
    if (tokenType !== TOKEN_TYPE_VOPRF) {
      throw new DeserializeError(
        'unsupported_token_type',
        `TokenChallenge: unsupported token type 0x${tokenType.toString(16)}`,
      );
    }
    const issuerName = asciiDecode(r.vec16('issuer_name'), 'issuer_name', false);
    const redemptionContext = r.vec8('redemption_context');
    // RFC 9577 §2.1.1: redemption_context is either 0 or 32 bytes.
    if (redemptionContext.length !== 0 && redemptionContext.length !== REDEMPTION_CONTEXT_LENGTH) {
      throw new DeserializeError('invalid_redemption_context', 'redemption_context must be empty or 32 bytes');
    }
    const originStr = asciiDecode(r.vec16('origin_info'), 'origin_info', true);
    r.end();
    const originInfo = originStr === '' ? [] : originStr.split(',');
    checkOriginNames(originInfo, (m) => {
      throw new DeserializeError('invalid_string', m);
    });
    return new TokenChallenge({ tokenType, issuerName, redemptionContext, originInfo });
  }

  /**
   * RFC 9577 §2.1.1: a non-empty origin_info MUST contain the name of the
   * origin that issued the challenge; a Client rejects a challenge that does
   * not. `originName` is the origin's host as the client reached it (with the
   * port when it is not the scheme's default, as URL.host writes it).
   */
  admitsOrigin(originName: string): boolean {
    return this.originInfo.length === 0 || this.originInfo.includes(originName.toLowerCase());
  }

  /** RFC 9578 §5.1: challenge_digest = SHA256(challenge). */
  digest(): Uint8Array {
    return challengeDigest(this.serialize());
  }
}

export function challengeDigest(serializedChallenge: Uint8Array): Uint8Array {
  const d = sha256(serializedChallenge);
  if (d.length !== CHALLENGE_DIGEST_LENGTH) throw new Error('unreachable');
  return d;
}
