import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11: votes, flags and reviews are paid with ARC presentations. Their
 * tags are spent here, unique per (key, presentation context, tag), in the
 * same transaction as the write; rows are pruned when the key retires.
 * Flags record whether the flagger's credential is of the content's own
 * company (it weighs FLAG_WEIGHT_SAME_COMPANY rather than
 * FLAG_WEIGHT_OTHER_COMPANY).
 */
export class ArcSpentTags17646000000000 implements MigrationInterface {
  name = 'ArcSpentTags17646000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE spent_arc_tags (
        key_id bytea NOT NULL CHECK (octet_length(key_id) = 32),
        context bytea NOT NULL CHECK (octet_length(context) = 32),
        tag bytea NOT NULL CHECK (octet_length(tag) = 33),
        expires_at timestamptz NOT NULL,
        CONSTRAINT spent_arc_tags_pkey PRIMARY KEY (key_id, context, tag)
      )`);
    await q.query(`CREATE INDEX spent_arc_tags_expires_at ON spent_arc_tags (expires_at)`);
    await q.query(`ALTER TABLE content_flags ADD COLUMN same_company boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE content_flags DROP COLUMN same_company`);
    await q.query(`DROP TABLE spent_arc_tags`);
  }
}
