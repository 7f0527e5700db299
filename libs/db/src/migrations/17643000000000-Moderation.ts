import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Moderation (anonymous side, privacy rule 1): one item per piece of content
 * with its screening result, flags paid with reaction tokens, and the
 * append-only audit log of decisions.
 *
 * The audit log's moderator_account_id is the one deliberate exception to
 * "no account ids on the anonymous side": it links a MODERATOR to the
 * decisions they took (they act under identity, and must be accountable),
 * never an author to content. Authors appear nowhere here; an item points at
 * content, and content at a per-thread public key only.
 *
 * Times: item and flag times are floored to TIME_BUCKET_SECONDS by the
 * application (privacy rule 5), as are audit rows written by automated
 * actors (flags, author). Moderator decisions carry their exact time.
 */
export class Moderation17643000000000 implements MigrationInterface {
  name = 'Moderation17643000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE moderation_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        content_type text NOT NULL CHECK (content_type IN ('thread', 'reply', 'review')),
        content_id uuid NOT NULL,
        company_id uuid NOT NULL REFERENCES companies(id),
        board_slug text,
        state text NOT NULL CHECK (state IN ('published', 'held', 'hidden', 'removed', 'rejected')),
        queue_reason text CHECK (queue_reason IN ('held', 'flagged', 'appealed')),
        queued_at timestamptz,
        screening_outcome text NOT NULL CHECK (screening_outcome IN ('publish', 'hold', 'reject')),
        screening_hits jsonb NOT NULL DEFAULT '[]',
        reject_reason text,
        removal_reason text,
        removed_by_audit_id uuid,
        flag_weight numeric NOT NULL DEFAULT 0,
        appeal_statement text CHECK (length(appeal_statement) BETWEEN 1 AND 500),
        appealed boolean NOT NULL DEFAULT false,
        version int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL,
        CONSTRAINT moderation_items_content UNIQUE (content_type, content_id),
        CHECK ((queue_reason IS NULL) = (queued_at IS NULL))
      )`);
    // The moderator queue: oldest first, only items waiting for a decision.
    await q.query(
      `CREATE INDEX moderation_items_queue ON moderation_items (queued_at, id) WHERE queue_reason IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE content_flags (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        item_id uuid NOT NULL REFERENCES moderation_items(id) ON DELETE CASCADE,
        reason text NOT NULL CHECK (reason IN
          ('spam', 'harassment', 'personal_information', 'hate', 'confidential', 'off_topic', 'other')),
        note text CHECK (length(note) BETWEEN 1 AND 280),
        reviewed boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL
      )`);
    // Unreviewed flags count toward hiding; a moderator's approval marks them reviewed.
    await q.query(`CREATE INDEX content_flags_item ON content_flags (item_id) WHERE NOT reviewed`);

    await q.query(`
      CREATE TABLE moderation_audit_log (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        item_id uuid NOT NULL,
        company_id uuid NOT NULL,
        board_slug text,
        actor text NOT NULL CHECK (actor IN ('moderator', 'flags', 'author')),
        moderator_account_id uuid CHECK ((actor = 'moderator') = (moderator_account_id IS NOT NULL)),
        action text NOT NULL CHECK (action IN ('approve', 'remove', 'restore', 'hide', 'appeal')),
        reason_code text,
        note text CHECK (length(note) <= 1000),
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX moderation_audit_log_item ON moderation_audit_log (item_id, created_at)`);
    await q.query(
      `CREATE INDEX moderation_audit_log_removals ON moderation_audit_log (company_id, created_at) WHERE action = 'remove'`,
    );
    // Append-only, enforced by the database: no API (nor a bug in one) can edit or erase a decision.
    await q.query(`
      CREATE FUNCTION moderation_audit_log_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'moderation_audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await q.query(`
      CREATE TRIGGER moderation_audit_log_no_update_delete BEFORE UPDATE OR DELETE ON moderation_audit_log
      FOR EACH ROW EXECUTE FUNCTION moderation_audit_log_immutable()`);
    await q.query(`
      CREATE TRIGGER moderation_audit_log_no_truncate BEFORE TRUNCATE ON moderation_audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION moderation_audit_log_immutable()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE moderation_audit_log`);
    await q.query(`DROP FUNCTION moderation_audit_log_immutable()`);
    await q.query(`DROP TABLE content_flags`);
    await q.query(`DROP TABLE moderation_items`);
  }
}
