import { Injectable } from '@nestjs/common';
import type { ContentType } from '@unlinked/db/anonymous';
import { DataSource } from 'typeorm';
import { InjectForumDb } from '@unlinked/db/anonymous';

/** An edit that screening held or rejected, as its author's status shows it. */
export interface PendingRevision {
  baseRevision: number;
  state: 'held' | 'rejected';
  screeningHits: { rule: string; action: string; count: number }[];
  rejectReason: string | null;
}

/**
 * Edits screening did not let through: the previous revision stays visible.
 * A held edit keeps its text for a moderator; a rejected one keeps none (it
 * was rejected for what it said, e.g. a phone number). One row per content:
 * a newer edit replaces it, an edit that passes deletes it.
 */
@Injectable()
export class PendingRevisionsRepository {
  constructor(@InjectForumDb() private readonly dataSource: DataSource) {}

  async put(
    type: ContentType,
    id: string,
    row: PendingRevision & { fields: Record<string, unknown> | null; createdAt: Date },
  ): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO pending_revisions
         (content_type, content_id, base_revision, fields, state, screening_hits, reject_reason, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (content_type, content_id) DO UPDATE SET base_revision = EXCLUDED.base_revision,
         fields = EXCLUDED.fields, state = EXCLUDED.state, screening_hits = EXCLUDED.screening_hits,
         reject_reason = EXCLUDED.reject_reason, created_at = EXCLUDED.created_at`,
      [
        type,
        id,
        row.baseRevision,
        row.fields === null ? null : JSON.stringify(row.fields),
        row.state,
        JSON.stringify(row.screeningHits),
        row.rejectReason,
        row.createdAt,
      ],
    );
  }

  async clear(type: ContentType, id: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM pending_revisions WHERE content_type = $1 AND content_id = $2`, [
      type,
      id,
    ]);
  }

  async find(type: ContentType, id: string): Promise<PendingRevision | undefined> {
    const [row] = (await this.dataSource.query(
      `SELECT base_revision, state, screening_hits, reject_reason FROM pending_revisions
       WHERE content_type = $1 AND content_id = $2`,
      [type, id],
    )) as {
      base_revision: number;
      state: 'held' | 'rejected';
      screening_hits: PendingRevision['screeningHits'];
      reject_reason: string | null;
    }[];
    if (!row) return undefined;
    return {
      baseRevision: row.base_revision,
      state: row.state,
      screeningHits: row.screening_hits,
      rejectReason: row.reject_reason,
    };
  }
}
