import { Injectable } from '@nestjs/common';
import { FLAG_REASONS, type FlagReasonCode } from '@unlinked/config';
import { ContentFlagEntity } from '@unlinked/db/moderation';
import { DataSource, type EntityManager } from 'typeorm';

export type FlagCounts = Partial<Record<FlagReasonCode, number>>;

/** Readers' flags, each paid with a reaction token; nothing in a row says who flagged. */
@Injectable()
export class FlagsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Adds a flag inside the caller's transaction (the one that spends the token). */
  async insert(manager: EntityManager, flag: Pick<ContentFlagEntity, 'itemId' | 'reason' | 'note' | 'createdAt'>) {
    await manager.insert(ContentFlagEntity, { ...flag, reviewed: false });
  }

  /** Unreviewed flags per item and reason. */
  async unreviewedCounts(
    itemIds: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, FlagCounts>> {
    const out = new Map<string, FlagCounts>();
    if (itemIds.length === 0) return out;
    const rows = (await manager.query(
      `SELECT item_id, reason, count(*)::int AS n FROM content_flags
       WHERE item_id = ANY($1::uuid[]) AND NOT reviewed GROUP BY item_id, reason`,
      [itemIds],
    )) as { item_id: string; reason: FlagReasonCode; n: number }[];
    for (const row of rows) {
      if (!FLAG_REASONS.includes(row.reason)) continue;
      out.set(row.item_id, { ...out.get(row.item_id), [row.reason]: row.n });
    }
    return out;
  }

  /** A moderator decided on the item: its flags no longer count toward hiding it. */
  async markReviewed(manager: EntityManager, itemId: string): Promise<void> {
    await manager.update(ContentFlagEntity, { itemId, reviewed: false }, { reviewed: true });
  }
}
