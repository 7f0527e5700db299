import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { FlagReasonCode } from '@unlinked/config';

/** A reader's flag, paid with a reaction token (spent in the same transaction); who flagged is unknowable. */
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

  /** Set when a moderator decided on the item; reviewed flags no longer count toward hiding it. */
  @Column({ type: 'boolean', default: false })
  reviewed: boolean;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
