import { Inject, Injectable } from '@nestjs/common';
import {
  arcChallenge,
  arcIssuerName,
  arcPeriodAt,
  arcPeriodStart,
  ArcTokenChallenge,
  deriveServerKeyPair,
  issuerKeyId,
  truncatedIssuerKeyId,
  type ArcAction as ArcActionName,
  type ServerPrivateKey,
  type ServerPublicKey,
} from '@unlinked/arc';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { constantTimeEqual } from '@unlinked/privacy-pass';
import { originNameOf } from './issuer-names.js';

const MAX_CACHED = 20_000;
const encoder = new TextEncoder();

/** One ARC issuer key: (company, period) → ARCV1-P256 key pair (draft-ietf-privacypass-arc-crypto §4.1). */
export interface ArcKey {
  readonly companyId: string;
  readonly period: number;
  readonly privateKey: ServerPrivateKey;
  readonly publicKey: ServerPublicKey;
  /** draft-ietf-privacypass-arc-protocol §5: SHA-256(pkI), 32 bytes. */
  readonly keyId: Uint8Array;
  readonly truncatedKeyId: number;
  /** Start of the period, seconds since the Unix epoch (the directory's "not-before"). */
  readonly notBefore: number;
}

/** The per-context limits ARC enforces; each context allows one presentation per credential. */
export enum ArcAction {
  Vote = 'vote',
  Flag = 'flag',
  Review = 'review',
  Salary = 'salary',
  Interview = 'interview',
}

// The enum values must stay the shared profile's action names (libs/arc unlinked.ts).
const _actions: Record<ArcAction, ArcActionName> = {
  vote: 'vote',
  flag: 'flag',
  review: 'review',
  salary: 'salary',
  interview: 'interview',
};
void _actions;

/**
 * ARC keys (anonymous rate-limited credentials), derived deterministically
 * from `ISSUER_MASTER_SEED` per (company, period), so both sides compute the
 * same keys with no key table.
 *
 * Period: VERIFICATION_MONTHS (12) calendar months, UTC. Period p covers
 * months [p·M, (p+1)·M) counted from January 1970, so with M = 12 a period is
 * a calendar year. One credential per account per period key (counted on the
 * identity side); the key of period p issues and redeems during periods p and
 * p + 1, then retires (spent tags of it are pruned then).
 *
 * Key seed: HKDF-SHA256(ikm = master seed, salt = "unlinked/arc-key/v1",
 * info = company id || 0x00 || uint32(period) || uint8(counter)), 32 bytes,
 * then DeriveServerKeyPair (libs/arc). The counter is the first that gives the
 * truncated key id the period's parity, so the two live keys of a company
 * never share a truncated key id (as the VOPRF keys do per epoch).
 *
 * Challenge, contexts and period arithmetic: the shared profile in libs/arc
 * (`unlinked.ts`), so clients build the same bytes. issuer_name is the
 * company's ARC issuer name, `<company>.arc.issuer.<origin name>`, and
 * origin_info the origin name (host[:port] of PUBLIC_URL), as for the VOPRF
 * issuers (RFC 9577 §2.1.1, RFC 9578 §4). Credentials issued before that
 * (issuer_name = origin name) are bound to the legacy challenge and still
 * redeem under it (challengeMatching) until their keys retire. The request context (issuance) has no redemption context,
 * so one credential serves every context; the presentation context differs
 * per action and subject, so tags of two contexts cannot be matched.
 */
@Injectable()
export class ArcKeysService {
  private readonly keys = new Map<string, ArcKey>();
  /** host[:port] of the public URL: origin_info, and the legacy issuer_name. */
  readonly originName: string;
  readonly periodMonths: number;
  /** `https:`, or `http:` in development. */
  private readonly scheme: string;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.originName = originNameOf(config.publicUrl);
    this.scheme = new URL(config.publicUrl).protocol;
    this.periodMonths = config.identity.verificationMonths;
  }

  /** The company's ARC issuer name: the challenge's issuer_name and the host of its directory. */
  issuerNameFor(companySlug: string): string {
    return arcIssuerName(this.originName, companySlug);
  }

  /** Base URL of the company's ARC issuer, e.g. https://acme.arc.issuer.unlinked.example */
  issuerUrlFor(companySlug: string): string {
    return `${this.scheme}//${this.issuerNameFor(companySlug)}`;
  }

  /** The one clock of ARC periods (issuance, directory, redemption); tests move it to cross a key rotation. */
  now(): Date {
    return new Date();
  }

  /** Period containing `date`. */
  periodAt(date: Date = this.now()): number {
    return arcPeriodAt(date, this.periodMonths);
  }

  periodStart(period: number): Date {
    return arcPeriodStart(period, this.periodMonths);
  }

  /** First instant after `period`. */
  periodEnd(period: number): Date {
    return this.periodStart(period + 1);
  }

  keyFor(companyId: string, period: number): ArcKey {
    const cacheKey = `${companyId}\u0000${period}`;
    const cached = this.keys.get(cacheKey);
    if (cached) return cached;
    const key = Object.freeze(this.derive(companyId, period));
    if (this.keys.size >= MAX_CACHED) this.keys.delete(this.keys.keys().next().value!);
    this.keys.set(cacheKey, key);
    return key;
  }

  /** Keys that issue and redeem at `now`: the current period's, then the previous one's. */
  liveKeys(companyId: string, now: Date = this.now()): ArcKey[] {
    const period = this.periodAt(now);
    const keys = [this.keyFor(companyId, period)];
    if (period > 0) keys.push(this.keyFor(companyId, period - 1));
    return keys;
  }

  isLivePeriod(period: number, now: Date = this.now()): boolean {
    const current = this.periodAt(now);
    return period === current || period === current - 1;
  }

  /** When a key of `period` retires: the end of the next period. */
  retiresAt(period: number): Date {
    return this.periodEnd(period + 1);
  }

  /** The company's ARC challenge with the redemption context of `action` on `subject` (class comment). */
  challengeFor(companySlug: string, action: ArcAction | null, subject = ''): ArcTokenChallenge {
    return arcChallenge({ issuerName: this.issuerNameFor(companySlug), companySlug, action, subject });
  }

  /** The same context in the shape of credentials issued before issue 15 (issuer_name = origin name). */
  legacyChallengeFor(companySlug: string, action: ArcAction | null, subject = ''): ArcTokenChallenge {
    return arcChallenge({ issuerName: this.originName, companySlug, action, subject });
  }

  /**
   * The challenge a token names by its challenge_digest: the current one, or the legacy one of a credential issued
   * before issue 15 (a credential is bound to one of them at issuance, so it presents under that one only, and one
   * tag per context still holds). Unknown digests get the current challenge, which the token then fails.
   */
  challengeMatching(companySlug: string, action: ArcAction, subject: string, digest: Uint8Array): ArcTokenChallenge {
    const current = this.challengeFor(companySlug, action, subject);
    if (constantTimeEqual(current.digest(), digest)) return current;
    const legacy = this.legacyChallengeFor(companySlug, action, subject);
    return constantTimeEqual(legacy.digest(), digest) ? legacy : current;
  }

  private derive(companyId: string, period: number): ArcKey {
    const company = encoder.encode(companyId);
    for (let counter = 0; counter <= 0xff; counter++) {
      const info = new Uint8Array(company.length + 6);
      info.set(company, 0);
      new DataView(info.buffer).setUint32(company.length + 1, period);
      info[company.length + 5] = counter;
      const seed = hkdf(sha256, this.config.secrets.masterSeed, encoder.encode('unlinked/arc-key/v1'), info, 32);
      const { privateKey, publicKey } = deriveServerKeyPair(seed);
      const truncated = truncatedIssuerKeyId(publicKey);
      if ((truncated & 1) !== (period & 1)) continue;
      return {
        companyId,
        period,
        privateKey,
        publicKey,
        keyId: issuerKeyId(publicKey),
        truncatedKeyId: truncated,
        notBefore: Math.floor(this.periodStart(period).getTime() / 1000),
      };
    }
    throw new Error('no ARC key counter gives the period parity'); // probability 2^-256
  }
}

export { arcRedemptionContext, ARC_PRESENTATION_LIMIT } from '@unlinked/arc';
