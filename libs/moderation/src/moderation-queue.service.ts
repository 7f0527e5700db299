import { Inject, Injectable } from '@nestjs/common';
import type { FlagReasonCode } from '@unlinked/config';
import type { ModerationItemEntity } from '@unlinked/db/moderation';
import { DataSource } from 'typeorm';
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
import { ModerationService } from './moderation.service.js';

interface ItemRow {
  id: string;
  content_type: ModerationItemEntity['contentType'];
  content_id: string;
  company_id: string;
  board_slug: string | null;
  state: string;
  queue_reason: string | null;
  queued_at: Date | null;
  screening_hits: { rule: string; action: string; count: number }[];
  reject_reason: string | null;
  removal_reason: string | null;
  flag_weight: string;
  appeal_statement: string | null;
  version: number;
}

/** Read side of moderation: the moderator queue and the public log. */
@Injectable()
export class ModerationQueueService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly moderation: ModerationService,
    @Inject(CONTENT_GATEWAY) private readonly content: ContentGateway,
  ) {}

  /** Held, flagged and appealed items, oldest first; filters by company and by queue or flag reason. */
  async queue(args: ModerationQueueArgs): Promise<Connection<ModerationItem>> {
    const params: unknown[] = [];
    const where = ['i.queue_reason IS NOT NULL'];
    if (args.companySlug) {
      params.push(args.companySlug);
      where.push(`i.company_id = (SELECT id FROM companies WHERE slug = $${params.length})`);
    }
    if (args.queueReason) {
      params.push(args.queueReason);
      where.push(`i.queue_reason = $${params.length}`);
    }
    if (args.flagReason) {
      params.push(args.flagReason);
      where.push(
        `EXISTS (SELECT 1 FROM content_flags f WHERE f.item_id = i.id AND NOT f.reviewed AND f.reason = $${params.length})`,
      );
    }
    if (args.after) {
      const [at, id] = decodeCursor(args.after, ['timestamp', 'uuid']);
      params.push(new Date(at), id);
      where.push(`(i.queued_at, i.id) > ($${params.length - 1}, $${params.length})`);
    }
    params.push(args.first + 1);
    const rows = (await this.dataSource.query(
      `SELECT i.* FROM moderation_items i WHERE ${where.join(' AND ')}
       ORDER BY i.queued_at, i.id LIMIT $${params.length}`,
      params,
    )) as ItemRow[];
    const models = await this.toModels(rows);
    return toConnection(
      models,
      args.first,
      (m) => [m.queuedAt!.toISOString(), m.id],
      (m) => m,
    );
  }

  async byIds(ids: readonly string[]): Promise<ModerationItem[]> {
    const rows = (await this.dataSource.query(`SELECT * FROM moderation_items WHERE id = ANY($1::uuid[])`, [
      ids,
    ])) as ItemRow[];
    return this.toModels(rows);
  }

  private async toModels(rows: ItemRow[]): Promise<ModerationItem[]> {
    const manager = this.dataSource.manager;
    const [flags, contents] = await Promise.all([
      this.moderation.flagCounts(
        manager,
        rows.map((r) => r.id),
      ),
      this.content.load(
        manager,
        rows.map((r) => ({ type: r.content_type, id: r.content_id })),
      ),
    ]);
    return rows.map((r) => ({
      id: r.id,
      contentType: r.content_type as ModeratedContentKind,
      contentId: r.content_id,
      companyId: r.company_id,
      boardSlug: r.board_slug,
      state: r.state as ModerationStateEnum,
      queueReason: r.queue_reason as QueueReasonEnum | null,
      queuedAt: r.queued_at,
      text: contents.get(refKey({ type: r.content_type, id: r.content_id }))?.text ?? null,
      screeningHits: r.screening_hits,
      rejectReason: r.reject_reason,
      flagCounts: Object.entries(flags.get(r.id) ?? {}).map(([reason, count]) => ({
        reason: reason as ModerationReason,
        count: count,
      })),
      flagWeight: Number(r.flag_weight),
      removalReason: r.removal_reason as ModerationReason | null,
      appealStatement: r.appeal_statement,
      version: r.version,
    }));
  }

  /**
   * Public moderation log of a company (optionally one board): removals by
   * reason per period. Counts only; no content, no moderator, no item id.
   * A removal later restored still counts in its period (the log is history).
   */
  async log(args: ModerationLogArgs): Promise<ModerationLogEntry[]> {
    const params: unknown[] = [args.period, args.companySlug];
    const where = [`a.action = 'remove'`, `a.company_id = (SELECT id FROM companies WHERE slug = $2)`];
    if (args.boardSlug !== undefined) {
      if (args.boardSlug === null) where.push('a.board_slug IS NULL');
      else {
        params.push(args.boardSlug);
        where.push(`a.board_slug = $${params.length}`);
      }
    }
    if (args.from) {
      params.push(args.from);
      where.push(`a.created_at >= $${params.length}`);
    }
    if (args.to) {
      params.push(args.to);
      where.push(`a.created_at < $${params.length}`);
    }
    const rows = (await this.dataSource.query(
      `SELECT date_trunc($1, a.created_at, 'UTC') AS period_start, a.reason_code AS reason, count(*)::int AS removals
       FROM moderation_audit_log a WHERE ${where.join(' AND ')}
       GROUP BY 1, 2 ORDER BY 1 DESC, 2 LIMIT 1000`,
      params,
    )) as { period_start: Date; reason: FlagReasonCode; removals: number }[];
    return rows.map((r) => ({
      periodStart: new Date(r.period_start),
      reason: r.reason as ModerationReason,
      removals: r.removals,
    }));
  }
}
