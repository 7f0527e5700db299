import { Injectable } from '@nestjs/common';
import { FLAG_REASONS, type FlagReasonCode } from '@unlinked/config';
import { ContentFlagEntity } from '@unlinked/db/moderation';
import { DataSource, type EntityManager } from 'typeorm';
import { InjectForumDb } from '@unlinked/db/anonymous';

export type FlagCounts = Partial<Record<FlagReasonCode, number>>;

/** Unreviewed flags of one item with one reason, from the content's own company or not. */
export interface FlagTally {
  reason: FlagReasonCode;
  sameCompany: boolean;
  n: number;
}

/** Readers' flags, each paid with an ARC presentation (one per person per item); nothing in a row says who flagged. */
@Injectable()
export class FlagsRepository {
  constructor(@InjectForumDb() private readonly dataSource: DataSource) {}

  /** Adds a flag inside the caller's transaction (the one that spends the presentation's tag). */
  async insert(
    manager: EntityManager,
    flag: Pick<ContentFlagEntity, 'itemId' | 'reason' | 'note' | 'sameCompany' | 'createdAt'>,
  ) {
    await manager.insert(ContentFlagEntity, { ...flag, reviewed: false });
  }

  /** Unreviewed flags per item, by reason and by whether the flagger is of the content's company. */
  async unreviewedTallies(
    itemIds: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, FlagTally[]>> {
    const out = new Map<string, FlagTally[]>();
    if (itemIds.length === 0) return out;
    const rows = (await manager.query(
      `SELECT item_id, reason, same_company, count(*)::int AS n FROM content_flags
       WHERE item_id = ANY($1::uuid[]) AND NOT reviewed GROUP BY item_id, reason, same_company`,
      [itemIds],
    )) as { item_id: string; reason: FlagReasonCode; same_company: boolean; n: number }[];
    for (const row of rows) {
      if (!FLAG_REASONS.includes(row.reason)) continue;
      const tallies = out.get(row.item_id) ?? [];
      tallies.push({ reason: row.reason, sameCompany: row.same_company, n: row.n });
      out.set(row.item_id, tallies);
    }
    return out;
  }

  /** Unreviewed flags per item and reason. */
  async unreviewedCounts(
    itemIds: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, FlagCounts>> {
    const out = new Map<string, FlagCounts>();
    for (const [itemId, tallies] of await this.unreviewedTallies(itemIds, manager)) {
      const counts: FlagCounts = {};
      for (const t of tallies) counts[t.reason] = (counts[t.reason] ?? 0) + t.n;
      out.set(itemId, counts);
    }
    return out;
  }

  /** A moderator decided on the item: its flags no longer count toward hiding it. */
  async markReviewed(manager: EntityManager, itemId: string): Promise<void> {
    await manager.update(ContentFlagEntity, { itemId, reviewed: false }, { reviewed: true });
  }
}
