import { Injectable } from '@nestjs/common';
import { PublicationOutboxEntity, type ContentType } from '@unlinked/db/anonymous';
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
  constructor(private readonly dataSource: DataSource) {}

  /** Records a publication in the content's own transaction. */
  async enqueue(manager: EntityManager, contentType: ContentType, contentId: string, delayMs: number): Promise<void> {
    await manager.getRepository(PublicationOutboxEntity).insert({ contentType, contentId, delayMs });
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

  async remove(id: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.getRepository(PublicationOutboxEntity).delete({ id });
  }
}
