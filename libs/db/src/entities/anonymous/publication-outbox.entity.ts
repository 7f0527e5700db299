import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ContentType } from './content-status.js';

/** Transactional outbox: one row per content awaiting its delayed publication job. */
@Entity('publication_outbox')
export class PublicationOutboxEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'content_type', type: 'text' })
  contentType: ContentType;

  @Column({ name: 'content_id', type: 'uuid' })
  contentId: string;

  /** Random publication delay, applied when the row is relayed to the queue. */
  @Column({ name: 'delay_ms', type: 'int' })
  delayMs: number;

  @Column({ type: 'boolean', default: false })
  relayed: boolean;
}
