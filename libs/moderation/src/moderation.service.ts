import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, FLAG_REASONS, type AppConfig, type FlagReasonCode } from '@unlinked/config';
import {
  ContentFlagEntity,
  ModerationAuditEntity,
  ModerationItemEntity,
  type AuditAction,
  type AuditActor,
  type ModerationState,
  type QueueReason,
} from '@unlinked/db/moderation';
import { DataSource, type EntityManager } from 'typeorm';
import { MetricsService } from '@unlinked/platform';
import {
  CONTENT_GATEWAY,
  type ContentGateway,
  type ContentRef,
  type ModeratedContent,
} from './content/content-gateway.js';
import { ModerationError, ModerationErrorCode } from './moderation.errors.js';
import type { ScreeningResult } from './screening/screening.engine.js';

export type ModerationAction = 'approve' | 'remove' | 'restore';

export interface Decision {
  readonly itemId: string;
  readonly action: ModerationAction;
  readonly reasonCode?: FlagReasonCode | null;
  readonly note?: string | null;
  /** When given, the decision applies only if the item still has this version. */
  readonly expectedVersion?: number | null;
}

/** Floors a time to the anonymity bucket (privacy rule 5). */
export function bucketed(config: AppConfig, at: Date = new Date()): Date {
  const ms = config.anonymity.timeBucketSeconds * 1000;
  return new Date(Math.floor(at.getTime() / ms) * ms);
}

/**
 * The moderation state machine:
 *
 *   screening → published | held (queue: held) | rejected
 *   flags ≥ threshold: published → hidden (queue: flagged)
 *   approve: held | hidden | flagged published → published
 *   remove (reason required): published | held | hidden → removed
 *   appeal (author, once): removed → removed (queue: appealed)
 *   restore: removed → published; an appealed item is decided (restore or
 *            remove again) by a moderator other than the one who removed it
 *
 * Every decision locks the item row (SELECT ... FOR UPDATE), so of two
 * moderators acting at once one wins and the other gets ALREADY_DECIDED;
 * nothing is applied twice. A decision names the item's version to act on
 * an item outside the queue (e.g. remove content approved earlier); without
 * one it applies only to queued or never-decided items. Each decision
 * appends to the audit log in the same transaction.
 */
@Injectable()
export class ModerationService {
  private readonly logger = new Logger(ModerationService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    @Inject(CONTENT_GATEWAY) private readonly content: ContentGateway,
    private readonly metrics: MetricsService,
  ) {}

  /**
   * Stores a screening result once per content (a retried job finds the row
   * and returns it unchanged), and makes published content visible.
   */
  async recordScreening(
    content: ModeratedContent,
    result: ScreeningResult,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ item: ModerationItemEntity; created: boolean }> {
    const state: ModerationState =
      result.outcome === 'publish' ? 'published' : result.outcome === 'hold' ? 'held' : 'rejected';
    const now = bucketed(this.config);
    const rows = (await manager.query(
      `INSERT INTO moderation_items
         (content_type, content_id, company_id, board_slug, state, queue_reason, queued_at,
          screening_outcome, screening_hits, reject_reason, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT ON CONSTRAINT moderation_items_content DO NOTHING
       RETURNING id`,
      [
        content.type,
        content.id,
        content.companyId,
        content.boardSlug,
        state,
        state === 'held' ? 'held' : null,
        state === 'held' ? now : null,
        result.outcome,
        JSON.stringify(result.hits),
        result.rejectReason ?? null,
        now,
      ],
    )) as { id: string }[];
    const item = await manager.findOneByOrFail(ModerationItemEntity, {
      contentType: content.type,
      contentId: content.id,
    });
    if (rows.length > 0) {
      this.metrics.moderationDecisions.inc({ source: 'screening', outcome: result.outcome });
      for (const hit of result.hits) this.metrics.screeningHits.inc({ rule: hit.rule }, hit.count);
    }
    return { item, created: rows.length > 0 };
  }

  async itemFor(ref: ContentRef): Promise<ModerationItemEntity | null> {
    return this.dataSource.manager.findOneBy(ModerationItemEntity, { contentType: ref.type, contentId: ref.id });
  }

  /** Adds a reader's flag inside the caller's transaction (the one that spends the reaction token). */
  async addFlag(manager: EntityManager, itemId: string, reason: FlagReasonCode, note: string | null): Promise<void> {
    await manager.insert(ContentFlagEntity, {
      itemId,
      reason,
      note,
      reviewed: false,
      createdAt: bucketed(this.config),
    });
  }

  /**
   * Recounts an item's unreviewed flags (idempotent: a sum, not an
   * increment). Any flag queues the item for review; at the weighted
   * threshold published content is hidden pending review.
   */
  async recountFlags(itemId: string): Promise<{ weight: number; hidden: boolean }> {
    return this.dataSource.transaction(async (manager) => {
      const item = await this.lock(manager, itemId);
      const counts = await this.flagCounts(manager, [itemId]);
      const byReason = counts.get(itemId) ?? {};
      const weight = Object.entries(byReason).reduce(
        (sum, [reason, n]) => sum + n * this.config.moderation.flagWeights[reason as FlagReasonCode],
        0,
      );
      let hidden = false;
      const patch: Partial<ModerationItemEntity> = { flagWeight: String(weight) };
      if (Object.keys(byReason).length > 0 && item.queueReason === null && item.state === 'published') {
        patch.queueReason = 'flagged';
        patch.queuedAt = bucketed(this.config);
      }
      if (weight >= this.config.moderation.flagHideThreshold && item.state === 'published') {
        patch.state = 'hidden';
        patch.version = item.version + 1;
        await this.content.unpublish(manager, { type: item.contentType, id: item.contentId });
        await this.audit(manager, item, 'flags', null, 'hide', null, null);
        this.metrics.moderationDecisions.inc({ source: 'flags', outcome: 'hide' });
        hidden = true;
      }
      await manager.update(ModerationItemEntity, { id: itemId }, patch);
      return { weight, hidden };
    });
  }

  /** A moderator's decision; see the class comment for the rules. */
  async moderate(decision: Decision, moderatorAccountId: string): Promise<ModerationItemEntity> {
    if (decision.action === 'remove' && !decision.reasonCode)
      throw new ModerationError(ModerationErrorCode.ReasonRequired);
    return this.dataSource.transaction(async (manager) => {
      const item = await this.lock(manager, decision.itemId);
      if (decision.expectedVersion != null && decision.expectedVersion !== item.version) {
        throw new ModerationError(ModerationErrorCode.VersionConflict);
      }
      // Without a version, a decision applies only to an item waiting in the queue (or never decided):
      // of two moderators acting on one item at once, the later one is told it was decided already.
      if (decision.expectedVersion == null && item.queueReason === null && item.version > 0) {
        if (decision.action !== 'restore' || item.state !== 'removed') throw this.stale(item);
      }
      const ref: ContentRef = { type: item.contentType, id: item.contentId };
      const appeal = item.queueReason === 'appealed';
      if (appeal) await this.assertOtherModerator(manager, item, moderatorAccountId);

      let next: Partial<ModerationItemEntity>;
      switch (decision.action) {
        case 'approve':
          if (item.queueReason !== 'held' && item.queueReason !== 'flagged') throw this.stale(item);
          next = { state: 'published' };
          await this.content.publish(manager, ref);
          await this.markFlagsReviewed(manager, item.id);
          break;
        case 'remove':
          if (!(['published', 'held', 'hidden'] as ModerationState[]).includes(item.state) && !appeal) {
            throw this.stale(item);
          }
          next = { state: 'removed', removalReason: decision.reasonCode! };
          await this.content.unpublish(manager, ref);
          await this.markFlagsReviewed(manager, item.id);
          break;
        case 'restore':
          if (item.state !== 'removed') throw this.stale(item);
          next = { state: 'published', removalReason: null };
          await this.content.publish(manager, ref);
          break;
      }
      const auditId = await this.audit(
        manager,
        item,
        'moderator',
        moderatorAccountId,
        decision.action,
        decision.reasonCode ?? null,
        decision.note ?? null,
      );
      // An upheld appeal keeps the original remover, so the appeal stays with someone else.
      if (decision.action === 'remove' && !appeal) next.removedByAuditId = auditId;
      if (decision.action === 'restore') next.removedByAuditId = null;
      Object.assign(next, { queueReason: null, queuedAt: null, version: item.version + 1 });
      await manager.update(ModerationItemEntity, { id: item.id }, next);
      this.metrics.moderationDecisions.inc({ source: appeal ? 'appeal' : 'moderator', outcome: decision.action });
      return manager.findOneByOrFail(ModerationItemEntity, { id: item.id });
    });
  }

  /** The author's one appeal of a removal, already authenticated by their key. */
  async appeal(itemId: string, statement: string): Promise<ModerationItemEntity> {
    return this.dataSource.transaction(async (manager) => {
      const item = await this.lock(manager, itemId);
      if (item.state !== 'removed') throw new ModerationError(ModerationErrorCode.NotRemoved);
      if (item.appealed) throw new ModerationError(ModerationErrorCode.AlreadyAppealed);
      await manager.update(
        ModerationItemEntity,
        { id: item.id },
        {
          appealed: true,
          appealStatement: statement,
          queueReason: 'appealed',
          queuedAt: bucketed(this.config),
          version: item.version + 1,
        },
      );
      await this.audit(manager, item, 'author', null, 'appeal', null, null);
      return manager.findOneByOrFail(ModerationItemEntity, { id: item.id });
    });
  }

  /** Unreviewed flags per item and reason. */
  async flagCounts(
    manager: EntityManager,
    itemIds: readonly string[],
  ): Promise<Map<string, Partial<Record<FlagReasonCode, number>>>> {
    const out = new Map<string, Partial<Record<FlagReasonCode, number>>>();
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

  private async lock(manager: EntityManager, itemId: string): Promise<ModerationItemEntity> {
    const item = await manager.findOne(ModerationItemEntity, {
      where: { id: itemId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!item) throw new ModerationError(ModerationErrorCode.ItemNotFound);
    return item;
  }

  /** The item moved on under us (another moderator decided first) or never allowed this action. */
  private stale(item: ModerationItemEntity): ModerationError {
    return new ModerationError(
      item.queueReason === null && item.version > 0
        ? ModerationErrorCode.AlreadyDecided
        : ModerationErrorCode.InvalidAction,
    );
  }

  private async assertOtherModerator(manager: EntityManager, item: ModerationItemEntity, moderator: string) {
    if (!item.removedByAuditId) return;
    const removal = await manager.findOneBy(ModerationAuditEntity, { id: item.removedByAuditId });
    if (removal?.moderatorAccountId === moderator) throw new ModerationError(ModerationErrorCode.SameModerator);
  }

  private async markFlagsReviewed(manager: EntityManager, itemId: string): Promise<void> {
    await manager.update(ContentFlagEntity, { itemId, reviewed: false }, { reviewed: true });
    await manager.update(ModerationItemEntity, { id: itemId }, { flagWeight: '0' });
  }

  private async audit(
    manager: EntityManager,
    item: ModerationItemEntity,
    actor: AuditActor,
    moderatorAccountId: string | null,
    action: AuditAction,
    reasonCode: string | null,
    note: string | null,
  ): Promise<string> {
    const [{ id }] = (await manager.query(
      `INSERT INTO moderation_audit_log
         (item_id, company_id, board_slug, actor, moderator_account_id, action, reason_code, note, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        item.id,
        item.companyId,
        item.boardSlug,
        actor,
        moderatorAccountId,
        action,
        reasonCode,
        note,
        // Moderators' decisions keep their exact time; automated and author actions are bucketed (rule 5).
        actor === 'moderator' ? new Date() : bucketed(this.config),
      ],
    )) as { id: string }[];
    this.logger.log({ itemId: item.id, actor, action, reasonCode }, 'Moderation decision');
    return id;
  }
}

export type { QueueReason };
