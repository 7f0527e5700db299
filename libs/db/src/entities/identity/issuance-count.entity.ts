import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Identity side, privacy rule 2: (account, key) → number of tokens issued.
 * No blinded or evaluated element, no per-request time.
 */
@Entity('issuance_counts')
export class IssuanceCountEntity {
  @PrimaryColumn({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @PrimaryColumn({ name: 'token_key_id', type: 'bytea' })
  tokenKeyId: Buffer;

  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'int' })
  epoch: number;

  @Column({ type: 'int' })
  issued: number;

  /** When the row is pruned: once its key is retired (or the review window has passed). */
  @Column({ name: 'retire_at', type: 'timestamptz' })
  retireAt: Date;
}
