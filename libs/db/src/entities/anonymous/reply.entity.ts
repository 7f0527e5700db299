import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ContentStatus, type StoredContentStatus } from './content-status.js';

/** A reply in a thread, optionally quoting another reply of the same thread. */
@Entity('replies')
export class ReplyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'thread_id', type: 'uuid' })
  threadId: string;

  @Column({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @Column({ name: 'quoted_reply_id', type: 'uuid', nullable: true })
  quotedReplyId: string | null;

  @Column({ type: 'text' })
  body: string;

  /** Per-thread key of the replier; equal to the thread's key means the OP (privacy rule 10). */
  @Column({ name: 'author_key', type: 'bytea' })
  authorKey: Buffer;

  @Column({ type: 'text', default: ContentStatus.Pending })
  status: StoredContentStatus;

  @Column({ type: 'int', default: 0 })
  revision: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'edited_at', type: 'timestamptz', nullable: true })
  editedAt: Date | null;

  /** Order of publication (one sequence for all content), set in the statement that publishes; NULL until then. */
  @Column({ name: 'published_seq', type: 'bigint', nullable: true, insert: false, update: false })
  publishedSeq: string | null;

  @Column({ type: 'int', default: 0 })
  score: number;
}
