import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type AuditActor = 'moderator' | 'flags' | 'author';
export type AuditAction = 'approve' | 'remove' | 'restore' | 'hide' | 'appeal';

/**
 * Append-only log of moderation decisions (a trigger rejects UPDATE, DELETE
 * and TRUNCATE). moderatorAccountId is the documented exception to privacy
 * rule 1: it ties moderators to their decisions, never authors to content.
 */
@Entity('moderation_audit_log')
export class ModerationAuditEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'item_id', type: 'uuid' })
  itemId: string;

  @Column({ name: 'company_id', type: 'uuid' })
  companyId: string;

  @Column({ name: 'board_slug', type: 'text', nullable: true })
  boardSlug: string | null;

  @Column({ type: 'text' })
  actor: AuditActor;

  @Column({ name: 'moderator_account_id', type: 'uuid', nullable: true })
  moderatorAccountId: string | null;

  @Column({ type: 'text' })
  action: AuditAction;

  @Column({ name: 'reason_code', type: 'text', nullable: true })
  reasonCode: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
