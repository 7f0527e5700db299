import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type ModeratedContentType = 'thread' | 'reply' | 'review' | 'salary' | 'interview';
export type ModerationState = 'published' | 'held' | 'hidden' | 'removed' | 'rejected';
export type QueueReason = 'held' | 'flagged' | 'appealed';

/** A screening hit as stored: the rule, its action and how often it fired; never the matched text. */
export interface StoredHit {
  rule: string;
  action: string;
  count: number;
}

/** Moderation state of one piece of anonymous content (no author, no account: privacy rule 1). */
@Entity('moderation_items')
export class ModerationItemEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'content_type', type: 'text' })
  contentType: ModeratedContentType;

  @Column({ name: 'content_id', type: 'uuid' })
  contentId: string;

  @Column({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @Column({ name: 'board_slug', type: 'text', nullable: true })
  boardSlug: string | null;

  @Column({ type: 'text' })
  state: ModerationState;

  /** Set while the item waits in the moderator queue. */
  @Column({ name: 'queue_reason', type: 'text', nullable: true })
  queueReason: QueueReason | null;

  @Column({ name: 'queued_at', type: 'timestamptz', nullable: true })
  queuedAt: Date | null;

  @Column({ name: 'screening_outcome', type: 'text' })
  screeningOutcome: 'publish' | 'hold' | 'reject';

  @Column({ name: 'screening_hits', type: 'jsonb', default: () => "'[]'" })
  screeningHits: StoredHit[];

  @Column({ name: 'reject_reason', type: 'text', nullable: true })
  rejectReason: string | null;

  @Column({ name: 'removal_reason', type: 'text', nullable: true })
  removalReason: string | null;

  /** The audit row of the removal, so an appeal goes to a different moderator. */
  @Column({ name: 'removed_by_audit_id', type: 'uuid', nullable: true })
  removedByAuditId: string | null;

  @Column({ name: 'flag_weight', type: 'numeric', default: 0 })
  flagWeight: string;

  @Column({ name: 'appeal_statement', type: 'text', nullable: true })
  appealStatement: string | null;

  @Column({ type: 'boolean', default: false })
  appealed: boolean;

  /** Bumped by every decision; a client may pass it to moderate() to detect a concurrent change. */
  @Column({ type: 'int', default: 0 })
  version: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
