import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Identity side: a bearer session, stored as a hash of its token. */
@Entity('sessions')
export class SessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'token_hash', type: 'bytea', unique: true })
  tokenHash: Buffer;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  /** Idle deadline, moved forward in whole days on use; never past absoluteExpiresAt. */
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'absolute_expires_at', type: 'timestamptz' })
  absoluteExpiresAt: Date;
}
