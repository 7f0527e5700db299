import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A redeemed Privacy Pass token (privacy rule 3). Pruned once its key is no longer redeemable. */
@Entity('spent_tokens')
export class SpentTokenEntity {
  @PrimaryColumn({ name: 'token_key_id', type: 'bytea' })
  tokenKeyId: Buffer;

  @PrimaryColumn({ type: 'bytea' })
  nonce: Buffer;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
