import { Injectable } from '@nestjs/common';
import type { FlagReasonCode } from '@unlinked/config';
import { ModerationItemEntity, type ModeratedContentType } from '@unlinked/db/moderation';
import { DataSource, In, type EntityManager } from 'typeorm';
import { InjectForumDb } from '@unlinked/db/anonymous';

/** A screened item as first stored. */
export type ScreenedItem = Pick<
  ModerationItemEntity,
  | 'contentType'
  | 'contentId'
  | 'companyId'
  | 'boardSlug'
  | 'state'
  | 'queueReason'
  | 'queuedAt'
  | 'screeningOutcome'
  | 'screeningHits'
  | 'rejectReason'
  | 'createdAt'
>;

/** What the moderator queue can be filtered by; `after` is the (queued_at, id) keyset position. */
export interface QueueFilter {
  companySlug?: string;
  queueReason?: string;
  flagReason?: FlagReasonCode;
  after?: readonly [queuedAt: Date, id: string];
}

/** Moderation items: one per piece of content, with its screening result and moderation state. */
@Injectable()
export class ModerationItemsRepository {
  constructor(@InjectForumDb() private readonly dataSource: DataSource) {}

  /** Stores the item unless the content has one already (a retried job); returns whether this call created it. */
  async insertScreened(manager: EntityManager, item: ScreenedItem): Promise<boolean> {
    const rows = (await manager.query(
      `INSERT INTO moderation_items
         (content_type, content_id, company_id, board_slug, state, queue_reason, queued_at,
          screening_outcome, screening_hits, reject_reason, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT ON CONSTRAINT moderation_items_content DO NOTHING
       RETURNING id`,
      [
        item.contentType,
        item.contentId,
        item.companyId,
        item.boardSlug,
        item.state,
        item.queueReason,
        item.queuedAt,
        item.screeningOutcome,
        JSON.stringify(item.screeningHits),
        item.rejectReason,
        item.createdAt,
      ],
    )) as { id: string }[];
    return rows.length > 0;
  }

  byContent(
    type: ModeratedContentType,
    contentId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ModerationItemEntity | null> {
    return manager.findOneBy(ModerationItemEntity, { contentType: type, contentId });
  }

  byId(manager: EntityManager, id: string): Promise<ModerationItemEntity> {
    return manager.findOneByOrFail(ModerationItemEntity, { id });
  }

  byIds(ids: readonly string[]): Promise<ModerationItemEntity[]> {
    return this.dataSource.manager.findBy(ModerationItemEntity, { id: In([...ids]) });
  }

  /** The item, locked (SELECT ... FOR UPDATE) until the caller's transaction ends. */
  lock(manager: EntityManager, id: string): Promise<ModerationItemEntity | null> {
    return manager.findOne(ModerationItemEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async update(manager: EntityManager, id: string, patch: Partial<ModerationItemEntity>): Promise<void> {
    await manager.update(ModerationItemEntity, { id }, patch);
  }

  /** Items waiting for a decision, oldest first (keyset on queued_at, id over the queue's partial index). */
  queue(filter: QueueFilter, limit: number): Promise<ModerationItemEntity[]> {
    const q = this.dataSource.manager.createQueryBuilder(ModerationItemEntity, 'i').where('i.queue_reason IS NOT NULL');
    if (filter.companySlug) {
      q.andWhere('i.company_id = (SELECT id FROM companies WHERE slug = :companySlug)', {
        companySlug: filter.companySlug,
      });
    }
    if (filter.queueReason) q.andWhere('i.queue_reason = :queueReason', { queueReason: filter.queueReason });
    if (filter.flagReason) {
      q.andWhere(
        'EXISTS (SELECT 1 FROM content_flags f WHERE f.item_id = i.id AND NOT f.reviewed AND f.reason = :flagReason)',
        { flagReason: filter.flagReason },
      );
    }
    if (filter.after) {
      q.andWhere('(i.queued_at, i.id) > (:afterAt, :afterId)', {
        afterAt: filter.after[0],
        afterId: filter.after[1],
      });
    }
    return q.orderBy('i.queued_at').addOrderBy('i.id').limit(limit).getMany();
  }
}
