import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ItemContentType } from './content-status.js';

/** One vote, paid with an ARC presentation (one per person per item). Carries no voter and no credential value. */
@Entity('votes')
export class VoteEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'target_type', type: 'text' })
  targetType: ItemContentType;

  @Column({ name: 'target_id', type: 'uuid' })
  targetId: string;

  /** +1 up or helpful, -1 down. */
  @Column({ type: 'smallint' })
  value: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
