import { Inject, Injectable } from '@nestjs/common';
import { arcDirectoryEntry, isArcError, issueArcCredential, ArcCredentialRequestMessage } from '@unlinked/arc';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { ArcKeysService, type ArcKey } from '@unlinked/platform';
import type { SessionAccount } from '../accounts/sessions.service.js';
import { IdentityError, IdentityErrorCode } from '../identity.errors.js';
import { IssuanceCountsRepository } from './issuance-counts.repository.js';
import { IssuanceError, IssuanceErrorCode } from './issuance.errors.js';
import { IssuanceReplays } from './issuance-replays.service.js';
import type { CompanyRef } from './issuance.service.js';

/** Path of the ARC issuer-request-uri on the ARC issuer's host. */
export const ARC_CREDENTIAL_REQUEST_PATH = '/credential-request';

/** `issuance_counts.kind` of ARC credentials; `epoch` then holds the ARC period. */
export const ARC_COUNT_KIND = 'arc';
/** One credential per account per period key (issue 11: lifetimes must not reopen a limit). */
export const ARC_CREDENTIALS_PER_PERIOD = 1;

/**
 * ARC issuance (draft-ietf-privacypass-arc-protocol §7): a verified member
 * gets at most one credential per period key of their company. Stores only
 * (account, key) → count, like the token quotas (privacy rule 2): the
 * request and response are never written or logged.
 */
@Injectable()
export class ArcIssuanceService {
  private readonly directories = new Map<string, string>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly keys: ArcKeysService,
    private readonly counts: IssuanceCountsRepository,
    private readonly replays: IssuanceReplays,
  ) {}

  /**
   * The directory's issuer-request-uri, at the company's ARC issuer name (RFC 9578 §4), like the VOPRF issuers'. The
   * same-origin path /privacy-pass/:company/arc/credential-request takes the same requests (the web app uses it).
   */
  credentialRequestUri(slug: string): string {
    return `${this.keys.issuerUrlFor(slug)}${ARC_CREDENTIAL_REQUEST_PATH}`;
  }

  /**
   * RFC 9578 §4 directory with the company's two live ARC keys (current
   * period first), identical bytes for everyone (privacy rule 8).
   */
  directory(company: CompanyRef, now = this.keys.now()): { body: string; maxAge: number } {
    const [current, ...older] = this.keys.liveKeys(company.id, now);
    const cacheKey = `${company.slug}\u0000${current.period}`;
    let body = this.directories.get(cacheKey);
    if (!body) {
      body = JSON.stringify({
        'issuer-request-uri': this.credentialRequestUri(company.slug),
        'token-keys': [current, ...older].map((k) =>
          arcDirectoryEntry({ publicKey: k.publicKey, notBefore: k.notBefore }),
        ),
      });
      if (this.directories.size > 10_000) this.directories.clear();
      this.directories.set(cacheKey, body);
    }
    const untilNext = Math.floor((this.keys.periodEnd(current.period).getTime() - now.getTime()) / 1000);
    return { body, maxAge: Math.max(0, Math.min(untilNext, 3600)) };
  }

  /**
   * draft-ietf-privacypass-arc-protocol §7.2: the request names a live key
   * by its truncated id; the account's count for that key goes from 0 to 1
   * atomically (a second request for the same period key is refused, 429),
   * then the issuer answers. A request that fails verification gives its
   * count back. With an idempotency key (IssuanceReplays), the same request
   * again is answered again without a second count: a credential issued anew
   * for the same blinded client secret presents the same tags, so it adds no
   * action in any context.
   */
  async issue(
    account: SessionAccount,
    company: CompanyRef,
    body: Uint8Array,
    idempotencyKey?: string,
    now = this.keys.now(),
  ): Promise<Uint8Array> {
    this.assertEligible(account, company, now);
    let truncated: number;
    try {
      truncated = ArcCredentialRequestMessage.deserialize(body).truncatedIssuerKeyId;
    } catch (e) {
      if (isArcError(e)) throw new IssuanceError(IssuanceErrorCode.MalformedRequest, e.code);
      throw e;
    }
    const key = this.keys.liveKeys(company.id, now).find((k) => k.truncatedKeyId === truncated);
    if (!key) throw new IssuanceError(IssuanceErrorCode.MalformedRequest, 'unknown_key_id');
    const claim =
      idempotencyKey === undefined
        ? undefined
        : await this.replays.claim(account.accountId, idempotencyKey, `arc/${company.slug}`, [body]);
    try {
      return await this.replays.charged(claim, key.period, {
        charge: () => this.reserve(account.accountId, key),
        refund: () => this.counts.subtract(account.accountId, key.keyId, 1),
        answer: () => issueArcCredential(body, key.privateKey, key.publicKey).serialize(),
      });
    } catch (e) {
      if (isArcError(e)) throw new IssuanceError(IssuanceErrorCode.MalformedRequest, e.code);
      throw e;
    }
  }

  private async reserve(accountId: string, key: ArcKey): Promise<void> {
    const ok = await this.counts.addWithinKeyQuota(
      {
        accountId,
        tokenKeyId: key.keyId,
        kind: ARC_COUNT_KIND,
        epoch: key.period,
        n: 1,
        // The count must outlive the key, or a second credential for it could be issued.
        retireAt: this.keys.retiresAt(key.period),
      },
      ARC_CREDENTIALS_PER_PERIOD,
    );
    if (!ok) throw new IssuanceError(IssuanceErrorCode.CredentialAlreadyIssued);
  }

  private assertEligible(account: SessionAccount, company: CompanyRef, now: Date): void {
    if (account.companyId !== company.id) throw new IdentityError(IdentityErrorCode.WrongCompany);
    const until = new Date(`${account.verifiedOn}T00:00:00Z`);
    until.setUTCMonth(until.getUTCMonth() + this.config.identity.verificationMonths);
    if (until.getTime() <= now.getTime()) throw new IdentityError(IdentityErrorCode.VerificationExpired);
  }
}
