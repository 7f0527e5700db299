import { Injectable } from '@nestjs/common';
import { PublicationOutboxEntity, type ContentType, InjectForumDb } from '@unlinked/db/anonymous';
import { DataSource, In, type EntityManager } from 'typeorm';

/** An outbox row as the relay claims it. */
export interface OutboxRow {
  id: string;
  content_type: ContentType;
  content_id: string;
  delay_ms: number;
}

/** The transactional publication outbox: written with the content, relayed to the queue by the worker. */
@Injectable()
export class OutboxRepository {
  constructor(@InjectForumDb() private readonly dataSource: DataSource) {}

  /** Records a publication in the content's own transaction; `dueAt` is coarse (see publicationDueAt). */
  async enqueue(
    manager: EntityManager,
    contentType: ContentType,
    contentId: string,
    delayMs: number,
    dueAt: Date,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO publication_outbox (content_type, content_id, delay_ms, due_at) VALUES ($1, $2, $3, $4)`,
      [contentType, contentId, delayMs, dueAt],
    );
  }

  /** Up to `limit` unrelayed rows, locked; rows another relay holds are skipped, not waited for. */
  claim(manager: EntityManager, limit: number): Promise<OutboxRow[]> {
    return manager.query(
      `SELECT id, content_type, content_id, delay_ms FROM publication_outbox
       WHERE NOT relayed ORDER BY id LIMIT ${Number(limit)} FOR UPDATE SKIP LOCKED`,
    );
  }

  async markRelayed(manager: EntityManager, ids: readonly string[]): Promise<void> {
    await manager.getRepository(PublicationOutboxEntity).update({ id: In([...ids]) }, { relayed: true });
  }

  /**
   * Relayed rows past their due time, after `after` (keyset on (due_at, id)):
   * content handed to the queue that should have been published by now.
   */
  overdue(limit: number, after?: readonly [dueAt: Date, id: string]): Promise<(OutboxRow & { due_at: Date })[]> {
    return this.dataSource.query(
      `SELECT id, content_type, content_id, delay_ms, due_at FROM publication_outbox
       WHERE relayed AND due_at <= now() AND ($1::timestamptz IS NULL OR (due_at, id) > ($1, $2::uuid))
       ORDER BY due_at, id LIMIT ${Number(limit)}`,
      [after?.[0] ?? null, after?.[1] ?? null],
    );
  }

  async exists(id: string): Promise<boolean> {
    const rows = (await this.dataSource.query(`SELECT 1 FROM publication_outbox WHERE id = $1`, [id])) as unknown[];
    return rows.length > 0;
  }

  async remove(id: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.getRepository(PublicationOutboxEntity).delete({ id });
  }
}
