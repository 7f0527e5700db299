import { Injectable } from '@nestjs/common';
import type { IssuanceCountEntity } from '@unlinked/db/identity';
import type { TokenKind } from '@unlinked/platform';
import { DataSource } from 'typeorm';
import { InjectIdentityDb } from '@unlinked/db/identity';
import type { IssuedCount } from './quota.js';

/** What a reservation adds to the (account, key) count. */
export interface CountIncrement extends Pick<IssuanceCountEntity, 'accountId' | 'epoch' | 'retireAt'> {
  tokenKeyId: Uint8Array;
  /** A token kind, or 'arc' for ARC credentials (then `epoch` is the ARC period). */
  kind: TokenKind | 'arc';
  n: number;
}

/**
 * `issuance_counts`, privacy rule 2: (account, key) → number issued, and
 * nothing per request (no element, no time). The one place that writes it.
 */
@Injectable()
export class IssuanceCountsRepository {
  constructor(@InjectIdentityDb() private readonly dataSource: DataSource) {}

  /**
   * Adds `n` to the (account, key) count only if the result stays within
   * `quota`: one conditional upsert, which PostgreSQL serializes per row, so
   * concurrent requests can never pass the quota. False when it would not fit.
   */
  async addWithinKeyQuota(inc: CountIncrement, quota: number, manager = this.dataSource.manager): Promise<boolean> {
    const rows = (await manager.query(
      `INSERT INTO issuance_counts AS c (account_id, token_key_id, kind, epoch, issued, retire_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (account_id, token_key_id) DO UPDATE SET issued = c.issued + EXCLUDED.issued
         WHERE c.issued + EXCLUDED.issued <= $7
       RETURNING issued`,
      [inc.accountId, Buffer.from(inc.tokenKeyId), inc.kind, inc.epoch, inc.n, inc.retireAt, quota],
    )) as unknown[];
    return rows.length > 0;
  }

  /** Gives back `n` reserved tokens that were not issued (never below zero). */
  async subtract(
    accountId: string,
    tokenKeyId: Uint8Array,
    n: number,
    manager = this.dataSource.manager,
  ): Promise<void> {
    await manager.query(
      `UPDATE issuance_counts SET issued = GREATEST(0, issued - $3) WHERE account_id = $1 AND token_key_id = $2`,
      [accountId, Buffer.from(tokenKeyId), n],
    );
  }

  /** The account's counts of epochs after `afterEpoch`, every kind. */
  async findSince(accountId: string, afterEpoch: number, manager = this.dataSource.manager): Promise<IssuedCount[]> {
    return (await manager.query(
      `SELECT kind, epoch, issued FROM issuance_counts WHERE account_id = $1 AND epoch > $2`,
      [accountId, afterEpoch],
    )) as IssuedCount[];
  }

  /** Deletes the counts whose keys no longer issue or limit a quota; how many. */
  async deleteRetired(manager = this.dataSource.manager): Promise<number> {
    const [{ n }] = (await manager.query(
      `WITH d AS (DELETE FROM issuance_counts WHERE retire_at < now() RETURNING 1) SELECT count(*)::int AS n FROM d`,
    )) as { n: number }[];
    return n;
  }
}
