import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables whose content_type names a kind of anonymous content; interviews join them. */
const CONTENT_TYPE_TABLES = ['publication_outbox', 'moderation_items', 'pending_revisions'] as const;

/**
 * Interview reviews (issue 14), anonymous side (privacy rules 1, 5, 9). A
 * candidate writes about a company they interviewed at, paid with an ARC
 * presentation of their own company's credential in the context
 * `interview:<company id>`. The row keeps what the form asks and nothing that
 * names the writer: the author's company only when they chose to show it
 * (shown_company_id), the interview month (a month, as given), stored times
 * floored to TIME_BUCKET_SECONDS, random ids, and publication order.
 *
 * interview_questions: one row per question asked, searchable by words
 * (tsvector) and any substring, Chinese included (pg_trgm, as threads).
 * interview_stats: aggregates per (company, title key) maintained on
 * publication and removal; title_key '' is the whole company. `demo` marks
 * rows the development seed wrote (never in production).
 */
export class Interviews17647200000000 implements MigrationInterface {
  name = 'Interviews17647200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE interviews (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL REFERENCES companies(id),
        author_key bytea NOT NULL CHECK (length(author_key) = 32),
        shown_company_id uuid REFERENCES companies(id),
        job_title text NOT NULL CHECK (length(job_title) BETWEEN 1 AND 100),
        title_key text NOT NULL CHECK (length(title_key) BETWEEN 1 AND 120),
        interview_month date NOT NULL CHECK (extract(day FROM interview_month) = 1),
        source text NOT NULL CHECK (source IN ('applied_online', 'referral', 'recruiter', 'campus', 'other')),
        difficulty smallint NOT NULL CHECK (difficulty BETWEEN 1 AND 5),
        experience text NOT NULL CHECK (experience IN ('positive', 'neutral', 'negative')),
        outcome text NOT NULL CHECK (outcome IN ('offer_accepted', 'offer_declined', 'no_offer', 'waiting')),
        process_length text NOT NULL CHECK (process_length IN ('lt1w', '1to2w', '2to4w', '1to2m', 'gt2m')),
        stages text NOT NULL CHECK (length(stages) BETWEEN 1 AND 10000),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'published', 'deleted', 'hidden')),
        revision int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL,
        edited_at timestamptz,
        published_seq bigint,
        demo boolean NOT NULL DEFAULT false,
        CONSTRAINT interviews_published_seq CHECK (status <> 'published' OR published_seq IS NOT NULL)
      )`);
    const published = `WHERE status = 'published'`;
    await q.query(
      `CREATE INDEX interviews_recent ON interviews (company_id, published_seq DESC, id DESC) ${published}`,
    );
    await q.query(
      `CREATE INDEX interviews_difficulty ON interviews (company_id, difficulty DESC, id DESC) ${published}`,
    );
    await q.query(`CREATE INDEX interviews_search_order ON interviews (published_seq DESC, id DESC) ${published}`);

    await q.query(`
      CREATE TABLE interview_questions (
        interview_id uuid NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
        position smallint NOT NULL CHECK (position BETWEEN 0 AND 49),
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 1000),
        search_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED,
        PRIMARY KEY (interview_id, position)
      )`);
    await q.query(`CREATE INDEX interview_questions_search ON interview_questions USING gin (search_vector)`);
    await q.query(`CREATE INDEX interview_questions_trgm ON interview_questions USING gin (body gin_trgm_ops)`);

    const counters = [
      'report_count',
      'difficulty_sum',
      'experience_positive',
      'experience_neutral',
      'experience_negative',
      'offer_accepted',
      'offer_declined',
      'no_offer',
      'waiting',
      'length_lt1w',
      'length_1to2w',
      'length_2to4w',
      'length_1to2m',
      'length_gt2m',
    ];
    await q.query(`
      CREATE TABLE interview_stats (
        company_id uuid NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
        title_key text NOT NULL,
        job_title text NOT NULL,
        ${counters.map((c) => `${c} int NOT NULL DEFAULT 0`).join(',\n        ')},
        PRIMARY KEY (company_id, title_key)
      )`);

    for (const t of CONTENT_TYPE_TABLES) await contentTypes(q, t, ['thread', 'reply', 'review', 'interview']);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of CONTENT_TYPE_TABLES) {
      await q.query(`DELETE FROM ${t} WHERE content_type = 'interview'`);
      await contentTypes(q, t, ['thread', 'reply', 'review']);
    }
    await q.query(`DROP TABLE interview_stats`);
    await q.query(`DROP TABLE interview_questions`);
    await q.query(`DROP TABLE interviews`);
  }
}

async function contentTypes(q: QueryRunner, table: string, types: readonly string[]): Promise<void> {
  await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_content_type_check`);
  await q.query(
    `ALTER TABLE ${table} ADD CONSTRAINT ${table}_content_type_check CHECK (content_type IN (${types.map((t) => `'${t}'`).join(', ')}))`,
  );
}
