import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * Identity side: the live code of an address for one requesting client; that client's new request replaces it,
 * another client's does not. Pruned after expiry.
 */
@Entity('verification_codes')
@Unique('verification_codes_email_client_key', ['emailHmac', 'clientKey'])
export class VerificationCodeEntity {
  /** Id of the request that created the code; the code hash is bound to it. */
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'email_hmac', type: 'bytea' })
  emailHmac: Buffer;

  /** Rate-limit key of the requesting client (HMAC of its network under the daily Redis key, client-key.ts). */
  @Column({ name: 'client_key', type: 'text' })
  clientKey: string;

  @Column({ name: 'code_hash', type: 'bytea' })
  codeHash: Buffer;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
