import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The anonymous side (privacy rules 1, 3, 5): boards, threads, replies,
 * reviews, votes, spent tokens, the publication outbox and the review
 * aggregates. No column names or derives from an account, session, email,
 * IP or user agent, and no foreign key points at an identity-side table.
 * Ids are random (gen_random_uuid); every stored time is floored to
 * TIME_BUCKET_SECONDS by the application before it is written.
 */
export class Forum17642000000000 implements MigrationInterface {
  name = 'Forum17642000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`
      CREATE TABLE boards (
        slug text PRIMARY KEY CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        name text NOT NULL,
        description text NOT NULL,
        position int NOT NULL
      )`);
    await q.query(`
      INSERT INTO boards (slug, name, description, position) VALUES
        ('career', 'Career', 'Job hunting, interviews, promotions and switching teams.', 1),
        ('compensation', 'Compensation', 'Salaries, equity, bonuses and offers.', 2),
        ('layoffs', 'Layoffs', 'Restructurings, layoffs and what comes after.', 3),
        ('industry', 'Industry talk', 'News and talk about the industry at large.', 4)`);

    const status = `status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'published', 'deleted'))`;
    await q.query(`
      CREATE TABLE threads (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL REFERENCES companies(id),
        board_slug text REFERENCES boards(slug),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
        author_key bytea NOT NULL CHECK (length(author_key) = 32),
        ${status},
        revision int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL,
        edited_at timestamptz,
        last_activity_at timestamptz NOT NULL,
        reply_count int NOT NULL DEFAULT 0,
        score int NOT NULL DEFAULT 0,
        search_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple', title || ' ' || body)) STORED
      )`);
    // Keyset indexes per (board, sort), published rows only: NULL board_slug is the company's own board.
    for (const [name, cols] of [
      ['new', 'created_at DESC, id DESC'],
      ['top', 'score DESC, id DESC'],
      ['active', 'last_activity_at DESC, id DESC'],
    ]) {
      await q.query(
        `CREATE INDEX threads_company_${name} ON threads (company_id, ${cols}) WHERE board_slug IS NULL AND status = 'published'`,
      );
      await q.query(
        `CREATE INDEX threads_board_${name} ON threads (board_slug, ${cols}) WHERE board_slug IS NOT NULL AND status = 'published'`,
      );
    }
    // Words (any language with spaces) through the tsvector; Chinese and other unsegmented
    // scripts through trigrams, which pg_trgm extracts from CJK text under C.UTF-8.
    await q.query(`CREATE INDEX threads_search ON threads USING gin (search_vector)`);
    await q.query(`CREATE INDEX threads_trgm ON threads USING gin ((title || ' ' || body) gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE replies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        thread_id uuid NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
        company_id uuid NOT NULL REFERENCES companies(id),
        quoted_reply_id uuid REFERENCES replies(id) ON DELETE SET NULL,
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
        author_key bytea NOT NULL CHECK (length(author_key) = 32),
        ${status},
        revision int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL,
        edited_at timestamptz,
        score int NOT NULL DEFAULT 0
      )`);
    await q.query(`CREATE INDEX replies_thread ON replies (thread_id, created_at, id) WHERE status = 'published'`);

    await q.query(`
      CREATE TABLE reviews (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid NOT NULL REFERENCES companies(id),
        author_key bytea NOT NULL CHECK (length(author_key) = 32),
        overall smallint NOT NULL CHECK (overall BETWEEN 1 AND 5),
        culture smallint NOT NULL CHECK (culture BETWEEN 1 AND 5),
        work_life smallint NOT NULL CHECK (work_life BETWEEN 1 AND 5),
        senior_management smallint NOT NULL CHECK (senior_management BETWEEN 1 AND 5),
        compensation smallint NOT NULL CHECK (compensation BETWEEN 1 AND 5),
        career smallint NOT NULL CHECK (career BETWEEN 1 AND 5),
        diversity smallint NOT NULL CHECK (diversity BETWEEN 1 AND 5),
        ceo_approval text NOT NULL CHECK (ceo_approval IN ('approve', 'no_opinion', 'disapprove')),
        recommend boolean NOT NULL,
        outlook text NOT NULL CHECK (outlook IN ('positive', 'neutral', 'negative')),
        employment text NOT NULL CHECK (employment IN ('current', 'former')),
        job_title text CHECK (length(job_title) BETWEEN 1 AND 100),
        location text CHECK (length(location) BETWEEN 1 AND 100),
        tenure text CHECK (tenure IN ('lt1', '1to3', '3to5', '5to10', 'gt10')),
        pros text NOT NULL CHECK (length(pros) BETWEEN 1 AND 10000),
        cons text NOT NULL CHECK (length(cons) BETWEEN 1 AND 10000),
        advice text CHECK (length(advice) BETWEEN 1 AND 10000),
        ${status},
        revision int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL,
        edited_at timestamptz,
        helpful_count int NOT NULL DEFAULT 0,
        search_vector tsvector GENERATED ALWAYS AS
          (to_tsvector('simple', pros || ' ' || cons || ' ' || coalesce(advice, ''))) STORED
      )`);
    await q.query(
      `CREATE INDEX reviews_recent ON reviews (company_id, created_at DESC, id DESC) WHERE status = 'published'`,
    );
    await q.query(
      `CREATE INDEX reviews_helpful ON reviews (company_id, helpful_count DESC, id DESC) WHERE status = 'published'`,
    );
    await q.query(
      `CREATE INDEX reviews_rating ON reviews (company_id, overall DESC, id DESC) WHERE status = 'published'`,
    );
    await q.query(`CREATE INDEX reviews_search ON reviews USING gin (search_vector)`);
    await q.query(
      `CREATE INDEX reviews_trgm ON reviews USING gin ((pros || ' ' || cons || ' ' || coalesce(advice, '')) gin_trgm_ops)`,
    );

    await q.query(`
      CREATE TABLE votes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        target_type text NOT NULL CHECK (target_type IN ('thread', 'reply', 'review')),
        target_id uuid NOT NULL,
        value smallint NOT NULL CHECK (value IN (-1, 1)),
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX votes_target ON votes (target_type, target_id)`);

    // Privacy rule 3: (token key id, nonce) unique; rows live until their key is retired.
    await q.query(`
      CREATE TABLE spent_tokens (
        token_key_id bytea NOT NULL CHECK (length(token_key_id) = 32),
        nonce bytea NOT NULL CHECK (length(nonce) = 32),
        expires_at timestamptz NOT NULL,
        CONSTRAINT spent_tokens_pkey PRIMARY KEY (token_key_id, nonce)
      )`);
    await q.query(`CREATE INDEX spent_tokens_expires ON spent_tokens (expires_at)`);

    // Transactional outbox: written with the content, relayed to BullMQ by the worker.
    await q.query(`
      CREATE TABLE publication_outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        content_type text NOT NULL CHECK (content_type IN ('thread', 'reply', 'review')),
        content_id uuid NOT NULL,
        delay_ms int NOT NULL CHECK (delay_ms >= 0),
        relayed boolean NOT NULL DEFAULT false
      )`);
    await q.query(`CREATE INDEX publication_outbox_pending ON publication_outbox (id) WHERE NOT relayed`);

    // Review aggregates, maintained incrementally on publish and delete (one row lock per company).
    await q.query(`
      CREATE TABLE company_review_stats (
        company_id uuid PRIMARY KEY REFERENCES companies(id) ON DELETE CASCADE,
        review_count int NOT NULL DEFAULT 0,
        overall_sum int NOT NULL DEFAULT 0,
        overall_1 int NOT NULL DEFAULT 0,
        overall_2 int NOT NULL DEFAULT 0,
        overall_3 int NOT NULL DEFAULT 0,
        overall_4 int NOT NULL DEFAULT 0,
        overall_5 int NOT NULL DEFAULT 0,
        culture_sum int NOT NULL DEFAULT 0,
        work_life_sum int NOT NULL DEFAULT 0,
        senior_management_sum int NOT NULL DEFAULT 0,
        compensation_sum int NOT NULL DEFAULT 0,
        career_sum int NOT NULL DEFAULT 0,
        diversity_sum int NOT NULL DEFAULT 0,
        ceo_approve int NOT NULL DEFAULT 0,
        ceo_no_opinion int NOT NULL DEFAULT 0,
        ceo_disapprove int NOT NULL DEFAULT 0,
        recommend_yes int NOT NULL DEFAULT 0,
        outlook_positive int NOT NULL DEFAULT 0,
        outlook_neutral int NOT NULL DEFAULT 0,
        outlook_negative int NOT NULL DEFAULT 0,
        current_count int NOT NULL DEFAULT 0,
        former_count int NOT NULL DEFAULT 0
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'company_review_stats',
      'publication_outbox',
      'spent_tokens',
      'votes',
      'reviews',
      'replies',
      'threads',
      'boards',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
