import { Inject, Injectable } from '@nestjs/common';
import type { ModerationItemEntity } from '@unlinked/db/moderation';
import { DataSource } from 'typeorm';
import { InjectForumDb } from '@unlinked/db/anonymous';
import { decodeCursor, toConnection, type Connection } from '@unlinked/platform';
import { CONTENT_GATEWAY, refKey, type ContentGateway } from './content/content-gateway.js';
import type { ModerationQueueArgs, ModerationLogArgs } from './dto/moderation.args.js';
import type { ModerationItem } from './models/moderation-item.model.js';
import type { ModerationLogEntry } from './models/moderation-log.model.js';
import type {
  ModeratedContentKind,
  ModerationReason,
  ModerationStateEnum,
  QueueReasonEnum,
} from './models/moderation.enums.js';
import { FlagsRepository } from './repositories/flags.repository.js';
import { ModerationAuditRepository } from './repositories/moderation-audit.repository.js';
import { ModerationItemsRepository } from './repositories/moderation-items.repository.js';

/** Read side of moderation: the moderator queue and the public log. */
@Injectable()
export class ModerationQueueService {
  constructor(
    @InjectForumDb() private readonly dataSource: DataSource,
    private readonly items: ModerationItemsRepository,
    private readonly flags: FlagsRepository,
    private readonly audits: ModerationAuditRepository,
    @Inject(CONTENT_GATEWAY) private readonly content: ContentGateway,
  ) {}

  /** Held, flagged and appealed items, oldest first; filters by company and by queue or flag reason. */
  async queue(args: ModerationQueueArgs): Promise<Connection<ModerationItem>> {
    let after: [Date, string] | undefined;
    if (args.after) {
      const [at, id] = decodeCursor(args.after, ['timestamp', 'uuid']);
      after = [new Date(at), id as string];
    }
    const items = await this.items.queue(
      { companySlug: args.companySlug, queueReason: args.queueReason, flagReason: args.flagReason, after },
      args.first + 1,
    );
    const models = await this.toModels(items);
    return toConnection(
      models,
      args.first,
      (m) => [m.queuedAt!.toISOString(), m.id],
      (m) => m,
    );
  }

  async byIds(ids: readonly string[]): Promise<ModerationItem[]> {
    return this.toModels(await this.items.byIds(ids));
  }

  private async toModels(items: ModerationItemEntity[]): Promise<ModerationItem[]> {
    const [flags, contents] = await Promise.all([
      this.flags.unreviewedCounts(items.map((i) => i.id)),
      this.content.load(
        this.dataSource.manager,
        items.map((i) => ({ type: i.contentType, id: i.contentId })),
      ),
    ]);
    return items.map((i) => ({
      id: i.id,
      contentType: i.contentType as ModeratedContentKind,
      contentId: i.contentId,
      companyId: i.companyId,
      boardSlug: i.boardSlug,
      state: i.state as ModerationStateEnum,
      queueReason: i.queueReason as QueueReasonEnum | null,
      queuedAt: i.queuedAt,
      text: contents.get(refKey({ type: i.contentType, id: i.contentId }))?.text ?? null,
      screeningHits: i.screeningHits,
      rejectReason: i.rejectReason,
      flagCounts: Object.entries(flags.get(i.id) ?? {}).map(([reason, count]) => ({
        reason: reason as ModerationReason,
        count: count,
      })),
      flagWeight: Number(i.flagWeight),
      removalReason: i.removalReason as ModerationReason | null,
      appealStatement: i.appealStatement,
      version: i.version,
    }));
  }

  /**
   * Public moderation log of a company (optionally one board): removals by
   * reason per period. Counts only; no content, no moderator, no item id.
   * A removal later restored still counts in its period (the log is history).
   */
  async log(args: ModerationLogArgs): Promise<ModerationLogEntry[]> {
    const rows = await this.audits.removals({
      period: args.period,
      companySlug: args.companySlug,
      boardSlug: args.boardSlug,
      from: args.from,
      to: args.to,
    });
    return rows.map((r) => ({
      periodStart: new Date(r.period_start),
      reason: r.reason as ModerationReason,
      removals: r.removals,
    }));
  }
}
