import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A spent ARC presentation tag (issue 11): one per (key, presentation context,
 * tag), written in the same transaction as the vote, flag or review it paid
 * for. Limit-1 presentations of one credential in one context share a tag, so
 * the primary key refuses a second one. Pruned once the key retires.
 */
@Entity('spent_arc_tags')
export class SpentArcTagEntity {
  /** issuer_key_id (SHA-256 of the ARC public key): names (company, period). */
  @PrimaryColumn({ name: 'key_id', type: 'bytea' })
  keyId: Buffer;

  /** The 32-byte redemption context: SHA-256 of "<action>:<subject>" (libs/arc unlinked.ts). */
  @PrimaryColumn({ type: 'bytea' })
  context: Buffer;

  /** The presentation's tag (a compressed P-256 point), deterministic per credential and context. */
  @PrimaryColumn({ type: 'bytea' })
  tag: Buffer;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
