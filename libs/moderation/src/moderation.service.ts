import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, type FlagReasonCode } from '@unlinked/config';
import type { ModerationItemEntity, QueueReason } from '@unlinked/db/moderation';
import { bucketed } from '@unlinked/forum';
import { MetricsService } from '@unlinked/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { InjectForumDb } from '@unlinked/db/anonymous';
import {
  CONTENT_GATEWAY,
  type ContentGateway,
  type ContentRef,
  type ModeratedContent,
} from './content/content-gateway.js';
import { ModerationError, ModerationErrorCode } from './moderation.errors.js';
import {
  assertWellFormed,
  decide,
  flagWeight,
  screenedState,
  type ModerationAction,
  type ModerationEvent,
} from './moderation-state.js';
import { FlagsRepository } from './repositories/flags.repository.js';
import { ModerationAuditRepository } from './repositories/moderation-audit.repository.js';
import { ModerationItemsRepository } from './repositories/moderation-items.repository.js';
import type { ScreeningResult } from './screening/screening.engine.js';

export type { ModerationAction };

export interface Decision {
  readonly itemId: string;
  readonly action: ModerationAction;
  readonly reasonCode?: FlagReasonCode | null;
  readonly note?: string | null;
  /** When given, the decision applies only if the item still has this version. */
  readonly expectedVersion?: number | null;
}

/**
 * Applies the moderation state machine (moderation-state.ts, a pure
 * `decide()`) to stored items. Every decision locks the item row
 * (SELECT ... FOR UPDATE), so of two moderators acting at once one wins and
 * the other gets ALREADY_DECIDED; nothing is applied twice. A decision names
 * the item's version to act on an item outside the queue (e.g. remove content
 * approved earlier); without one it applies only to queued or never-decided
 * items. Each decision appends to the audit log in the same transaction, and
 * content visibility changes through the content gateway in that transaction.
 */
@Injectable()
export class ModerationService {
  private readonly logger = new Logger(ModerationService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectForumDb() private readonly dataSource: DataSource,
    @Inject(CONTENT_GATEWAY) private readonly content: ContentGateway,
    private readonly metrics: MetricsService,
    private readonly items: ModerationItemsRepository,
    private readonly flags: FlagsRepository,
    private readonly audits: ModerationAuditRepository,
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
    const state = screenedState(result.outcome);
    const now = this.now();
    const created = await this.items.insertScreened(manager, {
      contentType: content.type,
      contentId: content.id,
      companyId: content.companyId,
      boardSlug: content.boardSlug,
      state,
      queueReason: state === 'held' ? 'held' : null,
      queuedAt: state === 'held' ? now : null,
      screeningOutcome: result.outcome,
      screeningHits: [...result.hits],
      rejectReason: result.rejectReason ?? null,
      createdAt: now,
    });
    const item = (await this.items.byContent(content.type, content.id, manager))!;
    if (created) {
      this.metrics.moderationDecisions.inc({ source: 'screening', outcome: result.outcome });
      for (const hit of result.hits) this.metrics.screeningHits.inc({ rule: hit.rule }, hit.count);
    }
    return { item, created };
  }

  itemFor(ref: ContentRef): Promise<ModerationItemEntity | null> {
    return this.items.byContent(ref.type, ref.id);
  }

  /** Adds a reader's flag inside the caller's transaction (the one that spends the presentation's tag). */
  async addFlag(
    manager: EntityManager,
    flag: { itemId: string; reason: FlagReasonCode; note: string | null; sameCompany: boolean },
  ): Promise<void> {
    await this.flags.insert(manager, { ...flag, createdAt: this.now() });
  }

  /**
   * Recounts an item's unreviewed flags (idempotent: a sum, not an
   * increment). Any flag queues the item for review; at the weighted
   * threshold published content is hidden pending review.
   */
  async recountFlags(itemId: string): Promise<{ weight: number; hidden: boolean }> {
    return this.dataSource.transaction(async (manager) => {
      const item = await this.lock(manager, itemId);
      const tallies = (await this.flags.unreviewedTallies([itemId], manager)).get(itemId) ?? [];
      const { flagWeights, flagCompanyWeights } = this.config.moderation;
      const weight = flagWeight(tallies, flagWeights, flagCompanyWeights);
      const outcome = await this.apply(manager, item, {
        type: 'flags',
        weight,
        flagged: tallies.length > 0,
        hideThreshold: this.config.moderation.flagHideThreshold,
      });
      return { weight, hidden: outcome.change.state === 'hidden' };
    });
  }

  /** A moderator's decision; see moderation-state.ts for the rules. */
  async moderate(decision: Decision, moderatorAccountId: string): Promise<ModerationItemEntity> {
    const event: ModerationEvent = {
      type: 'moderate',
      action: decision.action,
      moderator: moderatorAccountId,
      reasonCode: decision.reasonCode,
      expectedVersion: decision.expectedVersion,
    };
    assertWellFormed(event);
    return this.dataSource.transaction(async (manager) => {
      const item = await this.lock(manager, decision.itemId);
      // Who removed an appealed item: the appeal must go to someone else.
      const remover =
        item.queueReason === 'appealed' && item.removedByAuditId
          ? await this.audits.moderatorOf(manager, item.removedByAuditId)
          : null;
      await this.apply(manager, item, { ...event, remover }, decision.note ?? null);
      return this.items.byId(manager, item.id);
    });
  }

  /** The author's one appeal of a removal, already authenticated by their key. */
  async appeal(itemId: string, statement: string): Promise<ModerationItemEntity> {
    return this.dataSource.transaction(async (manager) => {
      const item = await this.lock(manager, itemId);
      await this.apply(manager, item, { type: 'appeal', statement });
      return this.items.byId(manager, item.id);
    });
  }

  /** Unreviewed flags per item and reason. */
  flagCounts(itemIds: readonly string[]): Promise<Map<string, Partial<Record<FlagReasonCode, number>>>> {
    return this.flags.unreviewedCounts(itemIds);
  }

  /** Decides `event` on the locked item and applies the outcome: effects, audit entry, then the item's new fields. */
  private async apply(
    manager: EntityManager,
    item: ModerationItemEntity,
    event: ModerationEvent,
    note: string | null = null,
  ) {
    const outcome = decide(item, event);
    const ref: ContentRef = { type: item.contentType, id: item.contentId };
    for (const effect of outcome.effects) {
      if (effect === 'publish') await this.content.publish(manager, ref);
      else if (effect === 'unpublish') await this.content.unpublish(manager, ref);
      else {
        await this.flags.markReviewed(manager, item.id);
        await this.items.update(manager, item.id, { flagWeight: '0' });
      }
    }
    let auditId: string | null = null;
    if (outcome.audit) {
      const reasonCode = event.type === 'moderate' ? (event.reasonCode ?? null) : null;
      auditId = await this.audit(manager, item, outcome.audit.actor, event, reasonCode, note);
    }
    const { change } = outcome;
    const patch: Partial<ModerationItemEntity> = {};
    if (change.flagWeight !== undefined) patch.flagWeight = String(change.flagWeight);
    if (change.queueReason !== undefined) patch.queueReason = change.queueReason;
    if (change.queued !== undefined) patch.queuedAt = change.queued ? this.now() : null;
    if (change.state !== undefined) patch.state = change.state;
    if (change.removalReason !== undefined) patch.removalReason = change.removalReason;
    if (change.removedBy !== undefined) patch.removedByAuditId = change.removedBy === 'this' ? auditId : null;
    if (change.appealed !== undefined) patch.appealed = change.appealed;
    if (change.appealStatement !== undefined) patch.appealStatement = change.appealStatement;
    if (change.version !== undefined) patch.version = change.version;
    await this.items.update(manager, item.id, patch);
    if (outcome.source) {
      const outcomeLabel = event.type === 'moderate' ? event.action : 'hide';
      this.metrics.moderationDecisions.inc({ source: outcome.source, outcome: outcomeLabel });
    }
    return outcome;
  }

  private async lock(manager: EntityManager, itemId: string): Promise<ModerationItemEntity> {
    const item = await this.items.lock(manager, itemId);
    if (!item) throw new ModerationError(ModerationErrorCode.ItemNotFound);
    return item;
  }

  private async audit(
    manager: EntityManager,
    item: ModerationItemEntity,
    actor: 'moderator' | 'flags' | 'author',
    event: ModerationEvent,
    reasonCode: string | null,
    note: string | null,
  ): Promise<string> {
    const action = event.type === 'moderate' ? event.action : event.type === 'flags' ? 'hide' : 'appeal';
    const id = await this.audits.append(manager, {
      itemId: item.id,
      companyId: item.companyId,
      boardSlug: item.boardSlug,
      actor,
      moderatorAccountId: actor === 'moderator' && event.type === 'moderate' ? event.moderator : null,
      action,
      reasonCode,
      note,
      // Moderators' decisions keep their exact time; automated and author actions are bucketed (rule 5).
      createdAt: actor === 'moderator' ? new Date() : this.now(),
    });
    this.logger.log({ itemId: item.id, actor, action, reasonCode }, 'Moderation decision');
    return id;
  }

  /** Now, floored to the anonymity bucket (privacy rule 5). */
  private now(): Date {
    return bucketed(this.config.anonymity.timeBucketSeconds);
  }
}

export type { QueueReason };
