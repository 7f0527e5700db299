import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Self-healing publication: each outbox row gets a coarse due time, the
 * bucket boundary after which its content must have been published (the
 * submission's TIME_BUCKET_SECONDS bucket, plus one bucket, plus the largest
 * publication delay rounded up to whole buckets). It is a function of the
 * already bucketed submission time and of configuration only, so it says
 * nothing that `created_at` does not (privacy rule 5). The outbox sweep
 * re-enqueues relayed rows past their due time whose job Redis lost.
 * Rows written without one (older rows, hand-written inserts) are due at once;
 * the sweep still leaves any row whose job exists.
 */
export class OutboxDue17644000000000 implements MigrationInterface {
  name = 'OutboxDue17644000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE publication_outbox ADD COLUMN due_at timestamptz NOT NULL DEFAULT '-infinity'`);
    await q.query(`CREATE INDEX publication_outbox_due ON publication_outbox (due_at, id) WHERE relayed`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX publication_outbox_due`);
    await q.query(`ALTER TABLE publication_outbox DROP COLUMN due_at`);
  }
}
