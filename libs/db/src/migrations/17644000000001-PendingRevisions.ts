import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Edits are screened before readers see them (issue 12). An edit that
 * screening holds or rejects is not applied; it is kept here, one row per
 * content (a newer edit replaces it, one that passes deletes it), for the
 * author's moderation status. A held edit keeps its fields for a moderator; a
 * rejected one keeps none (it was rejected for what it said). Times are
 * floored to TIME_BUCKET_SECONDS by the application (privacy rule 5).
 */
export class PendingRevisions17644000000001 implements MigrationInterface {
  name = 'PendingRevisions17644000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE pending_revisions (
        content_type text NOT NULL CHECK (content_type IN ('thread', 'reply', 'review')),
        content_id uuid NOT NULL,
        base_revision int NOT NULL CHECK (base_revision >= 0),
        fields jsonb,
        state text NOT NULL CHECK (state IN ('held', 'rejected')),
        screening_hits jsonb NOT NULL DEFAULT '[]',
        reject_reason text,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (content_type, content_id),
        CHECK ((state = 'held') = (fields IS NOT NULL)),
        CHECK ((state = 'rejected') = (reject_reason IS NOT NULL))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE pending_revisions`);
  }
}
