import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { constantTimeEqual, deriveTokenKeyPair, TokenChallenge } from '@unlinked/privacy-pass';
import { issuerNameFor, originNameOf, parseIssuerHost, type IssuerHost } from './issuer-names.js';
import type { TokenKind } from './token-kind.js';

export {
  ARC_ISSUER_KIND,
  ISSUER_LABEL,
  issuerNameFor,
  originNameOf,
  parseIssuerHost,
  type IssuerHost,
} from './issuer-names.js';

export { TokenKind, TOKEN_KINDS, isTokenKind } from './token-kind.js';

const DAY_MS = 86_400_000;
/** Bound on cached keys (2 derivations each); far above companies × kinds × 2 epochs in use. */
const MAX_CACHED_KEYS = 20_000;

/** One issuer key: (company, kind, epoch) → VOPRF(P-384) key pair (RFC 9578 §5). */
export interface IssuerKey {
  readonly companyId: string;
  readonly kind: TokenKind;
  readonly epoch: number;
  readonly secretKey: Uint8Array;
  /** SerializeElement(pkI), 49 bytes. */
  readonly publicKey: Uint8Array;
  /** RFC 9578 §5.5: SHA256(pkI), 32 bytes. */
  readonly tokenKeyId: Uint8Array;
  /** RFC 9578 §5.1: last byte of tokenKeyId. */
  readonly truncatedTokenKeyId: number;
  /** Start of the key's epoch, seconds since the Unix epoch (the directory's "not-before"). */
  readonly notBefore: number;
}

/**
 * Issuer keys derived deterministically from `ISSUER_MASTER_SEED` (see
 * libs/privacy-pass keys.ts for the KeyInfo encoding), so every instance and
 * both sides of the privacy line compute the same keys with no key table.
 *
 * Epochs: epoch n covers [n·E, (n+1)·E) with E = EPOCH_DAYS days, epoch 0
 * starting at Unix time 0. Keys of the current and the previous epoch redeem;
 * older keys are retired (they are never derived for redemption again).
 *
 * Token challenge (RFC 9577 §2.1), one per company and kind:
 *   token_type         = 0x0001
 *   issuer_name        = "<company-slug>.<kind>.issuer.<origin name>", e.g.
 *                        "acme.post.issuer.unlinked.example" (issuer-names.ts):
 *                        one issuer name per directory (RFC 9578 §4)
 *   redemption_context = empty (tokens are not bound to a context; the spent
 *                        (key id, nonce) table prevents double spending)
 *   origin_info        = ["<origin name>"] = host[:port] of PUBLIC_URL, e.g.
 *                        "unlinked.example" (RFC 9577 §2.1.1: a non-empty
 *                        origin_info MUST name the origin)
 * Binding the company and the kind into the issuer name makes a token minted
 * for one board or kind useless at another even before its key is compared
 * (the challenge digest differs), as the keys differ too.
 */
@Injectable()
export class IssuerKeysService {
  private readonly keys = new Map<string, IssuerKey>();
  private readonly challenges = new Map<string, TokenChallenge>();
  private readonly epochMs: number;
  private readonly legacyChallenges = new Map<string, TokenChallenge>();
  /** host[:port] of the public URL: the origin's name in origin_info. */
  readonly originName: string;
  /** `https:`, or `http:` in development. */
  private readonly scheme: string;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.epochMs = config.issuance.epochDays * DAY_MS;
    this.originName = originNameOf(config.publicUrl);
    this.scheme = new URL(config.publicUrl).protocol;
  }

  /** The issuer name of (company, kind): the challenge's issuer_name and the host of its directory. */
  issuerNameFor(companySlug: string, kind: TokenKind): string {
    return issuerNameFor(this.originName, companySlug, kind);
  }

  /** Base URL of the issuer of (company, kind), e.g. https://acme.post.issuer.unlinked.example */
  issuerUrlFor(companySlug: string, kind: TokenKind): string {
    return `${this.scheme}//${this.issuerNameFor(companySlug, kind)}`;
  }

  /** The (company, kind) whose issuer a Host header names, or null (the origin's own host, anything else). */
  issuerAt(host: string | undefined): IssuerHost | null {
    return parseIssuerHost(host, this.originName);
  }

  /** Epoch number containing `date`. */
  epochAt(date: Date = new Date()): number {
    return Math.floor(date.getTime() / this.epochMs);
  }

  /** First instant of `epoch`. */
  epochStart(epoch: number): Date {
    return new Date(epoch * this.epochMs);
  }

  /** First instant after `epoch` (exclusive end). */
  epochEnd(epoch: number): Date {
    return new Date((epoch + 1) * this.epochMs);
  }

  /** The key of (company, kind, epoch), derived once and cached. */
  keyFor(companyId: string, kind: TokenKind, epoch: number): IssuerKey {
    const cacheKey = `${companyId}\u0000${kind}\u0000${epoch}`;
    const cached = this.keys.get(cacheKey);
    if (cached) return cached;
    const derived = deriveTokenKeyPair(this.config.secrets.masterSeed, {
      companyId,
      kind,
      epoch,
    });
    const key: IssuerKey = Object.freeze({
      companyId,
      kind,
      epoch,
      secretKey: derived.secretKey,
      publicKey: derived.publicKey,
      tokenKeyId: derived.tokenKeyId,
      truncatedTokenKeyId: derived.truncatedTokenKeyId,
      notBefore: Math.floor(this.epochStart(epoch).getTime() / 1000),
    });
    if (this.keys.size >= MAX_CACHED_KEYS) this.keys.delete(this.keys.keys().next().value!);
    this.keys.set(cacheKey, key);
    return key;
  }

  /** The key that issues now: the current epoch's. */
  currentKey(companyId: string, kind: TokenKind, now: Date = new Date()): IssuerKey {
    return this.keyFor(companyId, kind, this.epochAt(now));
  }

  /** Keys whose tokens redeem at `now`: current epoch first, then the previous one. */
  redeemableKeys(companyId: string, kind: TokenKind, now: Date = new Date()): IssuerKey[] {
    const epoch = this.epochAt(now);
    const keys = [this.keyFor(companyId, kind, epoch)];
    if (epoch > 0) keys.push(this.keyFor(companyId, kind, epoch - 1));
    return keys;
  }

  /** Whether tokens of `epoch` still redeem at `now` (current or previous epoch). */
  isRedeemableEpoch(epoch: number, now: Date = new Date()): boolean {
    const current = this.epochAt(now);
    return epoch === current || epoch === current - 1;
  }

  /** The origin's TokenChallenge for a company board and kind (see class comment). */
  challengeFor(companySlug: string, kind: TokenKind): TokenChallenge {
    return this.cachedChallenge(this.challenges, companySlug, kind, () => ({
      issuerName: this.issuerNameFor(companySlug, kind),
      originInfo: [this.originName],
    }));
  }

  /**
   * The challenge a token was issued for, among those that still redeem: the
   * current one, or the one served before issuer names per (company, kind)
   * (issuer_name = origin name, origin_info = "<kind>.<company>.<origin name>",
   * which RFC 9577 §2.1.1 conforming clients reject), so tokens already in
   * wallets stay spendable until their keys retire. Both bind the company and
   * the kind. Falls back to the current challenge, which then fails to verify.
   */
  redeemableChallenge(companySlug: string, kind: TokenKind, challengeDigest: Uint8Array): TokenChallenge {
    const current = this.challengeFor(companySlug, kind);
    const legacy = this.cachedChallenge(this.legacyChallenges, companySlug, kind, () => ({
      issuerName: this.originName,
      originInfo: [`${kind}.${companySlug}.${this.originName}`],
    }));
    return constantTimeEqual(legacy.digest(), challengeDigest) ? legacy : current;
  }

  private cachedChallenge(
    cache: Map<string, TokenChallenge>,
    companySlug: string,
    kind: TokenKind,
    init: () => { issuerName: string; originInfo: string[] },
  ): TokenChallenge {
    const cacheKey = `${companySlug}\u0000${kind}`;
    let challenge = cache.get(cacheKey);
    if (!challenge) {
      challenge = new TokenChallenge({ ...init(), redemptionContext: new Uint8Array(0) });
      if (cache.size >= MAX_CACHED_KEYS) cache.delete(cache.keys().next().value!);
      cache.set(cacheKey, challenge);
    }
    return challenge;
  }
}
