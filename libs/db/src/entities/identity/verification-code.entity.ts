import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Identity side: the one live code of an address; a new request replaces it. Pruned after expiry. */
@Entity('verification_codes')
export class VerificationCodeEntity {
  /** Id of the request that created the code; the code hash is bound to it. */
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'email_hmac', type: 'bytea', unique: true })
  emailHmac: Buffer;

  @Column({ name: 'code_hash', type: 'bytea' })
  codeHash: Buffer;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
