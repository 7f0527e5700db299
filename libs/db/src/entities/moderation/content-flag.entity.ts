import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { FlagReasonCode } from '@unlinked/config';

/**
 * A reader's flag, paid with an ARC presentation (its tag spent in the same transaction): one per person per
 * item; who flagged is unknowable.
 */
@Entity('content_flags')
export class ContentFlagEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'item_id', type: 'uuid' })
  itemId: string;

  @Column({ type: 'text' })
  reason: FlagReasonCode;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  /** Whether the flag came with a credential of the content's own company (weighs FLAG_WEIGHT_SAME_COMPANY). */
  @Column({ name: 'same_company', type: 'boolean', default: false })
  sameCompany: boolean;

  /** Set when a moderator decided on the item; reviewed flags no longer count toward hiding it. */
  @Column({ type: 'boolean', default: false })
  reviewed: boolean;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
