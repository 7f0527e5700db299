import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import {
  base64urlDecode,
  BatchedTokenRequest,
  IssuerDirectory,
  isPrivacyPassError,
  TOKEN_TYPE_VOPRF,
  TokenRequest,
} from '@unlinked/privacy-pass';
import { CompaniesService } from '@unlinked/companies';
import { IssuerKeysService, TokenKind, TOKEN_KINDS, type IssuerKey } from '@unlinked/platform';
import type { SessionAccount } from '../accounts/sessions.service.js';
import { IdentityError, IdentityErrorCode } from '../identity.errors.js';
import { IssuanceCountsRepository } from './issuance-counts.repository.js';
import { IssuanceError, IssuanceErrorCode } from './issuance.errors.js';
import { IssuanceReplays } from './issuance-replays.service.js';
import { fitsQuota, quotaRules, quotaStates, retireAt, type QuotaRules, type QuotaState } from './quota.js';
import { TokenEvaluator } from './token-evaluator.service.js';

export type { QuotaState } from './quota.js';

/** Path of the Issuer Request URL on an issuer name's host. */
export const ISSUER_REQUEST_PATH = '/token-request';

/** The company an issuer key belongs to. */
export interface CompanyRef {
  id: string;
  slug: string;
}

/**
 * The issuer (RFC 9576 §3, RFC 9578 §5): blind evaluation under the
 * company's current key within a per-account quota. Stores only
 * (account, key) → count (privacy rule 2): the blinded and evaluated elements
 * are never written or logged, and no per-request time is kept.
 */
@Injectable()
export class IssuanceService {
  private readonly directories = new Map<string, string>();
  private readonly rules: QuotaRules;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly keys: IssuerKeysService,
    private readonly evaluator: TokenEvaluator,
    private readonly counts: IssuanceCountsRepository,
    private readonly companies: CompaniesService,
    private readonly replays: IssuanceReplays,
  ) {
    this.rules = quotaRules(config.issuance, (epoch) => keys.epochEnd(epoch));
  }

  parseKind(kind: string): TokenKind {
    if (!(TOKEN_KINDS as readonly string[]).includes(kind)) throw new IssuanceError(IssuanceErrorCode.UnknownKind);
    return kind as TokenKind;
  }

  /** The company of a slug (CompanyError COMPANY_NOT_FOUND otherwise). */
  async companyBySlug(slug: string): Promise<CompanyRef> {
    const { id, slug: found } = await this.companies.refBySlug(slug);
    return { id, slug: found };
  }

  async companySlugById(id: string): Promise<string> {
    return (await this.companies.refById(id)).slug;
  }

  /**
   * RFC 9578 §4 issuer-request-uri: on the issuer name's own host
   * (issuer-host.controller.ts), where single and batched requests both go.
   */
  issuerRequestUri(slug: string, kind: TokenKind): string {
    return `${this.keys.issuerUrlFor(slug, kind)}${ISSUER_REQUEST_PATH}`;
  }

  /**
   * RFC 9578 §4 directory: the current epoch's key only (the one that
   * issues), built once per key and served as identical bytes to everyone
   * (privacy rule 8).
   */
  directory(company: CompanyRef, kind: TokenKind, now = new Date()): { body: string; key: IssuerKey; maxAge: number } {
    const key = this.keys.currentKey(company.id, kind, now);
    const cacheKey = `${company.slug}\u0000${kind}\u0000${key.epoch}`;
    let body = this.directories.get(cacheKey);
    if (!body) {
      body = new IssuerDirectory(this.issuerRequestUri(company.slug, kind), [
        {
          tokenType: TOKEN_TYPE_VOPRF,
          tokenKey: key.publicKey,
          notBefore: key.notBefore,
        },
      ]).serialize();
      if (this.directories.size > 10_000) this.directories.clear();
      this.directories.set(cacheKey, body);
    }
    const untilNext = Math.floor((this.keys.epochEnd(key.epoch).getTime() - now.getTime()) / 1000);
    return { body, key, maxAge: Math.max(0, Math.min(untilNext, 3600)) };
  }

  quotaOf(kind: TokenKind): number {
    return this.rules.quotas[kind];
  }

  /**
   * RFC 9578 §5.2 single request: body is a TokenRequest, answer a TokenResponse. With an idempotency key
   * (IssuanceReplays), the same request again is answered again and charged once.
   */
  async issueOne(
    account: SessionAccount,
    company: CompanyRef,
    kind: TokenKind,
    body: Uint8Array,
    idempotencyKey?: string,
  ): Promise<Uint8Array> {
    const request = this.deserialize(() => TokenRequest.deserialize(body));
    const [response] = await this.issue(
      account,
      company,
      kind,
      'single',
      [request.serialize()],
      [request.truncatedTokenKeyId],
      1,
      idempotencyKey,
    );
    return response;
  }

  /** Batched draft §5.2: body is a BatchTokenRequest, answer a BatchTokenResponse (idempotency key: as issueOne). */
  async issueBatch(
    account: SessionAccount,
    company: CompanyRef,
    kind: TokenKind,
    body: Uint8Array,
    idempotencyKey?: string,
  ): Promise<Uint8Array> {
    const request = this.deserialize(() => BatchedTokenRequest.deserialize(body));
    if (request.count > this.config.issuance.maxBatch) {
      throw new IssuanceError(IssuanceErrorCode.BatchTooLarge, `at most ${this.config.issuance.maxBatch}`);
    }
    const [response] = await this.issue(
      account,
      company,
      kind,
      'batch',
      [request.serialize()],
      [request.truncatedTokenKeyId],
      request.count,
      idempotencyKey,
    );
    return response;
  }

  /** GraphQL: several base64url TokenRequests, each answered with its own TokenResponse. */
  async issueMany(
    account: SessionAccount,
    company: CompanyRef,
    kind: TokenKind,
    requests: string[],
  ): Promise<Uint8Array[]> {
    if (requests.length === 0) throw new IssuanceError(IssuanceErrorCode.MalformedRequest, 'no requests');
    if (requests.length > this.config.issuance.maxBatch) {
      throw new IssuanceError(IssuanceErrorCode.BatchTooLarge, `at most ${this.config.issuance.maxBatch}`);
    }
    const parsed = requests.map((r) => this.deserialize(() => TokenRequest.deserialize(base64urlDecode(r, 'request'))));
    return this.issue(
      account,
      company,
      kind,
      'single',
      parsed.map((p) => p.serialize()),
      parsed.map((p) => p.truncatedTokenKeyId),
    );
  }

  /** Issued vs quota per kind for the signed-in account. */
  async quotas(account: SessionAccount, now = new Date()): Promise<QuotaState[]> {
    const epoch = this.keys.epochAt(now);
    const counts = await this.counts.findSince(account.accountId, epoch - 1);
    return quotaStates(counts, epoch, this.rules);
  }

  private deserialize<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      if (isPrivacyPassError(e)) throw new IssuanceError(IssuanceErrorCode.MalformedRequest, e.code);
      throw e;
    }
  }

  private async issue(
    account: SessionAccount,
    company: CompanyRef,
    kind: TokenKind,
    mode: 'single' | 'batch',
    requests: Uint8Array[],
    truncatedIds: number[],
    count = requests.length,
    idempotencyKey?: string,
  ): Promise<Uint8Array[]> {
    this.assertEligible(account, company);
    const claim =
      idempotencyKey === undefined
        ? undefined
        : await this.replays.claim(account.accountId, idempotencyKey, `${mode}/${company.slug}/${kind}`, requests);
    // A repeat is answered under the key it was charged on, even after the epoch turned.
    const key =
      claim?.fresh === false ? this.keys.keyFor(company.id, kind, claim.epoch) : this.keys.currentKey(company.id, kind);
    try {
      return await this.replays.charged(claim, key.epoch, {
        charge: async () => {
          // RFC 9578 §5.2: a truncated key id naming no current key → 422, before any evaluation or count.
          if (truncatedIds.some((id) => id !== key.truncatedTokenKeyId)) {
            throw new IssuanceError(IssuanceErrorCode.MalformedRequest, 'unknown_key_id');
          }
          await this.reserve(account.accountId, key, count);
        },
        refund: () => this.release(account.accountId, key, count),
        answer: () =>
          this.evaluator.evaluate({
            secretKey: key.secretKey,
            publicKey: key.publicKey,
            maxBatch: this.config.issuance.maxBatch,
            mode,
            requests,
          }),
      });
    } catch (e) {
      if (isPrivacyPassError(e)) throw new IssuanceError(IssuanceErrorCode.MalformedRequest, e.code);
      throw e;
    }
  }

  private assertEligible(account: SessionAccount, company: CompanyRef): void {
    if (account.companyId !== company.id) throw new IdentityError(IdentityErrorCode.WrongCompany);
    const verified = new Date(`${account.verifiedOn}T00:00:00Z`);
    const until = new Date(verified);
    until.setUTCMonth(until.getUTCMonth() + this.config.identity.verificationMonths);
    if (until.getTime() <= Date.now()) throw new IdentityError(IdentityErrorCode.VerificationExpired);
  }

  /**
   * Atomic quota: a conditional upsert on the (account, key) row, which
   * PostgreSQL serializes per row, so concurrent requests can never pass the
   * quota. Reviews count over 12 months of epochs, under a lock on the account.
   */
  private async reserve(accountId: string, key: IssuerKey, n: number): Promise<void> {
    const quota = this.quotaOf(key.kind);
    if (!fitsQuota(0, n, quota)) throw new IssuanceError(IssuanceErrorCode.QuotaExceeded);
    const increment = {
      accountId,
      tokenKeyId: key.tokenKeyId,
      kind: key.kind,
      epoch: key.epoch,
      n,
      retireAt: retireAt(key.kind, key.epoch, this.rules),
    };
    if (!(await this.counts.addWithinKeyQuota(increment, quota)))
      throw new IssuanceError(IssuanceErrorCode.QuotaExceeded);
  }

  private async release(accountId: string, key: IssuerKey, n: number): Promise<void> {
    await this.counts.subtract(accountId, key.tokenKeyId, n);
  }
}
