import type { MigrationInterface, QueryRunner } from 'typeorm';

const BUCKETS = `('lt1', '1to3', '3to5', '5to10', 'gt10')`;

/**
 * Issue 14, salaries. `salary_reports` holds each report as given (one per
 * person per company per ARC period, paid with an ARC presentation in the
 * context salary:<company id>); it is never read back one report at a time by
 * any API. `salary_groups` holds the aggregates the API shows, recomputed for
 * the report's (company, title, currency) whenever a report enters or leaves
 * publication, under a per-group advisory lock. A group under
 * SALARY_MIN_REPORTS keeps its count and names only: its amount columns are
 * NULL, so the table never holds a small group's pay.
 *
 * The content_type checks that let 'salary' into publication_outbox and
 * moderation_items are in ContentTypes17647500000000: rewriting them here
 * would drop 'interview' on a database that already ran Interviews17647200000000.
 */
export class Salaries17647100000000 implements MigrationInterface {
  name = 'Salaries17647100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE salary_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL REFERENCES companies(id),
        author_key bytea NOT NULL CHECK (length(author_key) = 32),
        job_title text NOT NULL CHECK (length(job_title) BETWEEN 1 AND 100),
        title_key text NOT NULL CHECK (length(title_key) BETWEEN 1 AND 100),
        level text CHECK (length(level) BETWEEN 1 AND 40),
        level_key text CHECK (length(level_key) BETWEEN 1 AND 40),
        city text NOT NULL CHECK (length(city) BETWEEN 1 AND 100),
        city_key text NOT NULL CHECK (length(city_key) BETWEEN 1 AND 100),
        experience text NOT NULL CHECK (experience IN ${BUCKETS}),
        tenure text NOT NULL CHECK (tenure IN ${BUCKETS}),
        employment_type text NOT NULL CHECK (employment_type IN ('full_time', 'part_time', 'contract', 'intern')),
        currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        base_pay bigint NOT NULL CHECK (base_pay > 0),
        bonus bigint NOT NULL CHECK (bonus >= 0),
        stock bigint NOT NULL CHECK (stock >= 0),
        sign_on bigint CHECK (sign_on >= 0),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'published', 'deleted', 'hidden')),
        created_at timestamptz NOT NULL,
        published_seq bigint,
        demo boolean NOT NULL DEFAULT false
      )`);
    // The recomputation of one group reads its published reports through this index.
    await q.query(
      `CREATE INDEX salary_reports_group ON salary_reports (company_id, title_key, currency) WHERE status = 'published'`,
    );

    await q.query(`
      CREATE TABLE salary_groups (
        company_id uuid NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
        title_key text NOT NULL,
        level_key text NOT NULL DEFAULT '',
        city_key text NOT NULL DEFAULT '',
        currency text NOT NULL,
        scope text NOT NULL CHECK (scope IN ('title', 'level', 'city', 'level_city')),
        job_title text NOT NULL,
        level text,
        city text,
        report_count int NOT NULL CHECK (report_count > 0),
        total_p25 bigint, total_p50 bigint, total_p75 bigint,
        base_p25 bigint, base_p50 bigint, base_p75 bigint,
        bonus_p25 bigint, bonus_p50 bigint, bonus_p75 bigint,
        stock_p25 bigint, stock_p50 bigint, stock_p75 bigint,
        sign_on_count int NOT NULL DEFAULT 0,
        demo_count int NOT NULL DEFAULT 0,
        sign_on_p25 bigint, sign_on_p50 bigint, sign_on_p75 bigint,
        PRIMARY KEY (company_id, title_key, level_key, city_key, currency)
      )`);
    // A company's titles (Salaries tab), and one title across companies (lookup, compare).
    await q.query(
      `CREATE INDEX salary_groups_company ON salary_groups (company_id, scope, report_count DESC, title_key, currency)`,
    );
    await q.query(`CREATE INDEX salary_groups_title ON salary_groups (title_key, scope, company_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE salary_groups`);
    await q.query(`DROP TABLE salary_reports`);
  }
}
