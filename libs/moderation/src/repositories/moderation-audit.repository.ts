import { Injectable } from '@nestjs/common';
import { ModerationAuditEntity } from '@unlinked/db/moderation';
import { DataSource, type EntityManager } from 'typeorm';
import { InjectForumDb } from '@unlinked/db/anonymous';

/** Removals of one period and reason, for the public log. */
export interface RemovalCount {
  period_start: Date;
  reason: string;
  removals: number;
}

export interface RemovalLogFilter {
  period: string;
  companySlug: string;
  /** undefined: every board; null: the company's own board. */
  boardSlug?: string | null;
  from?: Date;
  to?: Date;
}

/** The append-only audit log of moderation decisions (a trigger rejects UPDATE, DELETE and TRUNCATE). */
@Injectable()
export class ModerationAuditRepository {
  constructor(@InjectForumDb() private readonly dataSource: DataSource) {}

  /** Appends a decision in the caller's transaction; returns its id. */
  async append(manager: EntityManager, entry: Omit<ModerationAuditEntity, 'id'>): Promise<string> {
    const result = await manager.insert(ModerationAuditEntity, entry);
    return (result.identifiers[0] as { id: string }).id;
  }

  /** The moderator who took the decision `auditId`, if a moderator took it. */
  async moderatorOf(manager: EntityManager, auditId: string): Promise<string | null> {
    const entry = await manager.findOneBy(ModerationAuditEntity, { id: auditId });
    return entry?.moderatorAccountId ?? null;
  }

  /** Removals by period and reason: counts only, no content, no moderator, no item id. */
  removals(filter: RemovalLogFilter): Promise<RemovalCount[]> {
    const params: unknown[] = [filter.period, filter.companySlug];
    const where = [`a.action = 'remove'`, `a.company_id = (SELECT id FROM companies WHERE slug = $2)`];
    if (filter.boardSlug !== undefined) {
      if (filter.boardSlug === null) where.push('a.board_slug IS NULL');
      else {
        params.push(filter.boardSlug);
        where.push(`a.board_slug = $${params.length}`);
      }
    }
    if (filter.from) {
      params.push(filter.from);
      where.push(`a.created_at >= $${params.length}`);
    }
    if (filter.to) {
      params.push(filter.to);
      where.push(`a.created_at < $${params.length}`);
    }
    return this.dataSource.query(
      `SELECT date_trunc($1, a.created_at, 'UTC') AS period_start, a.reason_code AS reason, count(*)::int AS removals
       FROM moderation_audit_log a WHERE ${where.join(' AND ')}
       GROUP BY 1, 2 ORDER BY 1 DESC, 2 LIMIT 1000`,
      params,
    );
  }
}
