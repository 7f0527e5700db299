import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['threads', 'replies', 'reviews'] as const;

/**
 * Issue 13: readers saw replies out of order and "Newest" boards not newest
 * first, because pages sorted on the hour-bucketed `created_at`, then the
 * random id. Content now gets `published_seq` from one sequence in the
 * statement that publishes it (ContentRepository.setStatus). It orders
 * publication, which readers see happen anyway; submission times stay
 * coarse and ids stay random (privacy rule 5). Published rows are
 * backfilled in (created_at, table, id) order, the best order there is.
 */
export class PublicationSequence17646200000000 implements MigrationInterface {
  name = 'PublicationSequence17646200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE publication_seq AS bigint`);
    for (const t of TABLES) await q.query(`ALTER TABLE ${t} ADD COLUMN published_seq bigint`);
    await q.query(`
      WITH published AS (
        SELECT 'threads' AS t, id, created_at FROM threads WHERE status = 'published'
        UNION ALL SELECT 'replies', id, created_at FROM replies WHERE status = 'published'
        UNION ALL SELECT 'reviews', id, created_at FROM reviews WHERE status = 'published'
      )
      SELECT t, id, row_number() OVER (ORDER BY created_at, t, id) AS seq INTO TEMPORARY publication_backfill FROM published`);
    for (const t of TABLES) {
      await q.query(
        `UPDATE ${t} x SET published_seq = b.seq FROM publication_backfill b WHERE b.t = '${t}' AND b.id = x.id`,
      );
    }
    await q.query(
      `SELECT setval('publication_seq', greatest((SELECT max(seq) FROM publication_backfill), 1),
         (SELECT count(*) > 0 FROM publication_backfill))`,
    );
    await q.query(`DROP TABLE publication_backfill`);
    for (const t of TABLES) {
      // Keyset pages rely on every published row having its place.
      await q.query(
        `ALTER TABLE ${t} ADD CONSTRAINT ${t}_published_seq CHECK (status <> 'published' OR published_seq IS NOT NULL)`,
      );
    }
    await orderIndexes(q, 'published_seq');
  }

  async down(q: QueryRunner): Promise<void> {
    await orderIndexes(q, 'created_at');
    for (const t of TABLES) await q.query(`ALTER TABLE ${t} DROP COLUMN published_seq`);
    await q.query(`DROP SEQUENCE publication_seq`);
  }
}

/** The keyset indexes of "New" threads, a thread's replies and "Recent" reviews, on the given order column. */
async function orderIndexes(q: QueryRunner, column: 'published_seq' | 'created_at'): Promise<void> {
  for (const name of ['threads_company_new', 'threads_board_new', 'replies_thread', 'reviews_recent']) {
    await q.query(`DROP INDEX ${name}`);
  }
  const published = `status = 'published'`;
  await q.query(
    `CREATE INDEX threads_company_new ON threads (company_id, ${column} DESC, id DESC) WHERE board_slug IS NULL AND ${published}`,
  );
  await q.query(
    `CREATE INDEX threads_board_new ON threads (board_slug, ${column} DESC, id DESC) WHERE board_slug IS NOT NULL AND ${published}`,
  );
  await q.query(`CREATE INDEX replies_thread ON replies (thread_id, ${column}, id) WHERE ${published}`);
  await q.query(`CREATE INDEX reviews_recent ON reviews (company_id, ${column} DESC, id DESC) WHERE ${published}`);
}
