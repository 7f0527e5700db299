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
import { DataSource } from 'typeorm';
import { IssuerKeysService, TokenKind, TOKEN_KINDS, type IssuerKey } from '@unlinked/platform';
import type { SessionAccount } from '../accounts/sessions.service.js';
import { IdentityError, IdentityErrorCode } from '../identity.errors.js';
import { IssuanceError, IssuanceErrorCode } from './issuance.errors.js';
import { TokenEvaluator } from './token-evaluator.service.js';

export interface CompanyRef {
  id: string;
  slug: string;
}

export interface QuotaState {
  kind: TokenKind;
  epoch: number;
  issued: number;
  quota: number;
  /** When the count starts over: the end of the epoch (post, reaction) or of the review window. */
  resetsAt: Date;
}

const DAY_MS = 86_400_000;

/**
 * The issuer (RFC 9576 §3, RFC 9578 §5): blind evaluation under the
 * company's current key within a per-account quota. Stores only
 * (account, key) → count (privacy rule 2): the blinded and evaluated elements
 * are never written or logged, and no per-request time is kept.
 */
@Injectable()
export class IssuanceService {
  private readonly directories = new Map<string, string>();
  /** Review quota window in epochs: covers 12 months. */
  readonly reviewWindowEpochs: number;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly keys: IssuerKeysService,
    private readonly evaluator: TokenEvaluator,
  ) {
    this.reviewWindowEpochs = Math.ceil(365 / config.issuance.epochDays);
  }

  parseKind(kind: string): TokenKind {
    if (!(TOKEN_KINDS as readonly string[]).includes(kind)) throw new IssuanceError(IssuanceErrorCode.UnknownKind);
    return kind as TokenKind;
  }

  async companyBySlug(slug: string): Promise<CompanyRef> {
    const rows = (await this.dataSource.query(`SELECT id, slug FROM companies WHERE slug = $1`, [
      slug,
    ])) as CompanyRef[];
    if (!rows[0]) throw new IdentityError(IdentityErrorCode.CompanyNotFound);
    return rows[0];
  }

  async companySlugById(id: string): Promise<string> {
    const rows = (await this.dataSource.query(`SELECT slug FROM companies WHERE id = $1`, [id])) as { slug: string }[];
    if (!rows[0]) throw new IdentityError(IdentityErrorCode.CompanyNotFound);
    return rows[0].slug;
  }

  issuerRequestUri(slug: string, kind: TokenKind): string {
    return `${this.config.publicUrl}/privacy-pass/${slug}/${kind}/token-request`;
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
    switch (kind) {
      case TokenKind.Post:
        return this.config.issuance.postQuota;
      case TokenKind.Reaction:
        return this.config.issuance.reactionQuota;
      case TokenKind.Review:
        return this.config.issuance.reviewQuota;
    }
  }

  /** RFC 9578 §5.2 single request: body is a TokenRequest, answer a TokenResponse. */
  async issueOne(account: SessionAccount, company: CompanyRef, kind: TokenKind, body: Uint8Array): Promise<Uint8Array> {
    const request = this.deserialize(() => TokenRequest.deserialize(body));
    const [response] = await this.issue(
      account,
      company,
      kind,
      'single',
      [request.serialize()],
      [request.truncatedTokenKeyId],
    );
    return response;
  }

  /** Batched draft §5.2: body is a BatchTokenRequest, answer a BatchTokenResponse. */
  async issueBatch(
    account: SessionAccount,
    company: CompanyRef,
    kind: TokenKind,
    body: Uint8Array,
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
    const rows = (await this.dataSource.query(
      `SELECT kind, epoch, issued FROM issuance_counts WHERE account_id = $1 AND epoch > $2`,
      [account.accountId, epoch - this.reviewWindowEpochs],
    )) as { kind: TokenKind; epoch: number; issued: number }[];
    return [TokenKind.Post, TokenKind.Review, TokenKind.Reaction].map((kind) => {
      const issued = rows
        .filter((r) => r.kind === kind && (kind === TokenKind.Review || r.epoch === epoch))
        .reduce((sum, r) => sum + r.issued, 0);
      const resetsAt =
        kind === TokenKind.Review
          ? this.reviewResetsAt(
              rows.filter((r) => r.kind === kind && r.issued > 0),
              epoch,
            )
          : this.keys.epochEnd(epoch);
      return { kind, epoch, issued, quota: this.quotaOf(kind), resetsAt };
    });
  }

  private reviewResetsAt(rows: { epoch: number }[], epoch: number): Date {
    const oldest = rows.length ? Math.min(...rows.map((r) => r.epoch)) : epoch;
    return this.keys.epochEnd(oldest + this.reviewWindowEpochs - 1);
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
  ): Promise<Uint8Array[]> {
    this.assertEligible(account, company);
    const key = this.keys.currentKey(company.id, kind);
    // RFC 9578 §5.2: a truncated key id naming no current key → 422, before any evaluation or count.
    if (truncatedIds.some((id) => id !== key.truncatedTokenKeyId)) {
      throw new IssuanceError(IssuanceErrorCode.MalformedRequest, 'unknown_key_id');
    }
    await this.reserve(account.accountId, key, count);
    try {
      return await this.evaluator.evaluate({
        secretKey: key.secretKey,
        publicKey: key.publicKey,
        maxBatch: this.config.issuance.maxBatch,
        mode,
        requests,
      });
    } catch (e) {
      await this.release(account.accountId, key, count);
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
    if (n > quota) throw new IssuanceError(IssuanceErrorCode.QuotaExceeded);
    const retireAt = this.retireAt(key);
    if (key.kind !== TokenKind.Review) {
      const rows = (await this.dataSource.query(
        `INSERT INTO issuance_counts AS c (account_id, token_key_id, kind, epoch, issued, retire_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (account_id, token_key_id) DO UPDATE SET issued = c.issued + EXCLUDED.issued
           WHERE c.issued + EXCLUDED.issued <= $7
         RETURNING issued`,
        [accountId, Buffer.from(key.tokenKeyId), key.kind, key.epoch, n, retireAt, quota],
      )) as unknown[];
      if (rows.length === 0) throw new IssuanceError(IssuanceErrorCode.QuotaExceeded);
      return;
    }
    const ok = await this.dataSource.transaction(async (tx) => {
      await tx.query(`SELECT 1 FROM accounts WHERE id = $1 FOR UPDATE`, [accountId]);
      const [{ used }] = (await tx.query(
        `SELECT coalesce(sum(issued), 0)::int AS used FROM issuance_counts
          WHERE account_id = $1 AND kind = 'review' AND epoch > $2`,
        [accountId, key.epoch - this.reviewWindowEpochs],
      )) as { used: number }[];
      if (used + n > quota) return false;
      await tx.query(
        `INSERT INTO issuance_counts AS c (account_id, token_key_id, kind, epoch, issued, retire_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (account_id, token_key_id) DO UPDATE SET issued = c.issued + EXCLUDED.issued`,
        [accountId, Buffer.from(key.tokenKeyId), key.kind, key.epoch, n, retireAt],
      );
      return true;
    });
    if (!ok) throw new IssuanceError(IssuanceErrorCode.QuotaExceeded);
  }

  private async release(accountId: string, key: IssuerKey, n: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE issuance_counts SET issued = GREATEST(0, issued - $3) WHERE account_id = $1 AND token_key_id = $2`,
      [accountId, Buffer.from(key.tokenKeyId), n],
    );
  }

  /** A count is kept while it limits issuance: until its key retires, or the review window passes. */
  private retireAt(key: IssuerKey): Date {
    const lastEpoch = key.kind === TokenKind.Review ? key.epoch + this.reviewWindowEpochs - 1 : key.epoch + 1;
    return new Date(this.keys.epochEnd(lastEpoch).getTime() + DAY_MS);
  }
}
