import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Companies1764100000000 implements MigrationInterface {
  name = 'Companies1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`
      CREATE TABLE companies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        industry text,
        size_bucket text CHECK (size_bucket IN ('1-50','51-200','201-1000','1001-5000','5001-10000','10000+')),
        headquarters text,
        description text,
        status text NOT NULL DEFAULT 'unconfirmed' CHECK (status IN ('confirmed','unconfirmed')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Search is case-insensitive substring match on name or domain: trigram GIN indexes serve ILIKE '%x%'.
    await q.query(`CREATE INDEX companies_name_trgm ON companies USING gin (lower(name) gin_trgm_ops)`);
    await q.query(`
      CREATE TABLE company_domains (
        domain text PRIMARY KEY CHECK (domain = lower(domain) AND domain ~ '^[a-z0-9.-]+$'),
        company_id uuid NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
        "primary" boolean NOT NULL DEFAULT false
      )`);
    await q.query(`CREATE INDEX company_domains_company ON company_domains (company_id)`);
    await q.query(`CREATE INDEX company_domains_trgm ON company_domains USING gin (domain gin_trgm_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE company_domains`);
    await q.query(`DROP TABLE companies`);
  }
}
