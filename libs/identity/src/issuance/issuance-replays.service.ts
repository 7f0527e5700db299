import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@unlinked/config';
import { IDENTITY_REDIS } from '@unlinked/platform';
import type { Redis } from 'ioredis';
import { IssuanceError, IssuanceErrorCode } from './issuance.errors.js';

/**
 * draft-ietf-httpapi-idempotency-key-header §2: an sf-string (quoted or not); ours are base64url, padded or not (the
 * clients send 128 random bits).
 */
const KEY_PATTERN = /^"?([A-Za-z0-9_-]{16,64}={0,2})"?$/;

/** A request's claim on its idempotency key: charge it (`fresh`), or answer it again under the key it was charged on. */
export type ReplayClaim =
  | { readonly fresh: true; readonly redisKey: string; readonly digest: string }
  | { readonly fresh: false; readonly epoch: number };

/**
 * Recoverable issuance (issue 13: a reload during the first fill lost the batch in flight). A client sends each
 * issuance request with an Idempotency-Key that it keeps with the blinded state; the quota is charged once per key,
 * and the same request sent again with the same key is evaluated again, uncharged, under the key it was charged on.
 *
 * Privacy rule 2 holds: Redis keeps (account, idempotency key) → SHA-256 of the request and the key's epoch, never a
 * blinded or evaluated element (a repeat is evaluated afresh: VOPRF evaluation is deterministic, the DLEQ proof new;
 * an ARC credential is re-issued for the same blinded client secret, whose tags are the same, so it grants nothing
 * more). Blinding makes the digest unlinkable to the tokens. The record expires at the end of the next
 * ISSUANCE_REPLAY_WINDOW_SECONDS window (Unix-aligned), so its TTL dates the request only to the window.
 *
 * A process that stops between the charge and `commit` leaves the key `pending` (409 to repeats) until it expires;
 * then a repeat is charged afresh if the quota allows. Rare, and it costs at most that one request's tokens.
 */
@Injectable()
export class IssuanceReplays {
  private readonly prefix: string;
  private readonly windowSeconds: number;

  constructor(
    @Inject(IDENTITY_REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.prefix = `${config.storage.identity.queuePrefix}:iss`;
    this.windowSeconds = config.issuance.replayWindowSeconds;
  }

  /** The Idempotency-Key header's key, or undefined without one (such a request is charged every time). */
  static parseKey(header: string | string[] | undefined): string | undefined {
    if (header === undefined) return undefined;
    const match = typeof header === 'string' ? KEY_PATTERN.exec(header.trim()) : null;
    if (!match) throw new IssuanceError(IssuanceErrorCode.MalformedIdempotencyKey);
    return match[1];
  }

  /**
   * Atomically claims `key` for this request (SET NX: of two concurrent requests with one key, one charges and the
   * other gets ISSUANCE_IN_PROGRESS). `scope` names what the body is for (company and kind), so one key cannot be
   * replayed at another issuer. A key first sent with another request: IDEMPOTENCY_KEY_REUSED.
   */
  async claim(accountId: string, key: string, scope: string, body: readonly Uint8Array[]): Promise<ReplayClaim> {
    const hash = createHash('sha256').update(scope);
    for (const part of body) hash.update('\u0000').update(part);
    const digest = hash.digest('base64url');
    const redisKey = `${this.prefix}:${accountId}:${key}`;
    const window = this.windowSeconds;
    const expiresAt = (Math.floor(Date.now() / 1000 / window) + 2) * window;
    if ((await this.redis.set(redisKey, `pending ${digest}`, 'EXAT', expiresAt, 'NX')) === 'OK') {
      return { fresh: true, redisKey, digest };
    }
    const [state, ...rest] = (await this.redis.get(redisKey))?.split(' ') ?? [];
    const stored = rest.at(-1);
    // Expired between the two calls: rare; the client sends it again and gets a fresh claim.
    if (state === undefined) throw new IssuanceError(IssuanceErrorCode.IssuanceInProgress);
    if (stored !== digest) throw new IssuanceError(IssuanceErrorCode.IdempotencyKeyReused);
    if (state !== 'done') throw new IssuanceError(IssuanceErrorCode.IssuanceInProgress);
    return { fresh: false, epoch: Number(rest[0]) };
  }

  /**
   * Answers a request once charged: `charge` (it may refuse) runs unless `claim` is a repeat; a failing `answer`
   * refunds the charge and frees the key; a success marks the key answered under `epoch`.
   */
  async charged<T>(
    claim: ReplayClaim | undefined,
    epoch: number,
    steps: { charge(): Promise<void>; refund(): Promise<void>; answer(): Promise<T> | T },
  ): Promise<T> {
    const charging = claim?.fresh !== false;
    try {
      if (charging) await steps.charge();
    } catch (e) {
      await this.release(claim);
      throw e;
    }
    try {
      const response = await steps.answer();
      await this.commit(claim, epoch);
      return response;
    } catch (e) {
      if (charging) {
        await steps.refund();
        await this.release(claim);
      }
      throw e;
    }
  }

  /** The charge went through: from now on the key answers repeats under the key of `epoch`. */
  private async commit(claim: ReplayClaim | undefined, epoch: number): Promise<void> {
    if (claim?.fresh) await this.redis.set(claim.redisKey, `done ${epoch} ${claim.digest}`, 'KEEPTTL', 'XX');
  }

  /** Nothing was charged (quota used up, malformed request): the key is free again. */
  private async release(claim: ReplayClaim | undefined): Promise<void> {
    if (claim?.fresh) await this.redis.del(claim.redisKey);
  }
}
